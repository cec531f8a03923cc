"""The shape of ``data/practical.yaml``: where the meeting is and how to get by there.

Organisers edit the file; ``illustrative: true`` marks a block whose details the source
does not give, and the bot shows it as «to be confirmed» so nobody takes a guess for a fact.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from bot.content.models import Key, Strict, Text

Phone = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class Location(Strict):
    """The map pin Telegram shows: degrees, north and east positive."""

    latitude: Annotated[float, Field(ge=-90, le=90)]
    longitude: Annotated[float, Field(ge=-180, le=180)]


class Venue(Strict):
    name: Text
    address: Text
    location: Location
    illustrative: bool = False
    """The address and the pin are approximate."""


class Hall(Strict):
    id: Key
    name: Text
    programme_room: Text
    """The session ``room`` in ``programme.yaml`` this hall is: a session's page links here."""
    directions: Text | None = None
    illustrative: bool = False


class Hotel(Strict):
    name: Text
    about: Text | None = None
    phone: Phone | None = None
    illustrative: bool = False


class Transport(Strict):
    title: Text
    details: Text
    illustrative: bool = False


class Wifi(Strict):
    network: Short
    password: Short | None = None
    note: Text | None = None
    illustrative: bool = False


class HelpDesk(Strict):
    where: Text
    hours: Text | None = None
    phone: Phone | None = None
    email: Short | None = None
    illustrative: bool = False


class Emergency(Strict):
    name: Text
    phone: Phone
    illustrative: bool = False


class Practical(Strict):
    """Everything ``/venue`` shows. The time zone is ``event.yaml``'s: one place for it."""

    venue: Venue
    halls: tuple[Hall, ...] = ()
    hotel: Hotel | None = None
    transport: tuple[Transport, ...] = ()
    wifi: Wifi | None = None
    help_desk: HelpDesk | None = None
    emergency: tuple[Emergency, ...] = ()
