"""Turning a file's bytes into text: encoding detection (web pages are read by html_reader)."""

from __future__ import annotations

import codecs
import re

# Encodings a legacy English news file plausibly uses; charset-normalizer's other guesses on
# short English text (cp1250, mac_roman, ...) are usually wrong where cp1252 decodes cleanly.
_WESTERN = {"cp1252", "windows-1252", "latin_1", "iso8859_1", "iso-8859-1", "iso8859_15", "ascii"}


class DecodeError(ValueError):
    """The bytes are not a text document we can read (binary, empty, undecodable)."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document's bytes; returns (text, encoding name)."""
    text, encoding, _ = decode_with_note(data)
    return text, encoding


def decode_with_note(data: bytes) -> tuple[str, str, str | None]:
    """Decode a document's bytes: (text, encoding name, a note saying what was guessed or
    replaced, or None when the bytes were plainly that encoding).

    UTF-8 first, even with a few bad bytes (each replaced by U+FFFD, one character for each bad
    sequence, and said in the note); then cp1252, whose five undefined bytes are replaced the same
    way. Another code page only on strong evidence: when a fifth of the visible bytes are
    non-ASCII (as in Cyrillic or Greek text) and every byte fits charset-normalizer's guess.
    """
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise DecodeError("empty file")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name, None
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {name} text at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count(_REPLACED) - data.count(_REPLACED.encode("utf-8"))
    good = len(text) - len(text.encode("ascii", errors="ignore")) - text.count(_REPLACED)
    if good > bad and _looks_like_text(text):  # mostly UTF-8: a few bytes damaged, the rest kept
        return (
            text,
            "utf-8",
            (f"decoded as UTF-8, as {good} of its characters are; {_bytes(bad)} not UTF-8 replaced by \ufffd"),
        )
    return _decode_legacy(data)


_REPLACED = "\ufffd"


def _bytes(count: int) -> str:
    return "1 byte" if count == 1 else f"{count} bytes"


# Another code page is considered only when at least this share of the visible bytes is
# non-ASCII, as in Cyrillic or Greek text; Western text with accents and typographer's quotes,
# or a few damaged bytes, stays far below it.
_FOREIGN_SHARE = 0.2


def _decode_legacy(data: bytes) -> tuple[str, str, str | None]:
    text = data.decode("cp1252", errors="replace")  # 0x81 0x8D 0x8F 0x90 0x9D: U+FFFD, one for one
    undefined = text.count(_REPLACED)
    replaced = f"; {_bytes(undefined)} undefined in cp1252 replaced by \ufffd" if undefined else ""
    high = len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))
    visible = len(data.translate(None, b" \t\r\n"))
    if high < _FOREIGN_SHARE * visible:  # the common case, without charset-normalizer's slower analysis
        if not _looks_like_text(text):
            raise DecodeError("binary file (mostly control characters)")
        return (
            text,
            "cp1252",
            f"decoded as cp1252: not UTF-8, and too few of its bytes are non-ASCII for another code page{replaced}",
        )
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding if best is not None else None
    if guess is not None and guess.lower() not in _WESTERN:
        try:
            guessed = data.decode(guess)  # strong evidence only: every byte fits the guess
        except (UnicodeDecodeError, LookupError):
            guessed = None
        if guessed is not None and _looks_like_text(guessed):
            return (
                guessed,
                guess,
                (
                    f"decoded as {guess}: not UTF-8, and {high} of its {visible} visible bytes"
                    " are non-ASCII, which charset-normalizer reads best in that code page"
                ),
            )
    if _looks_like_text(text):
        return text, "cp1252", f"decoded as cp1252: not UTF-8, and no other encoding fits better{replaced}"
    raise DecodeError("binary file (mostly control characters)")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below space, except \t \n \f \r


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not _CONTROL.search(sample):
        return True
    return len(_CONTROL.findall(sample)) <= len(sample) * 0.01
