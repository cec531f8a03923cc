"""Telegram's ``parse_mode=HTML`` rules, ported from TDLib's ``parse_html``.

The fake must reject exactly the texts Telegram rejects (with the same error
details) and return the same plain text and entities, so that a bot that passes
its tests here does not fail in production on an unescaped ``<`` or a stray tag.

Deliberate difference: by default a bare ``&`` that does not start a known
entity is an error here, while Telegram silently keeps it. Such a ``&`` almost
always means user content was interpolated without ``html.escape`` — and the
same content with a ``<`` in it *would* fail in production. Pass
``strict_ampersand=False`` to get Telegram's lenient behaviour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

__all__ = ["HTMLParseError", "normalize_url", "parse_html", "trim_formatted", "utf16_len"]


def _words(text: str) -> frozenset[str]:
    """A set from a whitespace-separated list: keeps the long name lists readable."""
    return frozenset(text.split())


_SPACES = frozenset(" \t\r\n\0\v\f")  # TDLib's is_space(); NUL doubles as end of text
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_ASCII_ALPHA = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_HEX = frozenset("0123456789abcdefABCDEF")
_DIGITS = frozenset("0123456789")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SUPPORTED_TAGS = _words(
    """
    a b strong i em s strike del u ins tg-spoiler tg-emoji span pre code blockquote
    """
)
_SIMPLE_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_SPECIAL = re.compile(r"[<&]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*)://")
_TG_USER = re.compile(r"^tg://user\?id=(\d+)$", re.IGNORECASE)
# Characters Telegram trims from both ends of a message text.
_TRIMMED = " \t\r\n\v\f"


class HTMLParseError(ValueError):
    """The text is not valid Telegram HTML; ``str(exc)`` is Telegram's detail message."""


@dataclass(slots=True)
class _OpenTag:
    name: str
    argument: str
    utf16_offset: int
    char_offset: int  # position in the produced text, for <a> without href
    expandable: bool = False


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units — the unit of Telegram's offsets and length limits."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    """UTF-8 byte offset of ``text[index]``: Telegram reports error positions in bytes."""
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _decode_entity(s: str, pos: int) -> tuple[str, int] | None:
    """Decode the HTML entity starting at ``s[pos] == '&'`` exactly like TDLib.

    Returns the character and the index after the entity, or None when the ``&``
    does not start a supported entity. ``s`` is NUL-terminated.
    """
    end = pos + 1
    code = 0
    if s[end] == "#":
        end += 1
        if s[end] == "x":
            end += 1
            while s[end] in _HEX:
                code = code * 16 + int(s[end], 16)
                end += 1
                if code >= 0x10FFFF:
                    return None
        else:
            while s[end] in _DIGITS:
                code = code * 10 + ord(s[end]) - 48
                end += 1
                if code >= 0x10FFFF:
                    return None
        if code == 0 or code >= 0x10FFFF or end - pos >= 10 or 0xD800 <= code <= 0xDFFF:
            return None
        char = chr(code)
    else:
        while s[end] in _ASCII_ALPHA:
            end += 1
        named = _NAMED_ENTITIES.get(s[pos + 1 : end])
        if named is None:
            return None
        char = named
    if s[end] == ";":
        end += 1
    return char, end


def normalize_url(url: str) -> str | None:
    """Validate and normalise a link like Telegram does; None means "drop the entity"."""
    url = url.strip()
    if not url or any(c in _SPACES for c in url):
        return None
    match = _SCHEME.match(url)
    if match is None:
        url = "http://" + url
    else:
        scheme = match.group(1).lower()
        if scheme == "tg" or scheme == "ton":
            return url
        if scheme not in ("http", "https"):
            return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname or ""
    if not host or ("." not in host and host != "localhost") or port == 0:
        return None
    if not parts.path:
        url = parts._replace(path="/").geturl()
    return url


