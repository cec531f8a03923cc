"""Every counted text takes its language's plural form: «1 подписчику, 2 подписчикам», «1 minute,
5 minutes»; and no text says a count before a noun without plural forms («1 followers»)."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from aiogram.utils.i18n import I18n
from babel.messages.catalog import Message

from bot.i18n.catalogues import LOCALES_DIR, build_i18n, read_catalogue

COUNTS = (0, 1, 2, 5, 11, 21, 101)
RUSSIAN = {0: 2, 1: 0, 2: 1, 5: 2, 11: 2, 21: 0, 101: 0}
"""Russian's form for each count: 0 «one» (1, 21, 101), 1 «few» (2), 2 «many» (0, 5, 11)."""

MINUTE = ("minute", "minutes"), ("минуту", "минуты", "минут")
CHARACTER_UP_TO = ("character", "characters"), ("символа", "символов", "символов")
"""«до 21 символа», «до 5 символов»: the genitive after «до», «не больше», «не меньше»."""

WORDS: dict[str, tuple[tuple[str, str], tuple[str, str, str]]] = {
    "Cancelled: {count} message will": (
        ("message", "messages"),
        ("сообщение", "сообщения", "сообщений"),
    ),
    "Cancelled; {count} message was": (
        ("message", "messages"),
        ("сообщение", "сообщения", "сообщений"),
    ),
    "up to {count} person": (("person", "people"), ("человека", "человек", "человек")),
    "used {count} time": (("time", "times"), ("раз", "раза", "раз")),
    "It goes to {audience}: {count} recipient": (
        ("recipient", "recipients"),
        ("получатель", "получателя", "получателей"),
    ),
    "Also move the {count} later session": (
        ("later session", "later sessions"),
        ("следующее заседание", "следующих заседания", "следующих заседаний"),
    ),
    "A short survey: {count} question": (
        ("question", "questions"),
        ("вопрос", "вопроса", "вопросов"),
    ),
    "Your comment on «{title}», up to {count}": CHARACTER_UP_TO,
    "The caption: who, what, where": CHARACTER_UP_TO,
    "At most {count} time": (("time", "times"), ("варианта", "вариантов", "вариантов")),
    "The topic of the interview": CHARACTER_UP_TO,
    "Step 3 of 3. When would suit you?": (
        ("time", "times"),
        ("варианта", "вариантов", "вариантов"),
    ),
    "You have {count} interview request": (
        ("interview request", "interview requests"),
        ("запрос", "запроса", "запросов"),
    ),
    "{time}, {count} minute": (("minute", "minutes"), ("минута", "минуты", "минут")),
    "An interview takes {count} minute": MINUTE,
    "I will answer again in {count} second": (
        ("second", "seconds"),
        ("секунду", "секунды", "секунд"),
    ),
    "Your message is {count} character": (
        ("character", "characters"),
        ("символ", "символа", "символов"),
    ),
    "The deadline must be at least {count} minute": MINUTE,
    "It can be at most {count} day": (("day", "days"), ("день", "дня", "дней")),
    "Too short: at least {count} character, please": CHARACTER_UP_TO,
    "Too short: at least {count} character.": CHARACTER_UP_TO,
    "Too long: at most {count} character": CHARACTER_UP_TO,
    "…and {count} more session": (
        ("more session", "more sessions"),
        ("заседание", "заседания", "заседаний"),
    ),
    "Who will be told: {count} follower": (
        ("follower", "followers"),
        ("подписчику", "подписчикам", "подписчикам"),
    ),
    "Who will be told: {count} person who": (
        ("person who followed it gets", "people who followed it get"),
        ("подписчику", "подписчикам", "подписчикам"),
    ),
    "{count} person follows the whole day": (
        ("person follows", "people follow"),
        ("человек следит", "человека следят", "человек следят"),
    ),
    "{count} more follows the whole day": (
        ("more follows", "more follow"),
        ("человек следит", "человека следят", "человек следят"),
    ),
    "Questions to this session are taken from": MINUTE,
    "Your question to «{title}», in {low} to {count}": CHARACTER_UP_TO,
    "I remind you {count} minute": MINUTE,
    "I will remind you {count} minute before each": MINUTE,
    "I will remind you {count} minute before the start": MINUTE,
    "I will remind you of the {count} session": (
        ("session", "sessions"),
        ("заседании", "заседаниях", "заседаниях"),
    ),
    "The search is too long: at most {count}": CHARACTER_UP_TO,
    "The bot reminds you {count} minute": MINUTE,
    "The announcement is {count} character": (
        ("character", "characters"),
        ("символ", "символа", "символов"),
    ),
}
"""Each counted text by a piece of its singular, and the words that follow the number."""
WHOLE = {
    "{count} minute": MINUTE,
    "{count} second": (("second", "seconds"), ("секунду", "секунды", "секунд")),
}
"""Durations said inside a sentence («for 45 seconds»), known by their whole singular."""

