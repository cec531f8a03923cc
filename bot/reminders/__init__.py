"""Reminders before followed sessions, change notices, next-day offers."""
