"""One-click unsubscribe from the press office's email, without Telegram (RFC 8058).

``GET`` shows the address and one button (a link scanner that follows every link must
not unsubscribe anyone); ``POST`` unsubscribes, from that button or from a mail program
that read ``List-Unsubscribe-Post``. The link is signed (``bot.email.links``); a forged
or damaged one changes nothing. Unsubscribing twice says so again and is no error.
Plain HTML, no script, no other host: it must open where Telegram is blocked.
"""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import I18n
from aiohttp import web

from bot.email.links import UNSUBSCRIBE_PATH
from bot.email.service import EmailDesk, Unsubscribed
from bot.email.values import Contact

DESK = web.AppKey("email_desk", EmailDesk)
I18N = web.AppKey("email_i18n", I18n)


def add_routes(app: web.Application, desk: EmailDesk | None, i18n: I18n) -> None:
    if desk is None or not desk.enabled:
        return
    app[DESK] = desk
    app[I18N] = i18n
    app.router.add_get(UNSUBSCRIBE_PATH, ask)
    app.router.add_post(UNSUBSCRIBE_PATH, unsubscribe)


def _page(language: str, title: str, body: str, status: int = 200) -> web.Response:
    html = (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        "<style>body{font-family:Arial,sans-serif;max-width:36em;margin:2em auto;"
        "padding:0 1em;line-height:1.5}button{font-size:1.1em;padding:.5em 1.2em}</style>"
        f"</head><body><h1>{escape(title)}</h1>\n{body}\n</body></html>\n"
    )
    return web.Response(text=html, content_type="text/html", status=status)


def _bad_link(request: web.Request) -> web.Response:
    i18n = request.app[I18N]
    language = i18n.default_locale
    text = i18n.gettext(
        "This unsubscribe link is not valid. Use the link from the latest message, or "
        "write to the press office.",
        locale=language,
    )
    title = i18n.gettext("Unsubscribe", locale=language)
    return _page(language, title, f"<p>{escape(text)}</p>", status=400)


async def ask(request: web.Request) -> web.Response:
    found = await request.app[DESK].contact_of_link(
        request.query.get("c", ""), request.query.get("t", "")
    )
    if found is None:
        return _bad_link(request)
    if found.unsubscribed:
        return _done(request, found)
    i18n, lang = request.app[I18N], found.language
    question = i18n.gettext(
        "Stop all email from the press office to {address}?", locale=lang
    ).format(address=found.address)
    button = i18n.gettext("Unsubscribe", locale=lang)
    form = (
        f"<p>{escape(question)}</p>"
        f'<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">'
        f'<button type="submit">{escape(button)}</button></form>'
    )
    return _page(lang, button, form)


async def unsubscribe(request: web.Request) -> web.Response:
    outcome, found = await request.app[DESK].unsubscribe(
        request.query.get("c", ""), request.query.get("t", "")
    )
    if outcome is Unsubscribed.BAD_LINK or found is None:
        return _bad_link(request)
    return _done(request, found)


def _done(request: web.Request, contact: Contact) -> web.Response:
    i18n, lang = request.app[I18N], contact.language
    text = i18n.gettext(
        "Done: {address} gets no more email from the press office. To get it again, "
        "ask the press office.",
        locale=lang,
    ).format(address=contact.address)
    return _page(lang, i18n.gettext("Unsubscribed", locale=lang), f"<p>{escape(text)}</p>")
