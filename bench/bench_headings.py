"""Benchmark: how well cluster headings and claim measures name what the figures measure.

Ingests the dev stories in `training/` (as the fitting script reads them), matches each story,
and compares every cluster's heading (its `subject`, up to the first " · ") and every
claim's measure with the subject the gold gives its group or claim ("average US crude oil price
per barrel, 2004"). Words are compared as stems without stop words:

- on topic: the measure shares at least one word with the gold subject;
- precision: the share of the measure's words that the gold subject has;
- empty: no measure, or one of function words alone ("in", "first");
- conjunction source: a source that begins with "and", "but", "or", "so".

Prints the figures, then every cluster heading beside its gold subject.

    python bench/bench_headings.py [--quiet]
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.core.frames import FUNCTION_WORDS  # noqa: E402
from workbench.core.match.features import STOPWORDS, WORD, build_features, stem  # noqa: E402
from workbench.core.match.training import align  # noqa: E402
from workbench.core.match.pipeline import match_claims  # noqa: E402

CONJUNCTIONS = ("and", "but", "or", "so", "yet", "nor")


def stems(text: str | None) -> set[str]:
    return {stem(w) for w in WORD.findall((text or "").lower()) if w not in STOPWORDS and w not in FUNCTION_WORDS}


def judge(measure: str | None, gold: str) -> tuple[bool, bool, float]:
    """(empty, on topic, precision) of one measure against its gold subject."""
    words = stems(measure)
    if not words:
        return True, False, 0.0
    found = words & stems(gold)
    return False, bool(found), len(found) / len(words)


def summary(rows: list[tuple[bool, bool, float]]) -> str:
    n = len(rows)
    empty = sum(r[0] for r in rows)
    topic = sum(r[1] for r in rows)
    precision = sum(r[2] for r in rows if not r[0]) / max(1, n - empty)
    return f"{n:4d}  on topic {topic / n:.3f}  precision {precision:.3f}  empty {empty} of {n}"


def main(argv: list[str]) -> int:
    spec = importlib.util.spec_from_file_location("fit_match_model", ROOT / "training" / "fit_match_model.py")
    fit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fit)
    stories, golds = fit.load_stories()
    gold = golds["dev"]
    gold_claims = {g["id"]: g for g in gold["claims"]}
    gold_group = {m["claim_id"]: grp for grp in gold["groups"] for m in grp["members"] if m.get("claim_id")}
    cluster_rows, claim_rows, conjunctions, lines = [], [], 0, []
    for story, (claims, docs, _) in stories.items():
        if story == "seeds":
            continue
        aligned = align(claims, gold)
        for f in build_features(claims, docs):
            g = gold_claims.get(aligned.get(f.claim.id, ""))
            if g and g.get("subject") and f.frame is not None:
                claim_rows.append(judge(f.frame.measure, g["subject"]))
        for k in match_claims(claims, docs).clusters:
            groups = Counter(gold_group[aligned[c]]["id"] for c in k.claim_ids if aligned.get(c) in gold_group)
            if not groups:
                continue
            subject = next(grp["subject"] for grp in gold["groups"] if grp["id"] == groups.most_common(1)[0][0])
            cluster_rows.append(judge(k.subject.split(" · ")[0], subject))  # the heading's measure part
            source = (k.frame.source or "") if k.frame else ""
            conjunctions += source.split(" ")[0].lower() in CONJUNCTIONS
            lines.append(f"  {k.subject!r:60}  gold: {subject}")
    print("dev set, each story matched alone; measures against the gold subjects")
    print("cluster headings", summary(cluster_rows), f" conjunction sources {conjunctions}")
    print("claim measures  ", summary(claim_rows))
    if "--quiet" not in argv:
        print("\n".join(sorted(lines)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
