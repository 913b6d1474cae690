"""FRAMES_VERSION rises whenever the frame readers read differently.

The matcher stores each claim's frame with the version that read it, and an export states a
stored frame only under the same version (store/rows.stored_frame). A change to the readers that
kept the version would leave every stored frame stale but shown. The seeds' export snapshot holds
their frames; its digest is recorded here per version, so a change that updates the snapshot and
not the version fails here.
"""

from __future__ import annotations

import hashlib
import json

from file_snapshots import SNAPSHOTS

from workbench.core.frames import FRAMES_VERSION

# FRAMES_VERSION -> digest of the seeds' frames (claims' and clusters') in report/seeds.json.
SEEDS_FRAMES = {1: "627e5288650dd163"}


def seeds_frames_digest() -> str:
    export = json.loads((SNAPSHOTS / "report" / "seeds.json").read_text(encoding="utf-8"))
    frames = [[item["id"], item["frame"]] for key in ("claims", "clusters") for item in export[key]]
    return hashlib.sha256(json.dumps(frames, sort_keys=True).encode()).hexdigest()[:16]


def test_the_frames_version_names_the_frames_the_seeds_snapshot_holds():
    digest = seeds_frames_digest()
    assert SEEDS_FRAMES.get(FRAMES_VERSION) == digest, (
        f"the seeds' frames changed (digest {digest}): raise FRAMES_VERSION in workbench/core/frames.py"
        " and record the new digest under it here, so that frames stored by the old readers are read again"
    )
