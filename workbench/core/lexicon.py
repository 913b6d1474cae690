"""Word tables shared by the document segmenter and the number normaliser."""

from __future__ import annotations

import re

from workbench.core.number_lexicon import (  # noqa: F401  (MONTHS: for callers)
    DATE_LINE_TIME_ZONES,
    MONTH_RE,
    MONTHS,
    WEEKDAYS,
    trie_pattern,
)

WEEKDAY_RE = rf"(?:{trie_pattern(WEEKDAYS)})\.?"  # in a case-insensitive pattern

# A line that is nothing but a date (and perhaps a time): a byline or posting timestamp.
DATE_LINE = re.compile(
    rf"""^\W*(?:(?:published|posted|updated|last\s+updated|date|first\s+published)\b[:\s]*)?
    (?:{WEEKDAY_RE},?\s+)?
    (?:
        \d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_RE},?\s+\d{{4}}
      | {MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}
      | \d{{4}}-\d{{2}}-\d{{2}}
      | \d{{1,2}}/\d{{1,2}}/\d{{2,4}}
    )
    (?:[,\s]+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?\s*(?:[ap]\.?m\.?|[AP]M)?(?:\s*(?:{trie_pattern(DATE_LINE_TIME_ZONES)}))?)?
    [\s.]*(?:\|.*)?$""",
    re.IGNORECASE | re.VERBOSE,
)

