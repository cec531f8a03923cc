"""The press office by email, the chat side: the letters' words, the address forms."""
