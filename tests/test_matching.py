"""Cross-document matching: the value rules, periods, copies, scores, thresholds, and whole runs."""

from __future__ import annotations

import hashlib
import re

import pytest
from rapidfuzz import fuzz

from workbench.core.compare import compare_claims, read_figure, share_against_count
from workbench.core.match.pipeline import MatchConfig, match_claims
from workbench.core.match.features import build_features, document_frequencies, inverse_frequencies
from workbench.core.match.scoring import score_pair
from workbench.core.model import Claim, Document
from workbench.core.periods import normalise_period, period_near


def claim(surface: str, kind: str, value, qualifier: str = "exact", **fields) -> Claim:
    return Claim(
        id=surface,
        doc_name="d",
        start=0,
        end=len(surface),
        surface=surface,
        kind=kind,
        value=value,
        qualifier=qualifier,
        **fields,
    )


# --------------------------------------------------------------------------- value rules


@pytest.mark.parametrize(
    "a, b",
    [
        (claim("298,000", "count", 298000), claim("300,000", "count", 300000)),
        (claim("7 per cent", "rate", 0.07), claim("7.2 per cent", "rate", 0.072)),
        (claim("a quarter", "proportion", 0.25), claim("26%", "proportion", 0.26)),
        (claim("13%", "proportion", 0.13), claim("one in seven", "proportion", 1 / 7)),
        (claim("nearly 70%", "proportion", 0.7, "approx"), claim("69 per cent", "proportion", 0.69)),
        (
            claim("£198,000", "money", 198000, currency="GBP"),
            claim("nearly £200,000", "money", 200000, "approx", currency="GBP"),
        ),
    ],
)
def test_figures_that_differ_only_by_rounding_or_hedging_are_compatible(a, b):
    result = compare_claims(a, b)
    assert result.compatible is True and result.same is False


@pytest.mark.parametrize(
    "a, b",
    [
        (claim("more than 70%", "proportion", 0.7, "lower_bound"), claim("69 per cent", "proportion", 0.69)),
        (claim("40%", "proportion", 0.4), claim("one in four", "proportion", 0.25)),
        (claim("17", "count", 17), claim("20", "count", 20)),
        (claim("40%", "proportion", 0.4), claim("43%", "proportion", 0.43)),
        (claim("half", "proportion", 0.5), claim("40%", "proportion", 0.4)),
    ],
)
def test_figures_beyond_rounding_conflict(a, b):
    assert compare_claims(a, b).compatible is False


def test_the_explanation_names_the_values_and_the_rule():
    result = compare_claims(claim("13%", "proportion", 0.13), claim("one in seven", "proportion", 1 / 7))
    assert result.explanation == "13% vs one in seven (14.3%): within the rounding of 'one in seven'"
    hedged = compare_claims(
        claim("more than 70%", "proportion", 0.7, "lower_bound"), claim("69 per cent", "proportion", 0.69)
    )
    assert "'more than 70%' excludes 69 per cent" in hedged.explanation


def test_rounding_follows_how_the_figure_is_written():
    assert (read_figure(claim("300,000", "count", 300000)).lo, read_figure(claim("300,000", "count", 300000)).hi) == (
        250000,
        350000,
    )
    assert read_figure(claim("298,000", "count", 298000)).hi == 298500
    assert read_figure(claim("20", "count", 20)).hi == 20  # small counts are exact
    one_in_seven = read_figure(claim("one in seven", "proportion", 1 / 7))
    assert one_in_seven.lo == pytest.approx(1 / 7.5) and one_in_seven.hi == pytest.approx(1 / 6.5)
    assert read_figure(claim("13%", "proportion", 0.13)).lo == pytest.approx(0.125)


