"""Reminder buttons, /reminders and the texts of reminder notices."""