NUMERIC = {
    "count", "total", "minutes", "seconds", "hours", "days", "followers", "low", "high",
    "limit", "length", "size", "uses", "sent", "failed", "remaining", "unreachable", "left",
    "done", "pending", "answered", "shown", "n",
}  # fmt: skip
"""Placeholders that hold a number. The number that picks a plural form is always {count}."""
NOT_A_NOUN = {"of", "to", "or", "and", "из", "до", "или", "и", "min", "мин", "h", "ч", "MB", "МБ"}
"""What may follow a number without plural forms: «3 of 7», «1 to 3», abbreviations."""


def plural_messages(language: str) -> list[Message]:
    return [m for m in read_catalogue(LOCALES_DIR / language) if m.id and m.pluralizable]


def words_for(singular: str) -> tuple[tuple[str, str], tuple[str, str, str]]:
    if singular in WHOLE:
        return WHOLE[singular]
    found = [words for piece, words in WORDS.items() if piece in singular]
    assert len(found) == 1, f"name the words of {singular!r} (once) in WORDS"
    return found[0]


@pytest.fixture(scope="module")
def i18n() -> I18n:
    return build_i18n("ru")


def test_every_counted_text_is_checked_here() -> None:
    singulars = {m.id[0] for m in plural_messages("en")}
    assert len(singulars) >= 35
    for singular in singulars:
        words_for(singular)
    unused = [p for p in WORDS if not any(p in s for s in singulars)]
    unused += [s for s in WHOLE if s not in singulars]
    assert not unused, f"no counted text has these any more: {unused}"


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("count", COUNTS)
def test_each_counted_text_takes_the_right_form(i18n: I18n, language: str, count: int) -> None:
    for message in plural_messages(language):
        singular, plural = message.id
        english, russian = words_for(singular)
        word = russian[RUSSIAN[count]] if language == "ru" else english[count != 1]
        values: defaultdict[str, object] = defaultdict(lambda: "X", count=count)
        text = i18n.gettext(singular, plural, count, locale=language).format_map(values)
        said = re.search(rf"(?<!\d){count} {re.escape(word)}(?!\w)", text)
        assert said, f"{language}, {count}: wanted «{count} {word}» in {text!r}"


def test_the_brief_example_reads_right_in_russian(i18n: I18n) -> None:
    said = [
        i18n.gettext(
            "Who will be told: {count} follower;", "Who will be told: {count} followers;", n, "ru"
        ).format(count=n)
        for n in COUNTS
    ]
    assert said == [
        "Кому сообщим: 0 подписчикам;",
        "Кому сообщим: 1 подписчику;",
        "Кому сообщим: 2 подписчикам;",
        "Кому сообщим: 5 подписчикам;",
        "Кому сообщим: 11 подписчикам;",
        "Кому сообщим: 21 подписчику;",
        "Кому сообщим: 101 подписчику;",
    ]


def counted_nouns(text: str) -> list[str]:
    """«{count} followers» in ``text``: a number followed by a word that agrees with it."""
    return [
        f"{{{name}}} {word}"
        for name, word in re.findall(r"\{(\w+)\}\s+([^\W\d_]+)", text)
        if name in NUMERIC and word not in NOT_A_NOUN
    ]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_no_count_is_followed_by_a_noun_without_plural_forms(language: str) -> None:
    """«{count} followers» as a plain message reads «1 followers»: it must be an ngettext."""
    wrong = []
    for message in read_catalogue(LOCALES_DIR / language):
        if not message.id or message.pluralizable:
            continue
        for text in (str(message.id), str(message.string)):
            wrong += [(message.id, noun) for noun in counted_nouns(text)]
    assert not wrong, f"counted without plural forms (use ngettext): {wrong}"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Who will be told: {count} followers", ["{count} followers"]),
        ("подписчиков — {followers}; следят за днём — {day}", []),
        ("Recipients now: {count}", []),
        ("Sending: {done} of {total}", []),
        ("+{minutes} min", []),
    ],
)
def test_the_check_tells_a_counted_noun_from_a_label(text: str, found: list[str]) -> None:
    assert counted_nouns(text) == found
