"""/invite, /invites and organiser roles."""