def _link_entity(url: str, offset: int, length: int) -> dict[str, Any] | None:
    user = _TG_USER.match(url)
    if user is not None:
        user_id = int(user.group(1))
        return {
            "type": "text_mention",
            "offset": offset,
            "length": length,
            "user": {"id": user_id, "is_bot": False, "first_name": str(user_id)},
        }
    normalized = normalize_url(url)
    if normalized is None:
        return None
    return {"type": "text_link", "offset": offset, "length": length, "url": normalized}


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into plain text and Bot API MessageEntity dicts.

    Raises HTMLParseError with Telegram's detail text (e.g. ``Unsupported start tag "foo"
    at byte offset 12``). Entities are sorted like Telegram's: by offset, outer first.
    """
    s = text + "\0"
    n = len(text)
    out: list[str] = []
    out_chars = 0
    utf16 = 0
    nested: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    i = 0
    while i < n:
        c = s[i]
        if c == "&":
            decoded = _decode_entity(s, i)
            if decoded is not None:
                char, i = decoded
                out.append(char)
                out_chars += 1
                utf16 += 2 if ord(char) > 0xFFFF else 1
                continue
            if strict_ampersand:
                raise HTMLParseError(
                    f'Unescaped "&" at byte offset {_byte_offset(text, i)}: '
                    "use &amp; for a literal ampersand"
                )
            out.append("&")
            out_chars += 1
            utf16 += 1
            i += 1
            continue
        if c != "<":
            match = _SPECIAL.search(text, i + 1)
            j = n if match is None else match.start()
            chunk = text[i:j]
            out.append(chunk)
            out_chars += len(chunk)
            utf16 += utf16_len(chunk)
            i = j
            continue

        begin = i
        i += 1
        if s[i] != "/":
            while s[i] not in _SPACES and s[i] != ">":
                i += 1
            if s[i] == "\0":
                raise HTMLParseError(
                    f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
                )
            tag = s[begin + 1 : i].lower()
            if tag not in _SUPPORTED_TAGS:
                raise HTMLParseError(
                    f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
                )
            argument = ""
            expandable = False
            while s[i] != ">":
                while s[i] != "\0" and s[i] in _SPACES:
                    i += 1
                if s[i] == ">":
                    break
                attr_begin = i
                while s[i] not in _SPACES and s[i] != "=" and s[i] != ">":
                    i += 1
                attr_name = s[attr_begin:i]
                if not attr_name:
                    raise HTMLParseError(
                        f'Empty attribute name in the tag "{tag}" at byte offset '
                        f"{_byte_offset(text, begin)}"
                    )
                while s[i] != "\0" and s[i] in _SPACES:
                    i += 1
                if s[i] != "=":
                    if tag == "blockquote" and attr_name == "expandable":
                        expandable = True
                        continue
                    raise HTMLParseError(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag}" at byte offset {_byte_offset(text, begin)}'
                    )
                i += 1
                while s[i] != "\0" and s[i] in _SPACES:
                    i += 1
                if s[i] == "\0":
                    raise HTMLParseError(
                        f'Unclosed start tag "{tag}" at byte offset {_byte_offset(text, begin)}'
                    )
                if s[i] not in "'\"":
                    token_begin = i
                    while s[i] in _ASCII_ALNUM or s[i] == "." or s[i] == "-":
                        i += 1
                    value = s[token_begin:i].lower()
                    if s[i] not in _SPACES and s[i] != ">":
                        raise HTMLParseError(
                            "Unexpected end of name token at byte offset "
                            f"{_byte_offset(text, token_begin)}"
                        )
                else:
                    quote = s[i]
                    i += 1
                    chars: list[str] = []
                    while s[i] != quote and s[i] != "\0":
                        if s[i] == "&":
                            decoded = _decode_entity(s, i)
                            if decoded is not None:
                                chars.append(decoded[0])
                                i = decoded[1]
                                continue
                            if strict_ampersand:
                                raise HTMLParseError(
                                    f'Unescaped "&" at byte offset {_byte_offset(text, i)}: '
                                    "use &amp; for a literal ampersand"
                                )
                        chars.append(s[i])
                        i += 1
                    if s[i] == quote:
                        i += 1
                    value = "".join(chars)
                if s[i] == "\0":
                    raise HTMLParseError(
                        f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
                    )
                if (tag == "a" and attr_name == "href") or (
                    tag == "tg-emoji" and attr_name == "emoji-id"
                ):
                    argument = value
                elif tag == "code" and attr_name == "class" and value.startswith("language-"):
                    argument = value[9:]
                elif tag == "span" and attr_name == "class" and value.startswith("tg-"):
                    argument = value[3:]
                elif tag == "blockquote" and attr_name == "expandable":
                    expandable = True
            if tag == "span" and argument != "spoiler":
                raise HTMLParseError(
                    'Tag "span" must have class "tg-spoiler" at byte offset '
                    f"{_byte_offset(text, begin)}"
                )
            nested.append(_OpenTag(tag, argument, utf16, out_chars, expandable))
            i += 1
            continue

        # An end tag.
        if not nested:
            raise HTMLParseError(f"Unexpected end tag at byte offset {_byte_offset(text, begin)}")
        while s[i] not in _SPACES and s[i] != ">":
            i += 1
        end_name = s[begin + 2 : i]
        while s[i] != "\0" and s[i] in _SPACES:
            i += 1
        if s[i] != ">":
            raise HTMLParseError(f"Unclosed end tag at byte offset {_byte_offset(text, begin)}")
        i += 1
        opened = nested.pop()
        if end_name and end_name != opened.name:
            raise HTMLParseError(
                f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                f'expected "</{opened.name}>", found "</{end_name}>"'
            )
        if utf16 > opened.utf16_offset:
            _close_entity(opened, utf16, entities, out)
    if nested:
        raise HTMLParseError(f'Can\'t find end tag corresponding to start tag "{nested[-1].name}"')
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _close_entity(
    opened: _OpenTag, utf16: int, entities: list[dict[str, Any]], out: list[str]
) -> None:
    """Turn a closed tag into its entity, merging <pre><code class=...> like TDLib."""
    offset = opened.utf16_offset
    length = utf16 - offset
    tag = opened.name
    simple = _SIMPLE_TYPES.get(tag)
    if simple is not None:
        entities.append({"type": simple, "offset": offset, "length": length})
    elif tag == "a":
        url = opened.argument or "".join(out)[opened.char_offset :]
        entity = _link_entity(url, offset, length)
        if entity is not None:
            entities.append(entity)
    elif tag == "tg-emoji":
        if not opened.argument.isdigit():
            raise HTMLParseError("Invalid custom emoji identifier specified")
        entities.append(
            {
                "type": "custom_emoji",
                "offset": offset,
                "length": length,
                "custom_emoji_id": opened.argument,
            }
        )
    elif tag == "pre":
        last = entities[-1] if entities else None
        if (
            last is not None
            and last["type"] == "code"
            and last["offset"] == offset
            and last["length"] == length
            and last.get("language")
        ):
            last["type"] = "pre"
        else:
            entities.append({"type": "pre", "offset": offset, "length": length})
    elif tag == "code":
        last = entities[-1] if entities else None
        if (
            last is not None
            and last["type"] == "pre"
            and last["offset"] == offset
            and last["length"] == length
            and opened.argument
        ):
            last["language"] = opened.argument
        else:
            entity = {"type": "code", "offset": offset, "length": length}
            if opened.argument:
                entity["language"] = opened.argument  # kept only until a wrapping <pre>
            entities.append(entity)
    elif tag == "blockquote":
        kind = "expandable_blockquote" if opened.expandable else "blockquote"
        entities.append({"type": kind, "offset": offset, "length": length})


def trim_formatted(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip surrounding whitespace and clip entities, as Telegram does before storing.

    This is why ``"<b> </b>"`` ends as "message text is empty" and why an edit that only
    differs in trailing spaces is "not modified".
    """
    stripped = text.strip(_TRIMMED)
    if stripped == text:
        return text, entities
    if not stripped:
        return "", []
    shift = utf16_len(text[: len(text) - len(text.lstrip(_TRIMMED))])
    size = utf16_len(stripped)
    result: list[dict[str, Any]] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, size)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return stripped, result
