"""The one aiohttp application: webhook, health check."""