# Phrases that mark navigation, subscription prompts and other page furniture.
BOILERPLATE_RE = re.compile(
    r"""\b(?:sign\s+(?:up|in)|log\s*in|subscribe|subscription|download\s+the\s+app|
    skip\s+(?:over\s+)?(?:to|navigation)|access\s+key|back\s+to\s+(?:top|index|news|home)|top\s+of\s+page|
    related\s+(?:stories|articles|content|information|links)|top\s+stories|our\s+picks|
    most\s+(?:read|popular|viewed)|share\s+(?:this|on)|follow\s+us|cookie|privacy\s+policy|
    terms\s+(?:and|&)\s+conditions|all\s+rights\s+reserved|copyright|advertisement|
    newsletter|start\s+reading|free\s+trial|days\s+free|already\s+a\s+member|membership|
    premium\s+titles|trusted\s+global\s+sources|read\s+more\s+(?:at|on)|click\s+here|
    view\s+related|print\s+this|email\s+this|next\s+article|previous\s+article|
    breadcrumb|main\s+menu|site\s+map|read\s+news\s+from|comments?\s*\(\d+\)|\d+\s+comments|
    press\s+release|for\s+immediate\s+release|embargoed)\b
    |©  # "© 2016 Daily News Ltd"
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Words that mark spam pasted into scraped pages.
SPAM_RE = re.compile(
    r"\b(?:replica|rolex|viagra|cialis|casino|payday\s+loans?|louis\s+vuitton|"
    r"cheap\s+(?:watches|jerseys|handbags)|escort|porn)\b",
    re.IGNORECASE,
)

# Press-release markers after which only furniture follows. A marker is a line of its own
# ("ENDS", "-ends-", "- END -", "END OF RELEASE", "###"), or a footer heading alone on its line or
# before a colon ("Notes to editors:", "Media contact: Jo Bloggs"). A line that only starts with
# the word ("End of an era for the firm", "End-Day Backlog: 31 25") is text.
END_MARKERS = ("end", "ends", "end of release", "end of press release", "end of statement", "end of text")
END_HEADINGS = (
    "notes to editors",
    "note to editors",
    "notes for editors",
    "note for editors",
    "editor's notes",
    "editors' notes",
    "for further information",
    "for more information",
    "media contact",
    "media contacts",
    "media enquiries",
    "press contact",
    "press contacts",
    "press office",
)
_MARKER_WRAP = r"[ \t]*[-–—*=_\[(<]*[ \t]*"
_MARKER_UNWRAP = r"[ \t]*[-–—*=_\])>.]*[ \t]*"
_SPACE = r"[ \t]+"


def _phrases(phrases: tuple[str, ...]) -> str:
    return "|".join(_SPACE.join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=len, reverse=True))


END_OF_BODY_RE = re.compile(
    r"^[ \t]*(?:"
    + _MARKER_WRAP
    + "(?:"
    + _phrases(END_MARKERS)
    + ")"
    + _MARKER_UNWRAP
    + r"|#{3,}"
    + "|(?:"
    + _phrases(END_HEADINGS)
    + r")(?:[^\n:]{0,40}:[^\n]*|[ \t]*:?))[ \t]*(?=\n|\Z)",
    re.IGNORECASE,
)

# "By Sam Jones", and after a tabloid's label in capitals: "EXCLUSIVE by Sam Jones".
BYLINE_RE = re.compile(
    r"^\s*(?:[A-Z]{3,}:?\s+by|By|Written by|Words by)\s+(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})"
)

URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b|(?<!\w)[@#]\w+")


_last_lowered: tuple[str, str | None] = ("", "")


def lowered_text(text: str) -> str | None:
    """text.lower() if lower-casing keeps every character's offset, else None. The last answer
    is kept: segmenting and then extraction ask for the same document's in turn."""
    global _last_lowered
    last = _last_lowered
    if last[0] is text:
        return last[1]
    lowered = text.lower()
    result = lowered if len(lowered) == len(text) else None
    _last_lowered = (text, result)
    return result


def holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether text holds any of the words (as substrings)."""
    for word in words:
        if word in text:
            return True
    return False


def folded_text(lowered: str | None) -> str | None:
    """The document's lower-cased text (offsets kept), if every ASCII word a case-insensitive
    regex finds in the text is found in it by `in`; else None. Only the dotless ı and the long ſ,
    which such a regex reads as i and s, can stop that (İ changes the length, so lowered is None)."""
    if lowered is None or "ı" in lowered or "ſ" in lowered:
        return None
    return lowered


def tried_only_at(first: str, pattern: re.Pattern) -> re.Pattern:
    """`pattern` tried only at the characters of the class `first` (a class body such as "A-Z"),
    where each of its matches starts, but for an empty one: the regex engine skips to the next
    in C, rather than trying the whole pattern at every character as a search does.

    The class is matched, a look-behind steps back over it and a look-ahead matches `pattern`
    from there, captured as group "found". So a search finds where `pattern`'s search finds
    its first non-empty match, with the same groups; read them, not end(), which is one
    character on. Unlike finditer over `pattern`, finditer gives overlapping matches too.

    For a case-insensitive `pattern`, `first` is its ASCII first letters in lower case: the
    class then holds every letter a case-insensitive regex takes for one of them (both cases,
    and "İ", "ı", "ſ", "K" for i, s, k), but is itself case-sensitive, as the engine skips
    ahead only with a case-sensitive class."""
    body = pattern.pattern
    if pattern.flags & re.IGNORECASE:
        first = "".join(letter + letter.upper() + _FOLDED_TOO.get(letter, "") for letter in first)
        body = f"(?i:{body})"
    return re.compile(f"[{first}](?<=(?=(?P<found>{body})).)")


# The letters beyond ASCII that a case-insensitive regex matches to an ASCII letter.
_FOLDED_TOO = {"i": "İı", "s": "ſ", "k": "\u212a"}


class WordGate:
    """The words a regex cannot match without (one from each alternative) that a document holds,
    so that stretches holding none of them skip the regex: `in` finds a word many times faster
    than a case-insensitive regex that tries every position of the text."""

    __slots__ = ("present",)

    def __init__(self, words: tuple[str, ...], folded: str | None) -> None:
        self.present = None if folded is None else tuple(w for w in words if w in folded)

    def may_match(self, folded: str | None, start: int, end: int) -> bool:
        """False only if the regex cannot match in folded[start:end]."""
        present = self.present
        if present is None:
            return True
        if not present:
            return False
        chunk = folded[start:end]
        for word in present:
            if word in chunk:
                return True
        return False
