"""/broadcast and /broadcasts."""
