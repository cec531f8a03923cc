"""/summary in chat."""
