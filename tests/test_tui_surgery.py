"""Cluster surgery in the review UI, from the keyboard: M merges the claim's cluster with another,
S splits it, t moves the claim to another cluster, d detaches it; z and y undo and redo each.
Checked in the database, the review log and on screen."""

from __future__ import annotations

import sqlite3

from review_corpus import first_row, rows, synchronously
from review_pilot import help_and_palette, jump_to_claim, press_and_wait, reviewing, screen_text

from workbench.tui.screens import JumpScreen
from workbench.tui.screens.split import SplitScreen


def clusters(path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for claim_id, cluster_id in rows(path, "SELECT claim_id, cluster_id FROM cluster_members"):
        found.setdefault(cluster_id, set()).add(claim_id)
    return found


def cluster_row(path, cluster_id):
    return first_row(
        path, "SELECT relation, suggested_verdict, explanation, size FROM clusters WHERE id = ?", [cluster_id]
    )


def link_status(path, a, b):
    a, b = sorted((a, b))
    row = first_row(path, "SELECT status FROM claim_links WHERE a = ? AND b = ? AND link = 'possible'", [a, b])
    return row[0] if row else None


def logged(path):
    # a link entry's status after: to_link_status (schema 0012); every other entry's verdict: to_verdict
    return rows(
        path,
        "SELECT action, reviewer, claim_id, other_claim_id, COALESCE(to_link_status, to_verdict),"
        " from_clusters IS NOT NULL, to_clusters IS NOT NULL FROM review_log ORDER BY id",
    )


async def choose_cluster(pilot, cluster_id: str) -> None:
    assert isinstance(pilot.app.screen, JumpScreen)
    await pilot.press(*cluster_id)
    await press_and_wait(pilot, "enter")


async def select_cluster(pilot, review, cluster_id: str) -> None:
    for _ in range(20):
        if review.detail is not None and review.detail.cluster_id == cluster_id:
            return
        await pilot.press("j")
        await pilot.pause()
    raise AssertionError(f"no claim of {cluster_id} in the list")


@synchronously
async def test_d_detaches_the_claim_and_z_y_undo_and_redo_it(corpus):
    path, ids = corpus
    forty, quarter = ids[("002_munn.txt", "40%")], ids[("004_crin.txt", "one in four")]
    async with reviewing(path) as (pilot, review):
        assert review.detail.claim.id == forty and review.detail.cluster_id == "k3"
        await press_and_wait(pilot, "d")
        assert "k3" not in clusters(path)  # one claim left: no cluster
        assert review.detail.cluster_id is None
        assert link_status(path, forty, quarter) == "rejected"
        assert logged(path) == [
            ("surgery", "ann", forty, None, None, True, True),
            ("surgery", "ann", min(forty, quarter), max(forty, quarter), "rejected", False, False),
        ]
        assert f"Done detached claim {forty} from cluster k3" in screen_text(pilot.app)
        await press_and_wait(pilot, "z")
        assert clusters(path)["k3"] == {forty, quarter}
        assert cluster_row(path, "k3")[1] == "conflicting"
        assert link_status(path, forty, quarter) is None  # the surgery made the link: undone, it goes
        assert "Undone cluster surgery: cluster k3" in screen_text(pilot.app)
        assert review.detail.cluster_id == "k3"
        await press_and_wait(pilot, "y")
        assert "k3" not in clusters(path)
        assert link_status(path, forty, quarter) == "rejected"
        assert [row[0] for row in logged(path)] == ["surgery", "surgery", "undo", "undo", "redo", "redo"]


@synchronously
async def test_M_merges_with_a_chosen_cluster_and_recomputes_its_verdict(corpus):
    path, ids = corpus
    forty, quarter = ids[("002_munn.txt", "40%")], ids[("004_crin.txt", "one in four")]
    twenties = {ids[("002_munn.txt", "20")], ids[("004_crin.txt", "20")]}
    assert cluster_row(path, "k2")[:2] == ("agree", "consistent")
    async with reviewing(path) as (pilot, review):
        await pilot.press("M")
        await pilot.pause()
        assert "Merge cluster k3 with…" in screen_text(pilot.app)
        await choose_cluster(pilot, "k2")
        assert clusters(path)["k2"] == {forty, quarter, *twenties}
        assert "k3" not in clusters(path)
        relation, verdict, explanation, size = cluster_row(path, "k2")
        assert (relation, size) == ("differ", 4)
        assert "4 claims in 2 documents" in explanation  # the matcher's own summary, recomputed
        assert link_status(path, min(forty, quarter), min(twenties)) == "accepted"
        assert review.detail.claim.id == forty and review.detail.cluster_id == "k2"
        text = screen_text(pilot.app)
        assert "Done merged cluster k3 into k2 (4 claims)" in text
        subject = sqlite3.connect(path).execute("SELECT subject FROM clusters WHERE id = 'k2'").fetchone()[0]
        assert f"{subject} · different figures" in text  # the panel is headed by the merged cluster
        await press_and_wait(pilot, "z")
        assert clusters(path)["k3"] == {forty, quarter} and clusters(path)["k2"] == twenties
        assert cluster_row(path, "k2")[:2] == ("agree", "consistent")


@synchronously
async def test_t_moves_the_claim_into_a_chosen_cluster(corpus):
    path, ids = corpus
    forty, quarter = ids[("002_munn.txt", "40%")], ids[("004_crin.txt", "one in four")]
    async with reviewing(path) as (pilot, review):
        await pilot.press("t")
        await pilot.pause()
        assert "Move 40% to cluster…" in screen_text(pilot.app)
        await choose_cluster(pilot, "k1")
        assert forty in clusters(path)["k1"] and len(clusters(path)["k1"]) == 4
        assert "k3" not in clusters(path)
        assert link_status(path, forty, quarter) == "rejected"
        assert review.detail.cluster_id == "k1"
        assert f"Done moved claim {forty} from cluster k3 to cluster k1" in screen_text(pilot.app)
        await pilot.press("L")
        await pilot.pause()
        assert "clusters k1 (3), k3 (2) → k1 (4)" in screen_text(pilot.app)


@synchronously
async def test_S_splits_the_ticked_claims_into_a_new_cluster(corpus):
    path, ids = corpus
    thirteen = ids[("002_munn.txt", "13%")]
    title, body = ids[("004_crin.txt", "one in seven")], ids[("004_crin.txt", "One in seven")]
    async with reviewing(path) as (pilot, review):
        await select_cluster(pilot, review, "k1")
        first = review.detail.claim.id
        await pilot.press("S")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, SplitScreen)
        assert list(dialog.query_one("#split-members").selected) == [first]  # the selected claim, ticked
        await pilot.press("down", "space", "down", "space")  # tick every claim: refused, nothing written
        assert len(dialog.query_one("#split-members").selected) == 3
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SplitScreen)
        assert "leave at least one claim in the cluster" in screen_text(pilot.app)
        assert clusters(path)["k1"] == {thirteen, title, body}
        dialog.query_one("#split-members").deselect_all()
        dialog.query_one("#split-members").select(title)
        dialog.query_one("#split-members").select(body)
        await press_and_wait(pilot, "enter")
        found = clusters(path)
        assert "k1" not in found  # 13% alone is no cluster
        (new_id,) = [k for k, members in found.items() if members == {title, body}]
        assert cluster_row(path, new_id)[:2] == ("agree", "consistent")
        assert link_status(path, thirteen, title) == link_status(path, thirteen, body) == "rejected"
        assert link_status(path, title, body) == "accepted"
        assert f"Done split 2 of the 3 claims of cluster k1 into new cluster {new_id}" in screen_text(pilot.app)


@synchronously
async def test_a_claim_in_no_cluster_cannot_be_detached_nor_split(corpus):
    path, ids = corpus
    async with reviewing(path) as (pilot, review):
        await jump_to_claim(pilot, review, ids[("003_guardian.txt", "43")])
        for key in ("d", "S", "M"):
            await pilot.press(key)
            await pilot.pause()
            assert "This claim is in no cluster; t moves it into one." in screen_text(pilot.app)
            assert not isinstance(pilot.app.screen, (SplitScreen, JumpScreen))
        assert logged(path) == []


@synchronously
async def test_the_surgery_keys_are_in_the_help_and_the_palette(corpus):
    path, _ = corpus
    names = (
        "Merge with another cluster…",
        "Split cluster: choose claims…",
        "Move claim to a cluster…",
        "Detach claim from its cluster",
    )
    async with reviewing(path, size=(120, 60)) as (pilot, review):
        text, titles = await help_and_palette(pilot)
        assert "Clusters" in text and all(name in text for name in names)
        assert all(name in titles for name in names)
