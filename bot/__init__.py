"""Event desk: a Telegram bot for a meeting's delegates, journalists and organisers."""
