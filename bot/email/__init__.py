"""The press office by email: addresses with consent, what goes by email, the messages."""
