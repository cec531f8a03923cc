"""Figures and CSV exports for the organisers."""
