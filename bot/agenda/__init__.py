"""The programme: days, sessions, now/next, calendar files."""
