"""Organisers' broadcasts to an audience."""
