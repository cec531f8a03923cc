"""The only place that sends messages on the bot's own initiative: a durable outbox in
SQLite, Telegram's rate limits, retries and unreachable users (see ``Delivery``)."""

from bot.delivery.messages import DeliveryProgress, Outgoing
from bot.delivery.worker import Delivery, DeliveryLimits

__all__ = ["Delivery", "DeliveryLimits", "DeliveryProgress", "Outgoing"]
