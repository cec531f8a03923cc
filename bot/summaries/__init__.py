"""Daily summaries of the meeting."""
