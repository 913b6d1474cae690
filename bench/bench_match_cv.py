"""Benchmark: leave-one-story-out cross-validation of the pair model on the dev stories.

For each of the six dev story clusters in `training/`, the pair model is fitted on the other
five and the seeds, that story's documents are matched with it, and the six held-out results
are pooled into one export scored by `training/score.py` (the team's scorer). Prints the
precision/recall curve over the group threshold and the scorer's table at the chosen one,
then the same curve for the model alone (without the seed-era rule), then the in-sample
figures of the shipped model for comparison.

    python bench/bench_match_cv.py
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    spec = importlib.util.spec_from_file_location("fit_match_model", ROOT / "training" / "fit_match_model.py")
    fit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fit)
    fit.main(["--cv-only", "--table"])
    print()
    fit.main(["--model-only"])
    from workbench.core.match.model import shipped_model

    info = shipped_model().info
    for name in ("dev_in_sample", "seeds_in_sample"):
        fig = info.get(name, {})
        print(
            f"shipped model, {name.replace('_', ' ')}: cross-document F1 {fig.get('f1', 0):.3f} "
            f"(P {fig.get('precision', 0):.3f}, R {fig.get('recall', 0):.3f}), distractors merged "
            f"{fig.get('distractors_merged')} of {fig.get('distractors')}, verdict agreement "
            f"{fig.get('verdict', 0):.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
