"""What the bot knows how to do, in plain async Python, testable without Telegram."""
