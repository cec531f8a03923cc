"""Benchmarks: one command each, printing figures; never part of the test run."""