@pytest.mark.parametrize(
    "surface, kind, value, lo, hi",
    [
        # every scale the extractor reads is a scale here too: "bln", "lakh" as well as "bn"
        ("$1.2bln", "money", 1.2e9, 1.15e9, 1.25e9),
        ("Rs 3 lakh", "money", 3e5, 2.5e5, 3.5e5),
        ("2.5tn", "count", 2.5e12, 2.45e12, 2.55e12),
        # and every fraction word: "three twentieths" is a rounding device like "two thirds"
        ("three twentieths", "proportion", 0.15, 3 / 20.5, 3 / 19.5),
    ],
)
def test_rounding_reads_the_lexicon_s_scales_and_fractions(surface, kind, value, lo, hi):
    reading = read_figure(claim(surface, kind, value))
    assert (reading.lo, reading.hi) == (pytest.approx(lo), pytest.approx(hi))


def test_same_figure_in_different_words_is_the_same():
    result = compare_claims(claim("a quarter", "proportion", 0.25), claim("one in four", "proportion", 0.25))
    assert result.same and result.compatible


def test_a_rise_and_a_fall_conflict():
    assert compare_claims(claim("7%", "rate", 0.07), claim("7%", "rate", -0.07)).compatible is False


def test_share_against_count_through_a_stated_base():
    share = claim("one in seven", "proportion", 1 / 7)
    fits = share_against_count(share, claim("20", "count", 20), 152, "local authorities")
    assert fits.compatible is True
    assert "one in seven (14.3%) of 152 local authorities (about 21.7) vs 20" in fits.explanation
    assert (
        share_against_count(claim("one in four", "proportion", 0.25), claim("20", "count", 20), 152).compatible is False
    )


# --------------------------------------------------------------------------- periods


def test_periods_are_normalised_and_compared():
    assert normalise_period("2013-14") == normalise_period("2013/14") == "2013/14"
    assert normalise_period("the year to September 2013") != normalise_period("year to June 2014")
    sentence = "Net migration was 212,000 in the year to June 2013, down from 2012."
    assert period_near(sentence, sentence.index("212"), sentence.index("212") + 7) == "year to 2013-06"


# --------------------------------------------------------------------------- whole runs


def corpus(texts: dict[str, tuple[str | None, str]], figures: dict[str, tuple[str, object]]):
    """Documents from texts, and a claim for each occurrence of each figure surface."""
    docs, claims = {}, []
    for name, (published, text) in texts.items():
        docs[name] = Document(
            name=name, sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, published=published
        )
        bounds = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
        for surface, (kind, value) in figures.items():
            for m in re.finditer(re.escape(surface), text):
                s_start, s_end = next((s, e) for s, e in bounds if s <= m.start() < e)
                while text[s_start] == " ":
                    s_start += 1
                qualifier = "approx" if surface.startswith(("nearly", "about")) else "exact"
                claims.append(
                    Claim(
                        id=f"{name}@{m.start()}",
                        doc_name=name,
                        start=m.start(),
                        end=m.end(),
                        surface=surface,
                        kind=kind,
                        value=value,
                        qualifier=qualifier,
                        sentence_start=s_start,
                        sentence_end=s_end,
                    )
                )
    return docs, claims


TEXTS = {
    "courier.txt": (
        "2014-02-27",
        "Net migration to the UK rose to 212,000 in the year to September 2013, "
        "official figures show. Study visas issued rose by 7.2 per cent over the year.",
    ),
    "echo.txt": (
        "2014-02-27",
        "Net migration to Britain climbed to 212,000 in the year to September 2013. "
        "The number of study visas issued was up 7 per cent.",
    ),
    "herald.txt": (
        "2014-02-28",
        "Net migration to the UK reached 212,000, the statisticians said. "
        "Some 212,000 non-EU workers applied for a visa for skilled jobs, a separate table shows.",
    ),
    "later.txt": (
        "2014-02-28",
        "Net migration to the UK rose to 212,000 in the year to June 2014, official figures show.",
    ),
    "wire.txt": (
        "2014-02-28",
        "Net migration to the UK rose to 212,000 in the year to September 2013, official figures show.",
    ),
}
FIGURES = {"212,000": ("count", 212000), "7.2 per cent": ("rate", 0.072), "7 per cent": ("rate", 0.07)}


