"""Claims lists kept between reviews (store.review.kept_orders): the review opens on the kept list
while nothing it was built from has changed, and on a list built afresh as soon as anything has,
whichever program changed it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from report_helpers import ingest_seeds
from review_corpus import synchronously
from review_pilot import jump_to_claim, press_and_wait, reviewing

from workbench.store.review.store import ReviewStore
from workbench.store.review.views import ViewSpec, build_order


@pytest.fixture
def store(corpus):
    path, _ = corpus
    store = ReviewStore(path, "ann")
    yield store
    store.close()


def same_list(a, b) -> bool:
    return (list(a.entries), list(a.groups), a.claim_count) == (list(b.entries), list(b.groups), b.claim_count)


def opened_twice(store, spec: ViewSpec | None = None):
    """The list as the first review builds and keeps it, then as the next review opens it."""
    spec = spec or ViewSpec()
    first = store.build_order(spec)
    assert not first.kept
    assert store.keep_order(first)
    return first, store.build_order(spec)


def test_the_next_review_opens_on_the_kept_list_which_is_the_list_built(store):
    for spec in (ViewSpec(), ViewSpec(grouping="document"), ViewSpec(kinds=("count",), relations=("differ",))):
        _, again = opened_twice(store, spec)
        built = build_order(store.conn, "ann", spec)
        assert again.kept
        assert same_list(again, built)
        assert again.groups[1:3] == list(built.groups)[1:3] and again.groups[-1:] == list(built.groups)[-1:]


def test_a_decision_leaves_the_kept_list_current(store, corpus):
    _, ids = corpus
    opened_twice(store)
    store.decide([ids[("003_guardian.txt", "half")]], "consistent")
    assert store.build_order(ViewSpec()).kept


def change_cluster(store, ids):
    clusters = [g.key for g in store.build_order(ViewSpec()).groups if g.kind == "cluster"]
    store.merge_clusters(clusters[0], clusters[1])


def reject_claim(store, ids):
    store.correct(ids[("003_guardian.txt", "half")], rejected=True)


def rename_document(store, ids):
    other = sqlite3.connect(store.path)  # another program, with its own connection
    with other:
        other.execute("UPDATE documents SET name = 'zzz_' || name WHERE name = '003_guardian.txt'")
    other.close()


def drop_cluster_member(store, ids):
    other = sqlite3.connect(store.path)
    with other:
        other.execute("DELETE FROM cluster_members WHERE rowid = (SELECT min(rowid) FROM cluster_members)")
    other.close()


@pytest.mark.parametrize("change", [change_cluster, reject_claim, rename_document, drop_cluster_member])
def test_any_change_to_what_the_list_is_built_from_makes_it_built_again(store, corpus, change):
    _, ids = corpus
    opened_twice(store)
    change(store, ids)
    after = store.build_order(ViewSpec())
    assert not after.kept
    assert same_list(after, build_order(store.conn, "ann", ViewSpec()))


def test_a_list_is_not_kept_over_a_change_made_while_it_was_built(store, corpus):
    _, ids = corpus
    first = store.build_order(ViewSpec())
    reject_claim(store, ids)
    assert not store.keep_order(first)
    assert not store.build_order(ViewSpec()).kept


def test_no_kept_list_is_used_once_a_trigger_that_follows_changes_is_gone(store, corpus):
    _, ids = corpus
    opened_twice(store)
    other = sqlite3.connect(store.path)
    with other:  # as a later rebuild of the table by a tool that drops its triggers would
        other.execute("DROP TRIGGER list_generation_clusters_update")
        other.execute("UPDATE clusters SET suggested_verdict = 'consistent'")
    other.close()
    order = store.build_order(ViewSpec())
    assert not order.kept and not store.keep_order(order)
    assert same_list(order, build_order(store.conn, "ann", ViewSpec()))


def test_lists_filtered_by_verdict_or_search_are_never_kept(store):
    for spec in (ViewSpec(verdicts=("unreviewed",)), ViewSpec(search="one in")):
        order = store.build_order(spec)
        assert not store.keep_order(order)
        assert not store.build_order(spec).kept


def test_a_busy_database_keeps_nothing_and_does_not_wait(store):
    order = store.build_order(ViewSpec())
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        assert not store.keep_order(order)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.keep_order(order)


def test_ingest_builds_again_the_lists_reviewers_opened(tmp_path: Path):
    from click.testing import CliRunner

    from workbench.cli import main

    db = ingest_seeds(tmp_path / "claims.db")
    store = ReviewStore(str(db), "ann")
    try:
        opened_twice(store)
        extra = tmp_path / "extra.txt"
        extra.write_text("Ofsted said 20 councils were judged inadequate in 2014.\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["--db", str(db), "ingest", str(extra)])
        assert result.exit_code == 0, result.output
        order = store.build_order(ViewSpec())
        assert order.kept
        assert same_list(order, build_order(store.conn, "ann", ViewSpec()))
        assert order.claim_count == build_order(store.conn, "ann", ViewSpec()).claim_count
    finally:
        store.close()


@synchronously
async def test_the_review_keeps_the_list_it_opened_on_and_the_next_one_opens_on_it(corpus):
    path, ids = corpus
    async with reviewing(path) as (pilot, review):
        await pilot.app.workers.wait_for_complete()
        first = list(review.order.entries)
    async with reviewing(path) as (pilot, review):
        assert review.order.kept
        assert list(review.order.entries) == first
        opened_at = review.order.generation
        await jump_to_claim(pilot, review, ids[("003_guardian.txt", "half")])
        await press_and_wait(pilot, "a")  # accepting a match regroups the list: built afresh
        assert review.order.generation > opened_at
        assert list(review.order.entries) != first


def test_commands_that_change_the_lists_build_them_again_and_reading_ones_write_nothing(tmp_path: Path):
    from click.testing import CliRunner

    from workbench.cli import main

    db = ingest_seeds(tmp_path / "claims.db")
    store = ReviewStore(str(db), "ann")
    try:
        opened_twice(store)
        clusters = [g.key for g in store.build_order(ViewSpec()).groups if g.kind == "cluster"]
        other = sqlite3.connect(db)  # another program makes the kept list stale
        with other:
            other.execute("UPDATE documents SET name = 'zzz_' || name WHERE rowid = 1")
        other.close()
        before = Path(db).read_bytes()
        for reading in (["export", "--format", "json", "-o", str(tmp_path / "out.json")], ["claims"]):
            assert CliRunner().invoke(main, ["--db", str(db), *reading]).exit_code == 0
        assert Path(db).read_bytes() == before  # the stale list was left as it was
        assert not store.build_order(ViewSpec()).kept
        result = CliRunner().invoke(main, ["--db", str(db), "cluster", "merge", clusters[0], clusters[1]])
        assert result.exit_code == 0, result.output
        order = store.build_order(ViewSpec())
        assert order.kept and same_list(order, build_order(store.conn, "ann", ViewSpec()))
    finally:
        store.close()


@synchronously
async def test_a_list_regrouped_during_the_review_is_kept_when_the_reviewer_quits(corpus):
    path, ids = corpus
    async with reviewing(path) as (pilot, review):
        await jump_to_claim(pilot, review, ids[("003_guardian.txt", "half")])
        await press_and_wait(pilot, "a")  # regroups: the list is built afresh, not written yet
        regrouped = list(review.order.entries)
        await pilot.press("q")
        await pilot.pause()
    store = ReviewStore(path, "ann")
    try:
        order = store.build_order(ViewSpec())
        assert order.kept and list(order.entries) == regrouped
    finally:
        store.close()
