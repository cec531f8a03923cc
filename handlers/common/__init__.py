"""Handlers and views every feature shares: errors, fallback, reachability."""
