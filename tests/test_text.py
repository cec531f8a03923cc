"""Messages are split into pages that each fit Telegram's limit."""

from __future__ import annotations

from bot.telegram.html import MESSAGE_LIMIT, paginate, shorten, split_html


def test_short_text_is_one_page() -> None:
    assert paginate(["a", "b"]) == ["a\nb"]


def test_blocks_are_never_cut_when_they_fit() -> None:
    blocks = [f"<b>line {n}</b> " + "x" * 100 for n in range(200)]
    pages = paginate(blocks)
    assert len(pages) > 1
    assert all(len(page) <= MESSAGE_LIMIT for page in pages)
    assert "\n".join(pages).split("\n") == blocks


def test_a_block_longer_than_a_page_is_split() -> None:
    pages = paginate(["y" * 10_000])
    assert [len(page) for page in pages] == [4096, 4096, 1808]


def test_empty_input_still_gives_one_page() -> None:
    assert paginate([]) == [""]


def test_shorten_marks_the_cut() -> None:
    assert shorten("abcdef", 4) == "abc…"
    assert shorten("abc", 4) == "abc"


def test_long_html_is_cut_between_tags_and_entities_and_reopened() -> None:
    from tests.fake_bot_api import parse_html

    text = "<b>" + "Ашхабад &amp; «Арчабиль» " * 400 + "</b>\n<i>" + "end " * 300 + "</i>"
    pages = split_html(text, 1000)
    assert len(pages) > 5
    for page in pages:
        assert len(page) <= 1000
        parse_html(page)  # each piece is valid Telegram HTML on its own
    plain = "".join(parse_html(page)[0] for page in pages)
    assert plain.replace(" ", "").replace("\n", "") == parse_html(text)[0].replace(" ", "").replace(
        "\n", ""
    )


def test_paginate_uses_the_html_aware_cut_for_an_over_long_block() -> None:
    block = "<b>" + "x" * 5000 + "</b>"
    pages = paginate([block])
    assert all(page.startswith("<b>") and page.endswith("</b>") for page in pages)
    assert all(len(page) <= MESSAGE_LIMIT for page in pages)