@pytest.fixture(scope="module")
def run():
    docs, claims = corpus(TEXTS, FIGURES)
    result = match_claims(claims, docs)
    return docs, claims, result


def _id(claims, doc, surface, nth=0):
    return [c.id for c in claims if c.doc_name == doc and c.surface == surface][nth]


def test_end_to_end_groups_the_same_quantity_across_documents(run):
    _, claims, result = run
    of = result.cluster_of()
    net = {
        _id(claims, "courier.txt", "212,000"),
        _id(claims, "echo.txt", "212,000"),
        _id(claims, "herald.txt", "212,000", 0),
        _id(claims, "wire.txt", "212,000"),
    }
    assert len({of.get(c) for c in net}) == 1 and None not in {of.get(c) for c in net}
    visas = [_id(claims, "courier.txt", "7.2 per cent"), _id(claims, "echo.txt", "7 per cent")]
    assert of.get(visas[0]) is not None and of.get(visas[0]) == of.get(visas[1])
    cluster = next(k for k in result.clusters if visas[0] in k.claim_ids)
    assert cluster.relation == "differ" and cluster.suggested_verdict == "consistent"
    assert "within the rounding of '7 per cent'" in cluster.explanation


def test_same_number_about_a_different_thing_is_not_merged(run):
    _, claims, result = run
    of = result.cluster_of()
    workers = _id(claims, "herald.txt", "212,000", 1)
    assert of.get(workers) != of.get(_id(claims, "courier.txt", "212,000"))


def test_a_different_period_is_related_not_merged_even_through_an_undated_claim(run):
    _, claims, result = run
    of = result.cluster_of()
    later = _id(claims, "later.txt", "212,000")
    undated = _id(claims, "herald.txt", "212,000", 0)  # states no period: may join either side
    assert of.get(later) != of.get(_id(claims, "courier.txt", "212,000"))
    assert of.get(later) != of.get(undated) or of.get(undated) != of.get(_id(claims, "courier.txt", "212,000"))
    related = [l for l in result.links if l.link == "related" and later in (l.a, l.b)]
    assert related and "different periods" in related[0].explanation
    assert not any(k.suggested_verdict == "conflicting" for k in result.clusters)


def test_a_copied_sentence_is_one_source_repeated(run):
    _, claims, result = run
    wire = _id(claims, "wire.txt", "212,000")
    copies = [l for l in result.links if l.link == "copy" and wire in (l.a, l.b)]
    assert copies and copies[0].raw_score >= 90
    cluster = next(k for k in result.clusters if wire in k.claim_ids)
    assert cluster.roles[wire] == "copy"
    assert "one source repeated" in cluster.explanation


def test_masked_score_sees_the_same_quantity_where_raw_score_sees_near_identity():
    a_text = "One in seven councils in England are inadequate at caring for vulnerable children."
    b_text = "One in six councils in England are inadequate at caring for vulnerable children."
    docs, claims = corpus({"a.txt": (None, a_text)}, {"One in seven": ("proportion", 1 / 7)})
    docs_b, claims_b = corpus({"b.txt": (None, b_text)}, {"One in six": ("proportion", 1 / 6)})
    docs.update(docs_b)
    features = build_features(claims + claims_b, docs)
    idf = inverse_frequencies(document_frequencies(features), len(features))
    evidence = score_pair(features[0], features[1], idf, MatchConfig())
    assert fuzz.ratio(a_text, b_text) > 90  # the raw text cannot tell the figures changed
    assert evidence.masked_score == 100 and evidence.raw_score < 100
    assert evidence.values.compatible is False  # so the values decide: 1/7 vs 1/6 conflict


