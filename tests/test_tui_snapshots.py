"""What a reviewer sees on the seeds at a fixed terminal size, kept as SVG screenshots.

Compared by pytest-textual-snapshot (kept in `__snapshots__/test_tui_snapshots/`): a failure writes
`snapshot_report.html` with the screenshot expected beside the one taken. Update with
`pytest tests/test_tui_snapshots.py --snapshot-update`, after looking at the difference.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.tui.app import ReviewApp
from workbench.tui.screens import HelpScreen

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SIZE = (120, 40)


@pytest.fixture(scope="module")
def matched_seeds(tmp_path_factory):
    """The seeds, ingested and matched by the workbench itself."""
    ingest = pytest.importorskip("workbench.ingest")
    from workbench.store.clusters import recompute_clusters
    from workbench.store.db import open_store

    path = str(tmp_path_factory.mktemp("seeds") / "claims.db")
    with open_store(path) as store:
        ingest.ingest_paths(store, [SEEDS])
        recompute_clusters(store.db)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def seeds_db(matched_seeds, tmp_path):
    """A copy for one test, so that no test starts from another's saved session."""
    path = tmp_path / "claims.db"
    shutil.copyfile(matched_seeds, path)
    return str(path)


async def _opened(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):  # let after-refresh work (scrolling the passage to the claim) settle
        await pilot.pause()
    return pilot.app.review


def test_main_screen_on_the_seeds(seeds_db, snap_compare):
    assert snap_compare(ReviewApp(seeds_db, "snapshot"), terminal_size=SIZE, run_before=_opened)


def test_cluster_panel_of_the_inadequate_councils_cluster(seeds_db, snap_compare):
    """002's "13%" beside 004's "one in seven" (twice): rounding, suggested consistent."""

    async def to_the_cluster(pilot):
        review = await _opened(pilot)
        await pilot.press("slash", *"one in seven", "enter")
        review = await _opened(pilot)
        await pilot.press("escape")  # the search found the cluster; show it among the rest
        review = await _opened(pilot)
        assert review.detail.claim.surface.lower() == "one in seven"
        members = sorted(m.surface for m in review.cluster_panel.members)
        assert members == ["13%", "One in seven", "one in seven"]
        review.jump_to_cluster(review.detail.cluster_id)  # its first member, 002's 13%
        await pilot.pause()
        assert review.detail.claim.surface == "13%"

    assert snap_compare(ReviewApp(seeds_db, "snapshot"), terminal_size=SIZE, run_before=to_the_cluster)


def test_help_screen(seeds_db, snap_compare):
    async def help_open(pilot):
        await _opened(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.pause()

    assert snap_compare(ReviewApp(seeds_db, "snapshot"), terminal_size=SIZE, run_before=help_open)


def test_small_terminal_on_the_seeds(seeds_db, snap_compare):
    assert snap_compare(ReviewApp(seeds_db, "snapshot"), terminal_size=(80, 24), run_before=_opened)
