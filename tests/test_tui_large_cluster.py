"""A cluster of many members is summarised in the cluster panel, not laid out whole: its counts,
the spread of its values, the first rows (always with the selected claim), and how many more."""

from __future__ import annotations

import re

from review_corpus import CLAIMS, CLUSTERS, DOCS, LINKS, build_small, synchronously
from review_pilot import loaded

from workbench.store.review.store import ReviewStore
from workbench.tui.app import ReviewApp
from workbench.tui.widgets import MEMBER_ROWS, ClusterPanel

AREAS = 40  # members of the large cluster from the long document, besides Munn's "20"
BIG = " ".join(f"Area {i} had {100 + i} councils." for i in range(AREAS))
BIG_DOCS = [*DOCS, ("005_areas.txt", BIG, "Councils by area", "2013-11-05", None)]
BIG_CLAIMS = [*CLAIMS, *(("005_areas.txt", str(100 + i), 0, "count", 100 + i, "exact", {}) for i in range(AREAS))]
BIG_CLUSTERS = [
    *CLUSTERS,
    (
        "k4",
        "differ",
        "unverified",
        "councils by area",
        "councils",
        "count",
        [("002_munn.txt", "20"), *(("005_areas.txt", str(100 + i)) for i in range(AREAS))],
    ),
]
# Munn's "20" is in k2 already: the large cluster takes Crin's "20" out of k2's place for Munn's
BIG_CLUSTERS[1] = (*BIG_CLUSTERS[1][:6], [("004_crin.txt", "20"), ("002_munn.txt", "40%")])
BIG_CLUSTERS[2] = (*BIG_CLUSTERS[2][:6], [("004_crin.txt", "one in four"), ("003_guardian.txt", "half")])


def build(path):
    return build_small(path, docs=BIG_DOCS, claims=BIG_CLAIMS, clusters=BIG_CLUSTERS, links=LINKS[1:])


def test_the_store_summarises_a_cluster_in_one_reading(tmp_path):
    path = str(tmp_path / "claims.db")
    ids = build(path)
    store = ReviewStore(path, "ann")
    store.decide([ids[("005_areas.txt", "100")], ids[("005_areas.txt", "101")]], "consistent")
    store.decide([ids[("002_munn.txt", "20")]], "conflicting")
    summary = store.cluster_summary("k4")
    store.close()
    assert (summary.count, summary.documents, summary.kind) == (AREAS + 1, 2, "count")
    assert summary.verdicts == {"consistent": 2, "conflicting": 1, "unverified": 0}
    assert summary.undecided == AREAS + 1 - 3
    assert (summary.low, summary.median, summary.high) == (20, 119, 139)


async def show(path, claim_id, size=(140, 45)):
    app = ReviewApp(path, "ann")
    async with app.run_test(size=size) as pilot:
        await loaded(pilot)
        app.review.jump_to_claim(claim_id)
        await loaded(pilot)
        review = app.review
        return (
            review.detail.claim.id,
            review.query_one(ClusterPanel).render().plain,
            str(review.cluster_scroll.border_title),
        )


@synchronously
async def test_a_large_cluster_shows_its_figures_first_rows_and_the_selected_claim(tmp_path):
    path = str(tmp_path / "claims.db")
    ids = build(path)
    last = ids[("005_areas.txt", str(100 + AREAS - 1))]  # in document order, far past the first rows
    selected, text, title = await show(path, last)
    assert selected == last
    assert f"{AREAS + 1} claims" in title
    assert f"{AREAS + 1} claims in 2 documents · {AREAS + 1} not reviewed" in text
    assert "Values from 20 to 139, median 119" in text
    rows = [line for line in text.splitlines() if "005_areas" in line or "002_munn" in line]
    assert len(rows) == MEMBER_ROWS
    assert [line for line in rows if line.startswith("▶")] == [next(r for r in rows if " 139 " in r)]
    assert f"… and {AREAS + 1 - MEMBER_ROWS} more claims" in text


@synchronously
async def test_a_small_cluster_is_laid_out_whole_without_a_summary(tmp_path):
    path = str(tmp_path / "claims.db")
    ids = build(path)
    _, text, title = await show(path, ids[("004_crin.txt", "one in four")])
    assert "2 claims" in title and "more claims" not in text and "not reviewed" not in text
    assert "┣━┫ a range" in text  # the number line of every member


RELATED = [
    ("003_guardian.txt", "seven", "005_areas.txt", str(100 + i), "related", 0.9 - i / 100, "suggested", f"related {i}")
    for i in range(20)
]
POSSIBLE = [
    (
        "003_guardian.txt",
        "seven",
        "005_areas.txt",
        str(120 + i),
        "possible",
        0.9 - i / 100,
        "suggested",
        f"possible {i}",
    )
    for i in range(20)
]


@synchronously
async def test_long_lists_of_links_show_a_window_and_count_the_rest(tmp_path):
    from workbench.tui.widgets import LINK_ROWS

    path = str(tmp_path / "claims.db")
    ids = build_small(path, docs=BIG_DOCS, claims=BIG_CLAIMS, clusters=BIG_CLUSTERS, links=RELATED + POSSIBLE)
    seven = ids[("003_guardian.txt", "seven")]
    app = ReviewApp(path, "ann")
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.review.jump_to_claim(seven)
        await pilot.pause()
        panel = app.review.query_one(ClusterPanel)

        def sections():
            text = panel.render().plain
            related, possible = text.split("Possible matches")
            return related, possible

        related, possible = sections()
        assert len(re.findall(r"related \d+", related)) == LINK_ROWS
        assert f"… and {20 - LINK_ROWS} more related claims" in related
        assert len(re.findall(r"possible \d+", possible)) == LINK_ROWS
        assert f"… and {20 - LINK_ROWS} more possible matches" in possible and "more above" not in possible
        for _ in range(15):  # m moves past the shown rows: the window follows the suggestion
            await pilot.press("m")
        await pilot.pause()
        _, possible = sections()
        lines = possible.splitlines()
        current = next(i for i, line in enumerate(lines) if line.startswith("▶"))
        assert "possible 15" in lines[current + 1]
        assert "more above" in possible
        assert len(re.findall(r"possible \d+", possible)) == LINK_ROWS
