"""The organisers' console: pages under /app/organiser/… of the same Mini App.

Every handler calls the services chat calls (their access checks refuse anyone but an
organiser → 403); forms are POSTed with the initData header like every Mini App form.
Routes are added by ``bot.web.console.routes``.
"""
