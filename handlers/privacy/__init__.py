"""Personal data in chat: /privacy (the notice), /mydata (a copy), /forget (erasure)."""

from __future__ import annotations

from aiogram import F, Router

from handlers.common.callbacks import answer_callbacks
from handlers.privacy import rights


def router() -> Router:
    feature = Router(name="privacy")
    feature.message.filter(F.chat.type == "private")
    rights.setup(feature)
    answer_callbacks(feature)
    return feature
