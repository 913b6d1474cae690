"""The matcher's per-document work stays linear on one enormous line of figures: counted in
comparisons and context words, never timed (bench/bench_long_lines.py prints the times)."""

from __future__ import annotations

import pytest

from workbench.core.match import within_document as match_document
from workbench.core.claims import extract_claims
from workbench.core.documents import document_from_bytes
from workbench.core.match.within_document import document_repeats
from workbench.core.match.features import build_features
from workbench.core.match.scoring import MatchConfig


def features_of(text: str):
    doc = document_from_bytes("long.txt", ("Headline\n\n" + text).encode())
    claims = extract_claims(doc)
    return claims, build_features(claims, {doc.name: doc}, window=MatchConfig().window)


def test_exact_figures_on_one_line_are_compared_a_bounded_number_of_times(monkeypatch):
    counted = []
    real = match_document._restates
    monkeypatch.setattr(match_document, "_restates", lambda *a, **k: counted.append(1) or real(*a, **k))
    claims, features = features_of("1234567890 " * 1500)  # one sentence, 1,500 exact figures
    assert len(claims) >= 1000
    assert document_repeats(features, MatchConfig()) == []  # one sentence: no repeat across sentences
    assert len(counted) <= len(claims)


def word(n: int) -> str:
    """A different made-up word for each n: zqb, zqc, ..., zqbab."""
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters = chr(ord("a") + digit) + letters
        if not n:
            return "zq" + letters


@pytest.mark.parametrize(
    "unit", ["the {w} council said that {n}% of {w} homes and more than {n} schools ", "{w} {n} {n} {n} "]
)
def test_each_figure_on_a_long_line_has_a_bounded_context(unit):
    sizes = []
    for units in (300, 600):  # a line of new words, so that a figure's whole sentence grows with it
        _, features = features_of("".join(unit.format(n=n, w=word(n)) for n in range(units)))
        sizes.append(sum(len(f.context) + len(f.words) for f in features) / len(features))
    assert sizes[1] <= sizes[0] * 1.25, sizes  # per figure: the same whatever the line's length


def test_a_short_sentence_keeps_every_word_of_it():
    _, features = features_of("Councils cut 40% of youth budgets in 2015, and 20 councils closed every club.\n")
    by_surface = {f.claim.surface: f for f in features}
    assert {"budget", "club"} <= set(by_surface["40%"].context)  # the far word too, at a low weight
    assert "club" in by_surface["40%"].words
