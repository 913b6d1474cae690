"""Regexes rewritten for speed find exactly what their plain forms find.

Several of the extractor's scanning regexes are written to start with a character class (so the
regex engine skips in C to where a match can start) or are replaced by str.find; each is checked
here against the plain regex it stands for, on text built from the pieces that matter to it.
"""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core import claims, documents


def texts(pieces):
    return st.lists(st.sampled_from(pieces), max_size=40).map("".join)


SPACES = [" ", "  ", "\n", "\t", "\u00a0", "x", "é", "-", "."]
settings_ = settings(max_examples=400, deadline=None)


@settings_
@given(texts(claims._IDIOMS + [w.upper() for w in claims._IDIOMS] + ["One", "two", "Catch", "22"] + SPACES))
def test_idioms(text):
    plain = re.compile("|".join("[" + w[0].lower() + w[0].upper() + "]" + re.escape(w[1:]).replace("\\ ", r"\s+")
                                for w in claims._IDIOMS))
    assert [m.span() for m in claims._IDIOM.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings_
@given(texts(["and", "dna", "but", "tub", "while", "elihw", "d", "e", "t", ",", ";", "(", ")", "–", "_"] + SPACES))
def test_last_clause_break(text):
    plain = re.compile(r"[,;:()–—]|\bdna\b|\belihw\b|\btub\b")
    found, expected = claims._CLAUSE_OR_CONJUNCTION_REVERSED.search(text), plain.search(text)
    assert (found and found.span()) == (expected and expected.span())


@settings_
@given(texts([".", "...", "!", "?", "…", "\"", "'", "”", ")", "]", " ", "\n", "A", "b", "3", "£", "“", "(", "*"]))
def test_sentence_ends(text):
    plain = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[*_]*[A-Z0-9£$€])")
    assert [m.span() for m in documents._SENTENCE_END.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings_
@given(texts(["http", "https://", "http://", "www.", "http://www.", "wwww.", "htt", "/", "a.b", "x"] + SPACES))
def test_web_addresses(text):
    assert claims._web_addresses(text) == [m.span() for m in claims._WEB_ADDRESS.finditer(text)]