def test_thresholds_decide_between_group_possible_and_nothing():
    docs, claims = corpus(TEXTS, FIGURES)
    strict = match_claims(claims, docs, MatchConfig(group_threshold=1.0, suggest_threshold=0.2, former_rule=False))
    assert not [k for k in strict.clusters if not any(r == "copy" for r in k.roles.values())]
    possible = [l for l in strict.links if l.link == "possible"]
    assert possible and all(l.raw_score is not None and l.masked_score is not None for l in possible)
    assert all(0.2 <= l.score < 1.0 for l in possible)
    silent = match_claims(claims, docs, MatchConfig(group_threshold=1.0, suggest_threshold=0.999, former_rule=False))
    assert not [l for l in silent.links if l.link == "possible"]


def test_incremental_run_keeps_the_stored_cluster_and_scores_only_new_pairs(run):
    docs, claims, result = run
    existing = result.cluster_of()
    extra_text = "Net migration to the UK climbed to 212,000 in the year to September 2013."
    extra_docs, extra = corpus({"late.txt": ("2014-02-28", extra_text)}, FIGURES)
    docs = {**docs, **extra_docs}
    grown = match_claims(claims + extra, docs, existing=existing, new_ids={extra[0].id})
    courier = _id(claims, "courier.txt", "212,000")
    assert [k.id for k in grown.clusters] == [existing[courier]]
    assert extra[0].id in grown.clusters[0].claim_ids


def _pairs_scored(texts: dict[str, tuple[str | None, str]], figures: dict) -> set[frozenset[str]]:
    """The claim pairs that blocking hands to the pair scorer."""
    from workbench.core.match.pipeline import _blocks, candidate_pairs

    docs, claims = corpus(texts, figures)
    config = MatchConfig(block_above=0)  # block as in a large corpus
    features = build_features(claims, docs, window=config.window)
    df = document_frequencies(features)
    pairs = candidate_pairs(features, _blocks(features, inverse_frequencies(df, len(features)), df, config), config)
    return {frozenset((claims[a].id, claims[b].id)) for a, b in pairs.tolist()}


THINGS = [
    "lorries",
    "hospitals",
    "ferries",
    "prisons",
    "libraries",
    "bridges",
    "farms",
    "mines",
    "airports",
    "museums",
    "stadiums",
    "harbours",
]
PLACES = ["Kent", "Fife", "Powys", "Devon", "Antrim", "Moray", "Essex", "Gwent", "Angus", "Dorset", "Sligo", "Clwyd"]
VERBS = [
    "closed",
    "opened",
    "sold",
    "rebuilt",
    "repaired",
    "inspected",
    "lost",
    "bought",
    "fined",
    "licensed",
    "insured",
    "modernised",
]


def _unrelated(k: int, figure: str) -> str:
    return f"{PLACES[k]} {VERBS[k]} {figure} {THINGS[k]}."


def test_a_round_figure_about_unrelated_things_is_not_scored_against_every_mention():
    texts = {f"d{k}.txt": ("2015-01-01", _unrelated(k, "20")) for k in range(len(THINGS))}
    texts["same.txt"] = ("2015-01-01", "In Kent they closed 20 lorries.")
    scored = _pairs_scored(texts, {"20": ("count", 20)})
    documents = {frozenset(claim_id.split("@")[0] for claim_id in pair) for pair in scored}
    assert documents == {frozenset(("d0.txt", "same.txt"))}  # of 78 pairs, the one about the same thing


def test_a_distinctive_figure_is_scored_against_every_mention_whatever_the_words():
    texts = {f"d{k}.txt": ("2015-01-01", _unrelated(k, "180,226")) for k in range(len(THINGS))}
    scored = _pairs_scored(texts, {"180,226": ("count", 180226)})
    assert len(scored) == len(THINGS) * (len(THINGS) - 1) // 2


