"""The buttons of /email: a journalist's choice of what comes by email."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.email.values import Contact, Topic
from bot.telegram.keyboard import InlineKeyboardBuilder


class EmailAction(StrEnum):
    ON = "on"
    OFF = "off"
    ADDRESS = "addr"
    GIVE = "give"


class EmailCb(CallbackData, prefix="em"):
    action: EmailAction
    topic: Topic | None = None


def topic_label(topic: Topic) -> str:
    labels = {
        Topic.RELEASES: _("Press releases"),
        Topic.SUMMARIES: _("Daily summaries"),
        Topic.ADVISORIES: _("Media advisories"),
        Topic.ANSWERS: _("Answers to my requests"),
    }
    return labels[topic]


def choices_keyboard(contact: Contact) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for topic in Topic:
        wanted = topic in contact.topics
        builder.button(
            text=("✅ " if wanted else "▫️ ") + topic_label(topic),
            callback_data=EmailCb(
                action=EmailAction.OFF if wanted else EmailAction.ON, topic=topic
            ),
        )
    builder.button(text=_("✉️ Another address"), callback_data=EmailCb(action=EmailAction.ADDRESS))
    builder.adjust(1)
    return builder.as_markup()


def give_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("✉️ Give an email address"), callback_data=EmailCb(action=EmailAction.GIVE)
    )
    return builder.as_markup()
