"""/agenda, /now and calendar files in chat."""