def test_a_phrase_of_an_earlier_period_dates_the_figure_nearest_it():
    from workbench.core.periods import earlier_mentions

    sentence = "Net migration rose to 244,000 from 177,000 a year earlier."
    ((start, end, key),) = earlier_mentions(sentence)
    assert sentence[start:end] == "a year earlier" and key.startswith("before")
    assert earlier_mentions("Net migration was 244,000, up sharply on the previous year.") == []
    assert earlier_mentions("Prices rose faster than the year before.") == []


def test_a_figure_of_the_year_before_is_not_merged_with_this_years():
    texts = {
        **TEXTS,
        "before.txt": (
            "2014-02-28",
            "A year earlier net migration to the UK had stood at 177,000, official figures show.",
        ),
    }
    figures = {**FIGURES, "177,000": ("count", 177000)}
    docs, claims = corpus(texts, figures)
    cluster_of = match_claims(claims, docs).cluster_of()
    now = cluster_of.get(_id(claims, "courier.txt", "212,000"))
    assert now is not None and now == cluster_of.get(_id(claims, "wire.txt", "212,000"))
    assert cluster_of.get(_id(claims, "before.txt", "177,000")) != now


def test_two_figures_of_one_sentence_never_share_a_cluster_even_through_a_third_claim():
    texts = {
        "north.txt": ("2015-03-02", "The charity employs 1,200 staff and 300 volunteers across the region."),
        "south.txt": ("2015-03-02", "The charity employs 1,250 staff and 280 volunteers across the region."),
        "east.txt": (
            "2015-03-02",
            "The charity employs 1,200 staff and 300 volunteers across the region, its report says.",
        ),
    }
    figures = {s: ("count", int(s.replace(",", ""))) for s in ("1,200", "300", "1,250", "280")}
    docs, claims = corpus(texts, figures)
    result = match_claims(claims, docs)
    by_id = {c.id: c for c in claims}
    for cluster in result.clusters:
        sentences = [(by_id[i].doc_name, by_id[i].sentence_start) for i in cluster.claim_ids]
        assert len(sentences) == len(set(sentences)), [by_id[i].surface for i in cluster.claim_ids]


def test_a_pair_the_model_is_sure_about_keeps_two_clusters_apart():
    from workbench.core.match.pipeline import _Clusters

    docs, claims = corpus(TEXTS, FIGURES)
    features = build_features(claims, docs)
    clusters = _Clusters(features, MatchConfig())
    import numpy as np

    clusters.forbid(np.array([[0, 2]]))
    assert clusters.merge(0, 1) and not clusters.merge(1, 2)  # 2 may not join 0 through 1
    assert clusters.find(2) != clusters.find(0)


def test_two_different_dates_are_never_one_quantity():
    """Three companies' stock splits "effective" on three dates (Reuters-21578 puts hundreds of
    such dates in one "conflicting" cluster): different times are different quantities, and a
    date only joins the same or a containing time."""
    from workbench.core.claims import extract_claims
    from workbench.core.documents import document_from_bytes

    texts = {
        "a.txt": "Earnings were restated for a two-for-one stock split, effective Nov 30, 1986.\n",
        "b.txt": "Prior year amounts were restated for a two-for-one stock split effective May 15, 1987.\n",
        "c.txt": "Per share amounts were restated for a two-for-one stock split effective July 8, 1987.\n",
        "d.txt": "Per share amounts were restated for a two-for-one stock split effective July 8, 1987.\n",
    }
    docs = {name: document_from_bytes(name, text.encode()) for name, text in texts.items()}
    claims = [c for d in docs.values() for c in extract_claims(d) if c.kind == "date"]
    assert len(claims) == 4
    of = match_claims(claims, docs).cluster_of()
    by_doc = {c.doc_name: of.get(c.id) for c in claims}
    assert by_doc["a.txt"] is None or by_doc["a.txt"] not in (by_doc["b.txt"], by_doc["c.txt"])
    assert by_doc["b.txt"] is None or by_doc["b.txt"] != by_doc["c.txt"]
    assert by_doc["c.txt"] is not None and by_doc["c.txt"] == by_doc["d.txt"]  # the same date, said twice
