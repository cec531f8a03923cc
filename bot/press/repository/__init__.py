"""The press centre's repositories, one per table."""
