"""/start, /help, the main menu and the language switch."""
