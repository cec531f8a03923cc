"""Personal data in chat: /privacy (the notice), /mydata (a copy), /forget (erasure);
/email_forget ADDRESS (an organiser erases a journalist known by email alone)."""

from __future__ import annotations

from aiogram import F, Router

from handlers.common.callbacks import answer_callbacks
from handlers.privacy import email_forget, rights


def router() -> Router:
    feature = Router(name="privacy")
    feature.message.filter(F.chat.type == "private")
    rights.setup(feature)
    email_forget.setup(feature)
    answer_callbacks(feature)
    return feature
