"""Fit the matcher's pair model on the labelled stories in this folder, and measure it.

    python training/fit_match_model.py            # cross-validate, fit, write the package's model
    python training/fit_match_model.py --cv-only  # print the cross-validation figures only

Labelled data (copied into the project so a clone can refit): `dev-gold.json` with the 24
articles in `dev/docs/` (six story clusters), and `seeds-gold.json` for the five documents in
the project's `seeds/` folder. Leave-one-story-out: for each dev story, a model is fitted on
every other story (the seeds included), that story's documents are matched with it, and the
six held-out results are pooled into one export that `score.py` (a copy of the team's scorer)
scores. The group threshold is the one that maximises pooled cross-document F1 on that curve;
the suggestion threshold keeps 95% of the held-out true pairs. The model shipped is then fitted
on all stories. Needs scikit-learn (`pip install -e '.[fit]'`).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from workbench.core.claims import extract_claims  # noqa: E402
from workbench.core.documents import load_document  # noqa: E402
from workbench.core.match.model import FEATURES, PairModel  # noqa: E402
from workbench.core.match.refit import PAIRS_FILE, TrainingPairs  # noqa: E402
from workbench.core.match.scoring import MatchConfig  # noqa: E402
from workbench.core.match.training import mixed_pairs, story_pairs  # noqa: E402
from workbench.core.match.pipeline import match_claims  # noqa: E402

MODEL_PATH = ROOT / "workbench" / "core" / "data" / "match_model.json"
PAIRS_PATH = ROOT / "workbench" / "core" / "data" / PAIRS_FILE
THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
VETOES = (0.0, 0.01, 0.03, 0.1)
SUGGEST_RECALL = 0.95
GOLD_FILES_EQUAL = False
C = 0.3  # inverse regularisation strength of the logistic regression


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", HERE / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_stories() -> tuple[dict, dict]:
    """story -> (claims, documents, gold) for the dev stories and the seeds."""
    stories: dict[str, tuple[list, dict, dict]] = {}
    dev = json.loads((HERE / "dev-gold.json").read_text(encoding="utf-8"))
    by_story: dict[str, list[str]] = defaultdict(list)
    for d in dev["documents"]:
        by_story[d["cluster"]].append(d["file"])
    for story, files in sorted(by_story.items()):
        docs = {f: load_document(HERE / "dev" / "docs" / f) for f in files}
        claims = [c for f in files for c in extract_claims(docs[f])]
        stories[story] = (claims, docs, dev)
    seeds = json.loads((HERE / "seeds-gold.json").read_text(encoding="utf-8"))
    files = [d["file"] for d in seeds["documents"]]
    docs = {f: load_document(ROOT / "seeds" / f) for f in files}
    stories["seeds"] = ([c for f in files for c in extract_claims(docs[f])], docs, seeds)
    return stories, {"dev": dev, "seeds": seeds}


def fit(
    x: np.ndarray,
    y: np.ndarray,
    group: float,
    suggest: float,
    info: dict,
    veto: float = 0.0,
    weight: np.ndarray | None = None,
) -> PairModel:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=C, max_iter=100000, tol=1e-12)  # converged, as refit.fit_logistic is
    lr.fit((x - mean) / scale, y, sample_weight=weight)
    return PairModel(FEATURES, mean, scale, lr.coef_[0].copy(), float(lr.intercept_[0]), group, suggest, veto, info)


def export_of(results: list[tuple[str, list, object]]) -> dict:
    """A scorer-format export pooling several match results (cluster ids kept apart by run)."""
    claims_out, clusters_out = [], []
    for run, claims, result in results:
        cluster_of = {cid: f"{run}:{k}" for cid, k in result.cluster_of().items()}
        for c in claims:
            item = c.as_dict()
            item["cluster_id"] = cluster_of.get(c.id)
            claims_out.append(item)
        for k in result.clusters:
            clusters_out.append(
                {
                    "id": f"{run}:{k.id}",
                    "claim_ids": k.claim_ids,
                    "relation": k.relation,
                    "suggested_verdict": k.suggested_verdict,
                    "subject": k.subject,
                }
            )
    return {"schema_version": 1, "claims": claims_out, "clusters": clusters_out}


def figures(scorer, gold: dict, export: dict) -> dict:
    res = scorer.score(gold, export)
    m, r = res["matching"], res["review"]
    cross = m["pairwise"]["cross_document"]
    rc = r["cross_document"]
    return {
        "precision": cross["precision"],
        "recall": cross["recall"],
        "f1": cross["f1"],
        "distractors_merged": m["distractors"]["merged"],
        "distractors": m["distractors"]["evaluable"],
        "verdict": rc["verdict_agreement"],
        "relation": rc.get("relation_agreement"),
        "result": res,
    }


def compare(stories: dict, pairs: dict, training_set) -> None:
    """Leave-one-story-out average precision of the pair ranking: logistic regression (shipped)
    against gradient boosting."""
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score

    makers = {
        "logistic regression": lambda: LogisticRegression(C=C, max_iter=5000),
        "gradient boosting": lambda: GradientBoostingClassifier(
            n_estimators=150, max_depth=3, subsample=0.8, random_state=0
        ),
    }
    for name, make in makers.items():
        scores, labels = [], []
        for story in (s for s in stories if s != "seeds"):
            x, y, w = training_set([s for s in stories if s != story])
            mean, scale = x.mean(axis=0), x.std(axis=0)
            scale[scale == 0] = 1.0
            clf = make().fit((x - mean) / scale, y, sample_weight=w)
            scores.append(clf.predict_proba((pairs[story].x - mean) / scale)[:, 1])
            labels.append(pairs[story].y)
        ap = average_precision_score(np.concatenate(labels), np.concatenate(scores))
        print(f"{name}: held-out average precision {ap:.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cv-only", action="store_true", help="print cross-validation, write nothing")
    ap.add_argument("--table", action="store_true", help="print the scorer's table of the pooled CV")
    ap.add_argument(
        "--model-only",
        action="store_true",
        help="cross-validate the model alone, without the seed-era rule (MatchConfig.former_rule)",
    )
    ap.add_argument(
        "--pairs-only",
        action="store_true",
        help="write the package's training pairs (what `workbench match --refit` starts from), "
        "leave the model as it is",
    )
    ap.add_argument(
        "--compare",
        action="store_true",
        help="held-out average precision of this model and of gradient boosting, then stop",
    )
    args = ap.parse_args(argv)
    scorer = load_scorer()
    stories, golds = load_stories()
    pairs = {s: story_pairs(c, d, g, s) for s, (c, d, g) in stories.items()}
    dev_stories = [s for s in stories if s != "seeds"]
    mixed, joins = mixed_pairs({s: (c, d) for s, (c, d, _) in stories.items()})

    def training_set(train: list[str]) -> tuple[np.ndarray, np.ndarray, None]:
        """The pairs of the `train` stories, and the cross-story pairs between two of them
        (and their weights in the fit: all equal)."""
        allowed = set(train)
        keep = np.asarray([a in allowed and b in allowed for a, b in joins], dtype=bool)
        x = np.vstack([pairs[s].x for s in train] + [mixed.x[keep]])
        y = np.concatenate([pairs[s].y for s in train] + [mixed.y[keep]])
        # Each gold file weighs the same in the fit: the seeds' few pairs as much as the dev set's.
        sizes = {"seeds": 0, "dev": 0}
        for s in train:
            sizes["seeds" if s == "seeds" else "dev"] += len(pairs[s].y)
        seed_weight = sizes["dev"] / sizes["seeds"] if sizes["seeds"] and GOLD_FILES_EQUAL else 1.0
        w = np.concatenate(
            [np.full(len(pairs[s].y), seed_weight if s == "seeds" else 1.0) for s in train] + [np.ones(int(keep.sum()))]
        )
        return x, y, w

    if args.pairs_only:
        TrainingPairs(*training_set(list(stories)), C=C).save(PAIRS_PATH)
        print(f"wrote {PAIRS_PATH.relative_to(ROOT)}")
        return 0
    grid = [(t, v) for v in VETOES for t in THRESHOLDS if v < t]
    if args.compare:
        compare(stories, pairs, training_set)
        return 0
    held_out: dict[tuple, list] = {g: [] for g in grid}
    held_p, held_y = [], []
    for story in dev_stories:
        train = [s for s in stories if s != story]
        x, y, w = training_set(train)
        model = fit(x, y, 0.5, 0.1, {}, veto=0.0, weight=w)
        held_p.append(model.probability(pairs[story].x))
        held_y.append(pairs[story].y)
        claims, docs, _ = stories[story]
        for t, v in grid:
            config = MatchConfig(
                model=model,
                group_threshold=t,
                suggest_threshold=min(t, 0.1),
                veto_threshold=v,
                former_rule=not args.model_only,
            )
            held_out[(t, v)].append((story, claims, match_claims(claims, docs, config)))

    print(
        "Leave-one-story-out on the dev set (fit on 5 stories + seeds, match the 6th; pooled)"
        + (", the model alone:" if args.model_only else ", the model and the seed-era rule:")
    )
    print(
        f"{'veto p':>7} {'group p':>8} {'prec.':>7} {'recall':>7} {'F1':>7} {'distractors merged':>19} "
        f"{'verdict':>8} {'relation':>9}"
    )
    curve = {}
    for t, v in grid:
        fig = figures(scorer, golds["dev"], export_of(held_out[(t, v)]))
        curve[(t, v)] = fig
        print(
            f"{v:7.2f} {t:8.2f} {fig['precision']:7.3f} {fig['recall']:7.3f} {fig['f1']:7.3f} "
            f"{fig['distractors_merged']:>10} of {fig['distractors']:<6} {fig['verdict']:8.3f} "
            f"{fig['relation'] or 0:9.3f}"
        )
    # Best pooled cross-document F1; among near-ties (within 0.01), fewer distractors merged.
    top = max(curve[g]["f1"] for g in grid)
    best = min(
        (g for g in grid if curve[g]["f1"] >= top - 0.01),
        key=lambda g: (curve[g]["distractors_merged"], -curve[g]["f1"]),
    )
    p, yv = np.concatenate(held_p), np.concatenate(held_y)
    positives = np.sort(p[yv == 1])
    suggest = float(positives[int((1 - SUGGEST_RECALL) * len(positives))]) if len(positives) else 0.1
    group, veto = best
    suggest = round(min(max(suggest, veto), group), 3)
    print(
        f"group threshold {group}, veto {veto} (best pooled cross-document F1); suggestion threshold "
        f"{suggest} (keeps {SUGGEST_RECALL:.0%} of held-out true pairs)"
    )
    if args.table:
        print(
            scorer.render_table(curve[best]["result"], "dev-gold.json (leave-one-story-out)", "pooled held-out export")
        )
    if args.cv_only or args.model_only:
        return 0

    x, y, w = training_set(list(stories))
    cv = {k: v for k, v in curve[best].items() if k != "result"}
    model = fit(
        x,
        y,
        group,
        suggest,
        veto=veto,
        weight=w,
        info={"pairs": int(len(y)), "positives": int(y.sum()), "C": C, "leave_one_story_out": cv, "veto": veto},
    )
    dev_claims = [c for s in dev_stories for c in stories[s][0]]
    dev_docs = {n: d for s in dev_stories for n, d in stories[s][1].items()}
    config = MatchConfig(model=model)
    fig = figures(scorer, golds["dev"], export_of([("dev", dev_claims, match_claims(dev_claims, dev_docs, config))]))
    model.info["dev_in_sample"] = {k: v for k, v in fig.items() if k != "result"}
    seeds_claims, seeds_docs, _ = stories["seeds"]
    sfig = figures(
        scorer, golds["seeds"], export_of([("seeds", seeds_claims, match_claims(seeds_claims, seeds_docs, config))])
    )
    model.info["seeds_in_sample"] = {k: v for k, v in sfig.items() if k != "result"}
    print(
        f"in-sample dev (all 24 together): F1 {fig['f1']:.3f}, distractors merged "
        f"{fig['distractors_merged']} of {fig['distractors']}, verdict {fig['verdict']:.3f}"
    )
    print(
        f"in-sample seeds: F1 {sfig['f1']:.3f}, distractors merged {sfig['distractors_merged']} "
        f"of {sfig['distractors']}, verdict {sfig['verdict']:.3f}"
    )
    print("weights:", ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURES, model.coef)))
    model.save(MODEL_PATH)
    TrainingPairs(x, y, w, C=C).save(PAIRS_PATH)
    print(f"wrote {MODEL_PATH.relative_to(ROOT)} and {PAIRS_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
