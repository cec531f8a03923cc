"""Users, their language and their role."""
