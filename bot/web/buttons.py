"""Ways into the Mini App from chat: the bot's menu button and a «📱 Open programme» button."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, MenuButtonDefault, MenuButtonWebApp, WebAppInfo
from aiogram.utils.i18n import gettext as _

from bot.config import Settings

log = logging.getLogger(__name__)


def mini_app_url(settings: Settings) -> str | None:
    """The Mini App's address, when the bot has a public HTTPS one."""
    return None if settings.web_public_url is None else f"{settings.web_public_url}/app/"


def web_app_button(settings: Settings, language: str) -> InlineKeyboardButton | None:
    """«📱 Open programme» for a chat keyboard (None without WEB_PUBLIC_URL).

    Called inside an update, where the i18n context is set.
    """
    url = mini_app_url(settings)
    if url is None:
        return None
    return InlineKeyboardButton(
        text=_("📱 Open programme", locale=language), web_app=WebAppInfo(url=url)
    )


async def publish_menu_button(bot: Bot, settings: Settings, label: str) -> None:
    """Every chat's menu button opens the Mini App; without WEB_PUBLIC_URL, a button
    this bot set before (a previous address) goes back to the command list."""
    url = mini_app_url(settings)
    if url is not None:
        button = MenuButtonWebApp(text=label, web_app=WebAppInfo(url=url))
        await bot.set_chat_menu_button(menu_button=button)
        log.info("menu button opens the Mini App at %s", url)
        return
    current = await bot.get_chat_menu_button()
    if isinstance(current, MenuButtonWebApp) and current.web_app.url.endswith("/app/"):
        await bot.set_chat_menu_button(menu_button=MenuButtonDefault())
        log.info("menu button back to the commands: WEB_PUBLIC_URL is not set")
