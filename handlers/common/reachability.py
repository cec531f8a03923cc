"""A user who blocks the bot is unreachable at once; one who comes back is reachable again."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from bot.delivery import Delivery


async def blocked(event: ChatMemberUpdated, delivery: Delivery) -> None:
    await delivery.mark_unreachable(event.chat.id, "blocked the bot")


async def unblocked(event: ChatMemberUpdated, delivery: Delivery) -> None:
    await delivery.mark_reachable(event.chat.id)


def router() -> Router:
    router = Router(name="reachability")
    router.my_chat_member.filter(F.chat.type == "private")
    router.my_chat_member.register(blocked, ChatMemberUpdatedFilter(member_status_changed=KICKED))
    router.my_chat_member.register(unblocked, ChatMemberUpdatedFilter(member_status_changed=MEMBER))
    return router
