"""Typed answers to step-by-step forms: validation that knows nothing of Telegram."""
