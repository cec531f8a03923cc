"""Calendar feeds: the whole programme, and each user's followed sessions behind a secret link."""
