"""Inline search's folding and the deep links' payloads, without Telegram."""

from __future__ import annotations

import pytest

from bot.sharing.search import MAX_TERMS, fold, score, terms
from bot.sharing.values import Kind, Link, parse_payload, payload


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Biljana Milošević", "biljana milosevic"),
        ("ЁЛКА  и  Йод", "елка и иод"),
        ("Türkmenistanyň Gyzyl Ýarymaý", "turkmenistanyn gyzyl yarymay"),
        ("«Арчабиль»,  conference-hall!", "арчабиль conference hall"),
        ("STRASSE / Straße", "strasse strasse"),
    ],
)
def test_case_accents_and_punctuation_fold_away(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_terms_are_distinct_and_bounded() -> None:
    assert terms("  Открытие открытие ВСТРЕЧИ ") == ("открытие", "встречи")
    assert len(terms(" ".join(f"w{n}" for n in range(100)))) == MAX_TERMS
    assert terms("<b>&amp;</b>") == ("b", "amp")


def test_every_word_must_match_and_title_words_rank_higher() -> None:
    words = terms("hum cooperation")
    assert score(words, fold("Humanitarian diplomacy"), fold("regional cooperation")) == 2
    assert score(words, fold("Regional cooperation"), fold("humanitarian")) == 2
    assert score(words, fold("Humanitarian cooperation"), "") == 3
    assert score(words, fold("Humanitarian diplomacy"), "") == 0


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("s_12", Link(Kind.SESSION, 12)),
        ("d_1", Link(Kind.DELEGATION, 1)),
        (f"r_{2**63 - 1}", Link(Kind.RELEASE, 2**63 - 1)),
        (f"r_{2**63}", None),
        ("s_" + "9" * 25, None),
        ("s_0", None),
        ("s_-1", None),
        ("s_1 ", None),
        ("x_1", None),
        ("s_١٢", None),  # Arabic-Indic digits are digits to Python, not to a link
        ("", None),
    ],
)
def test_payloads_parse_only_within_bounds(text: str, link: Link | None) -> None:
    assert parse_payload(text) == link


def test_a_payload_round_trips_within_telegrams_limit() -> None:
    made = payload(Kind.SESSION, 2**63 - 1)
    assert len(made) <= 64
    assert parse_payload(made) == Link(Kind.SESSION, 2**63 - 1)
