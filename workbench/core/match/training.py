"""Labelled pairs for the pair model, from a gold annotation of claims and their groups.

The gold (the format of `training/dev-gold.json`) lists every claim with its offsets and the
groups of claims that state one quantity. Claims the extractor finds are aligned to gold claims
by overlapping offsets; two extracted claims make a positive pair when their gold claims share
a group, a negative one otherwise (distractors among them). Pairs are formed as the matcher
forms them at run time: within one kind family and unit, two figures of one sentence left out,
with features computed over the story's own documents (the corpus a user would ingest).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from workbench.core.match.features import build_features, document_frequencies, inverse_frequencies
from workbench.core.match.scoring import MatchConfig, PairSpace, pair_inputs
from workbench.core.model import Claim, Document


@dataclass(slots=True)
class LabelledPairs:
    x: np.ndarray  # one row of match_model.FEATURES per pair
    y: np.ndarray  # 1: one quantity, 0: not
    story: list[str]  # the story cluster each pair comes from


def gold_groups(gold: dict) -> dict[str, str]:
    """Gold claim id -> id of the group it belongs to."""
    out: dict[str, str] = {}
    for group in gold.get("groups", []):
        for member in group.get("members", []):
            if member.get("claim_id"):
                out[member["claim_id"]] = group["id"]
    return out


def align(claims: list[Claim], gold: dict) -> dict[str, str]:
    """Extracted claim id -> the gold claim it overlaps most (same document), if any."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold.get("claims", []):
        by_doc[g["doc"]].append(g)
    out: dict[str, str] = {}
    taken: set[str] = set()
    for c in sorted(claims, key=lambda c: (c.doc_name, c.start)):
        best, overlap = None, 0
        for g in by_doc.get(c.doc_name, ()):
            o = min(c.end, g["end"]) - max(c.start, g["start"])
            if o > overlap and g["id"] not in taken:
                best, overlap = g["id"], o
        if best is not None:
            out[c.id] = best
            taken.add(best)
    return out


def story_pairs(
    claims: list[Claim], documents: dict[str, Document], gold: dict, story: str, config: MatchConfig | None = None
) -> LabelledPairs:
    """Every pair the matcher could score among one story's claims, labelled from the gold."""
    config = config or MatchConfig()
    features = build_features(claims, documents, window=config.window)
    df = document_frequencies(features)
    idf = inverse_frequencies(df, len(features))
    group_of = gold_groups(gold)
    aligned = align(claims, gold)
    by_block: dict[tuple, list[int]] = defaultdict(list)
    for f in features:
        by_block[(f.family, f.unit)].append(f.index)
    rows = [(i, j) for members in by_block.values() for k, i in enumerate(members) for j in members[k + 1 :]]
    pairs = np.asarray(rows, dtype=np.int64).reshape(-1, 2)
    left, right, x, _ = pair_inputs(PairSpace.of(features, idf, config), pairs)
    labels = []
    cross = [claims[i].doc_name != claims[j].doc_name for i, j in zip(left.tolist(), right.tolist())]
    for i, j in zip(left.tolist(), right.tolist()):
        gi = group_of.get(aligned.get(claims[i].id, ""), None)
        gj = group_of.get(aligned.get(claims[j].id, ""), None)
        labels.append(int(gi is not None and gi == gj))
    keep = np.asarray(cross, dtype=bool)
    return LabelledPairs(x[keep], np.asarray(labels, dtype=np.int64)[keep], [story] * int(keep.sum()))


def mixed_pairs(
    stories: dict[str, tuple[list[Claim], dict[str, Document]]], config: MatchConfig | None = None
) -> tuple[LabelledPairs, list[tuple[str, str]]]:
    """Pairs across stories, matched as one corpus: all negatives, by construction.

    Within a story the same figure is rarely a coincidence; in a database of many stories it
    often is ("212,000 students" and "212,000 net migration"). Matching the labelled stories
    together gives the model those look-alikes to learn from. Returns the pairs and, for each,
    the two stories it joins (so cross-validation can leave a story's pairs out).
    """
    config = config or MatchConfig()
    claims = [c for cl, _ in stories.values() for c in cl]
    documents = {n: d for _, docs in stories.values() for n, d in docs.items()}
    story_of = {n: s for s, (_, docs) in stories.items() for n in docs}
    features = build_features(claims, documents, window=config.window)
    df = document_frequencies(features)
    idf = inverse_frequencies(df, len(features))
    by_block: dict[tuple, list[int]] = defaultdict(list)
    for f in features:
        by_block[(f.family, f.unit)].append(f.index)
    rows = [
        (i, j)
        for members in by_block.values()
        for k, i in enumerate(members)
        for j in members[k + 1 :]
        if story_of[claims[i].doc_name] != story_of[claims[j].doc_name]
    ]
    pairs = np.asarray(rows, dtype=np.int64).reshape(-1, 2)
    left, right, x, _ = pair_inputs(PairSpace.of(features, idf, config), pairs)
    joins = [
        (story_of[claims[i].doc_name], story_of[claims[j].doc_name]) for i, j in zip(left.tolist(), right.tolist())
    ]
    return LabelledPairs(x, np.zeros(len(joins), dtype=np.int64), ["mixed"] * len(joins)), joins


def reviewed_pairs(
    claims: list[Claim],
    documents: dict[str, Document],
    labels: dict[tuple[str, str], int],
    config: MatchConfig | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The features and labels of a reviewer's decided pairs (claim id pair -> 1 or 0).

    Features are computed over the whole stored corpus, as matching computes them; pairs whose
    claims are not both stored (a re-ingest removed one) or that share a sentence are left out.
    """
    config = config or MatchConfig()
    features = build_features(claims, documents, window=config.window)
    where = {f.claim.id: f.index for f in features}
    found = [
        (where[a], where[b], label) for (a, b), label in sorted(labels.items()) if a in where and b in where and a != b
    ]
    if not found:
        return np.zeros((0, 0)), np.zeros(0, dtype=np.int64)
    label_of = {(min(i, j), max(i, j)): label for i, j, label in found}
    pairs = np.asarray([(i, j) for i, j, _ in found], dtype=np.int64)
    idf = inverse_frequencies(document_frequencies(features), len(features))
    left, right, x, _ = pair_inputs(PairSpace.of(features, idf, config), pairs)
    y = np.asarray([label_of[(min(i, j), max(i, j))] for i, j in zip(left.tolist(), right.tolist())], dtype=np.int64)
    return x, y
