"""«🖨 Programme to print» under /changes: the live programme as an A4 PDF for the help
desk and the press kit, the same one the public edition links to."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.users.values import User
from bot.web.public.site import PublicSite
from handlers.programme.callbacks import PrintCb

UPLOAD_SECONDS = 20


def print_label() -> str:
    return _("🖨 Programme to print (PDF)")


async def send_printout(
    callback: CallbackQuery,
    user: User,
    bot: Bot,
    public_site: PublicSite,
    callback_answer: CallbackAnswer,
) -> None:
    document = await public_site.printer.pdf(user.language)
    await bot.send_document(
        user.id,
        BufferedInputFile(document, filename=f"programme-{user.language}.pdf"),
        caption=_("🖨 The programme as it stands now: A4, both days, times with the zone."),
        request_timeout=UPLOAD_SECONDS,
    )
    callback_answer.text = _("Sent: the PDF is in this chat.")


def router() -> Router:
    router = Router(name="programme.printout")
    router.callback_query.register(send_printout, PrintCb.filter())
    return router
