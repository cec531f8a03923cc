"""Sharing: inline search over the meeting, and the deep links its cards carry."""
