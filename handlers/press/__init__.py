"""/press, /releases, /quotes, /ask, /queue and the press forms."""
