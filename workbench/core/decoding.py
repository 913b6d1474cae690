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
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise DecodeError("empty file")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {name} text at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


# Characters a cp1252 reading of English copy gives: Latin-1 letters and the typographer's
# punctuation. If every non-ASCII character is one of these, cp1252 is the encoding.
_WESTERN_TEXT = set("£€’‘“”–—…•°©®™§¶·«»¢¥½¼¾\xa0") | {chr(c) for c in range(0xC0, 0x100)}


def _decode_legacy(data: bytes) -> tuple[str, str]:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_like_text(text) and all(
        ch in _WESTERN_TEXT for ch in set(text) if ord(ch) > 127
    ):
        return text, "cp1252"  # the common case, without charset-normalizer's slower analysis
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding if best is not None else None
    if guess is not None and guess.lower() in _WESTERN:
        guess = "cp1252"
    if guess is None or guess != "cp1252":
        try:
            text = data.decode("cp1252")
            if _looks_like_text(text):
                return text, "cp1252"
        except UnicodeDecodeError:
            pass
    if guess is None:
        raise DecodeError("binary or undecodable file (no text encoding fits)")
    text = data.decode(guess, errors="replace")
    if not _looks_like_text(text):
        raise DecodeError("binary file (mostly control characters)")
    return text, guess


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below space, except \t \n \f \r


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not _CONTROL.search(sample):
        return True
    return len(_CONTROL.findall(sample)) <= len(sample) * 0.01
