"""Telegram plumbing shared by every feature: middlewares, keyboards, HTML limits."""
