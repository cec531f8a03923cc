"""Feedback: a rating of each session after it ends, and the after-meeting survey."""
