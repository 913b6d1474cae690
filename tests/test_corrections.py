"""Corrections of claims: validation, the store, the review log (undo/redo), and `workbench claim`."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.core.corrections import Correction, CorrectionError, apply, build_changes, describe
from workbench.core.model import Claim
from workbench.store.review.store import ReviewStore
from workbench.store.review.views import ViewSpec


def money(value=2_000_000, currency="GBP", **extra) -> Claim:
    return Claim("c1", "a.txt", 0, 3, "£2m", "money", value=value, currency=currency, **extra)


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, reason",
    [
        ("2bn", "'2bn' is not a number; use 2000000000 or 2e9"),
        ("£3.5m", "'£3.5m' is not a number; use 3500000 or 3.5e6"),
        ("lots", "'lots' is not a number; write it in digits, e.g. 2000000000 or 2e9"),
        ("nan", "'nan' is not a number; write it in digits, e.g. 2000000000 or 2e9"),
    ],
)
def test_a_value_that_is_not_a_plain_number_is_refused_with_the_number_to_type(typed, reason):
    with pytest.raises(CorrectionError) as refused:
        build_changes(money(), value=typed)
    assert str(refused.value) == reason


@pytest.mark.parametrize(
    "options, reason",
    [
        (dict(value="45"), "a proportion is between 0 and 1 (45% is 0.45); 45 is not"),
        (dict(low="0.2", high="1.5"), "a proportion is between 0 and 1 (45% is 0.45); 1.5 is not"),
        (dict(value="0.5-0.2"), "a range runs from low to high; 0.5 is above 0.2"),
        (dict(low="0.2"), "a range needs both --min and --max"),
        (
            dict(kind="percentage"),
            "'percentage' is not a kind; use one of count, proportion, rate, money, year, date, duration, other",
        ),
        (
            dict(qualifier="about"),
            "'about' is not a qualifier; use one of exact, approx, lower_bound, upper_bound, range",
        ),
        (dict(qualifier="range"), "the qualifier 'range' needs a range: give --value LOW-HIGH or --min and --max"),
        (dict(kind="year", value="2013.5"), "a year is a whole number; 2013.5 is not"),
        (dict(kind="date", value="April 2015"), "'April 2015' is not a date; write it as YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_each_impossible_correction_says_why_in_one_line(options, reason):
    share = Claim("c1", "a.txt", 0, 3, "45%", "proportion", value=0.45)
    with pytest.raises(CorrectionError) as refused:
        build_changes(share, **options)
    assert str(refused.value) == reason


def test_ranges_by_value_or_by_min_and_max_and_codes_are_normalised():
    share = Claim("c1", "a.txt", 0, 3, "45%", "proportion", value=0.45)
    span = {"value": None, "value_min": 0.1, "value_max": 0.2, "qualifier": "range"}
    assert build_changes(share, value="0.1-0.2") == span
    assert build_changes(share, value="0.1 to 0.2") == span
    assert build_changes(share, low="0.1", high="0.2") == span
    assert build_changes(money(), currency="usd", value="2,500,000") == {"value": 2_500_000, "currency": "USD"}
    assert build_changes(money(unit="bn"), unit="none") == {"unit": None}
    with pytest.raises(CorrectionError, match="'pounds' is not a currency code"):
        build_changes(money(), currency="pounds")


def test_the_original_reading_is_told_beside_the_correction():
    original = money()
    correction = Correction("c1", build_changes(original, value="20.4e6"), reviewer="alice")
    assert describe(original, apply(original, correction), correction) == "read as £2m, corrected to £20.4m by alice"
    kind = Correction("c1", build_changes(original, kind="count", value="2"), reviewer="bob")
    assert describe(original, apply(original, kind), kind) == "read as £2m (money), corrected to 2 (count) by bob"
    rejected = Correction("c1", {}, rejected=True, reviewer="alice")
    assert describe(original, original, rejected) == "read as £2m, marked not a claim by alice"


# --- the store and the review log -------------------------------------------------------------


def test_a_correction_shows_in_every_view_and_the_extractor_reading_stays(corpus):
    path, ids = corpus
    claim = ids[("002_munn.txt", "13%")]
    with _open(path, "alice") as store:
        change = store.correct(claim, {"value": 0.132})
        assert change.action == "correct" and change.claim_ids == [claim]
        detail = store.detail(claim)
        assert detail.claim.value == 0.132 and detail.original.value == 0.13
        assert detail.correction.reviewer == "alice"
        row = store.rows([store.rowid_of(claim)])[store.rowid_of(claim)]
        assert row.value == 0.132 and row.corrected
        assert [m.value for m in store.members("k1") if m.id == claim] == [0.132]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM claims WHERE id = ?", [claim]).fetchone() == (0.13,)
    ((action, before, after),) = conn.execute(
        "SELECT action, from_correction, to_correction FROM review_log WHERE claim_id = ?", [claim]
    )
    assert action == "correct" and before is None and json.loads(after)["changes"] == {"value": 0.132}


class _open:
    def __init__(self, path, reviewer):
        self.store = ReviewStore(path, reviewer)

    def __enter__(self):
        return self.store

    def __exit__(self, *exc):
        self.store.close()


def test_corrections_are_undone_and_redone_with_the_review_log(corpus):
    path, ids = corpus
    claim = ids[("002_munn.txt", "20")]
    with _open(path, "alice") as store:
        store.correct(claim, {"value": 21})
        store.correct(claim, {"unit": "council"})
        assert store.correction(claim).changes == {"value": 21, "unit": "council"}
        store.undo()
        assert store.correction(claim).changes == {"value": 21}
        store.undo()
        assert store.correction(claim) is None and store.detail(claim).claim.value == 20
        store.redo()
        assert store.correction(claim).changes == {"value": 21}
        assert store.correct(claim, {"value": 20}).items[0].to_correction is None  # back to the reading
        assert store.correction(claim) is None
        assert store.correct(claim, {"value": 20}).items == ()  # nothing to change, nothing logged


def test_a_claim_marked_not_a_claim_leaves_lists_and_clusters_and_can_be_restored(corpus):
    path, ids = corpus
    claim = ids[("004_crin.txt", "one in four")]
    with _open(path, "alice") as store:
        before = store.build_order(ViewSpec())
        total = store.progress().total
        store.correct(claim, rejected=True)
        after = store.build_order(ViewSpec())
        assert after.claim_count == before.claim_count - 1
        assert store.rowid_of(claim) not in after.entries
        assert claim not in [m.id for m in store.members("k3")]
        assert store.progress().total == total - 1
        assert store.detail(claim).correction.rejected  # still stored
        store.correct(claim, rejected=False)
        assert store.build_order(ViewSpec()).claim_count == before.claim_count
        assert store.correction(claim) is None
        store.undo()
        assert store.correction(claim).rejected
    conn = sqlite3.connect(path)
    assert [
        json.loads(row[0])["rejected"] if row[0] else None
        for row in conn.execute("SELECT to_correction FROM review_log WHERE claim_id = ? ORDER BY id", [claim])
    ] == [True, None, True]


# --- workbench claim -------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)


def test_claim_edit_reject_and_restore_on_the_command_line(corpus):
    path, ids = corpus
    claim = ids[("002_munn.txt", "13%")]
    result = run("claim", "edit", claim, "--db", path, "--reviewer", "alice", "--value", "0.1-0.15")
    assert result.exit_code == 0, result.output
    assert result.output == f"{claim}: read as 13% (exact), corrected to 10%–15% (range) by alice\n"
    refused = run("claim", "edit", claim, "--db", path, "--reviewer", "alice", "--value", "13")
    assert refused.exit_code == 1
    assert refused.output.strip().splitlines() == [
        f"workbench: {claim}: a proportion is between 0 and 1 (45% is 0.45); 13 is not"
    ]
    assert run("claim", "reject", claim, "--db", path, "--reviewer", "bob").output == f"{claim}: marked not a claim\n"
    assert run("claim", "reject", claim, "--db", path).output.endswith("nothing changed\n")
    assert run("claim", "restore", claim, "--db", path).output == f"{claim}: restored as a claim\n"
    with _open(path, "alice") as store:
        correction = store.correction(claim)
        assert correction.changes["value_min"] == 0.1 and not correction.rejected
    missing = run("claim", "edit", "nope", "--db", path, "--value", "1")
    assert missing.exit_code == 1 and "no claim nope" in missing.output
    assert run("claim", "edit", claim, "--db", path).exit_code == 2


# --- the export and the report -----------------------------------------------------------------


def test_the_export_and_the_report_show_corrections_beside_the_reading_and_leave_out_non_claims(corpus, tmp_path):
    path, ids = corpus
    twenty, four = ids[("002_munn.txt", "20")], ids[("004_crin.txt", "one in four")]
    assert run("claim", "edit", twenty, "--db", path, "--reviewer", "alice", "--value", "21").exit_code == 0
    assert run("claim", "reject", four, "--db", path, "--reviewer", "bob").exit_code == 0
    out = tmp_path / "export.json"
    assert run("export", "--db", path, "--format", "json", "-o", out).exit_code == 0
    data = json.loads(out.read_text())
    claims = {c["id"]: c for c in data["claims"]}
    assert four not in claims and all(four not in k["claim_ids"] for k in data["clusters"])
    assert claims[twenty]["value"] == 21
    correction = claims[twenty]["correction"]
    assert correction["original"] == {
        "kind": "count",
        "value": 20,
        "qualifier": "exact",
        "unit": None,
        "currency": None,
    }
    assert correction["reviewer"] == "alice" and correction["description"] == "read as 20, corrected to 21 by alice"
    assert all(c["correction"] is None for i, c in claims.items() if i != twenty)
    listed = {c["claim_id"]: c for c in data["corrections"]}
    assert listed[four]["rejected"] and listed[four]["reviewer"] == "bob" and not listed[four]["orphaned"]
    assert listed[twenty]["changes"] == {"value": 21}
    (entry,) = [e for e in data["review_log"] if e["claim_id"] == twenty]
    assert entry["action"] == "correct" and entry["from_correction"] is None
    assert entry["to_correction"]["changes"] == {"value": 21}
    report = tmp_path / "report.md"
    assert run("export", "--db", path, "-o", report).exit_code == 0
    text = report.read_text()
    assert "read as 20, corrected to 21 by alice on " in text
    assert "**one in four**" not in text and "**40%**" in text  # left out as a claim (the matcher's explanation stays)


# --- re-ingest --------------------------------------------------------------------------------

A = """Councils cut youth services

One in seven councils was judged inadequate in 2013. The report found 20 councils with poor child protection.

Funding fell by £2bn since April 2015, the Local Government Association said.
"""
EDITED = ("One in seven councils was judged inadequate in 2013.", "One in six councils was judged inadequate in 2014.")


def _claim_id(db, surface):
    from workbench.store.db import open_store

    with open_store(db) as store:
        [claim] = [c for c in store.iter_claims() if c.surface == surface]
    return claim.id


def test_corrections_survive_a_reingest_are_orphaned_with_their_sentence_and_come_back(tmp_path):
    docs, db = tmp_path / "docs", tmp_path / "claims.db"
    docs.mkdir()
    (docs / "a.txt").write_text(A, encoding="utf-8")
    assert run("ingest", docs, "--db", db).exit_code == 0
    kept, vanished = _claim_id(db, "20"), _claim_id(db, "One in seven")
    assert run("claim", "edit", kept, "--db", db, "--reviewer", "alice", "--value", "21").exit_code == 0
    assert run("claim", "reject", vanished, "--db", db, "--reviewer", "alice").exit_code == 0
    original = (docs / "a.txt").read_text(encoding="utf-8")
    (docs / "a.txt").write_text(original.replace(*EDITED), encoding="utf-8")

    assert run("ingest", docs, "--db", db).exit_code == 0

    with _open(str(db), "alice") as store:
        assert store.detail(kept).claim.value == 21  # the unchanged sentence keeps its correction
        assert store.detail(kept).original.value == 20
    doctor = run("doctor", "--db", db)
    assert doctor.exit_code == 0, doctor.output
    lines = doctor.output.splitlines()
    assert (
        "corrections   2; 1 on claims that are no longer stored (they apply again if the sentence comes back):" in lines
    )
    assert f'  alice  not a claim  a.txt  {vanished}  "One in seven"' in lines
    assert f"      in: {EDITED[0]}" in lines

    (docs / "a.txt").write_text(original, encoding="utf-8")  # the sentence comes back
    assert run("ingest", docs, "--db", db).exit_code == 0
    with _open(str(db), "alice") as store:
        assert store.correction(vanished).rejected
        assert store.rowid_of(vanished) not in store.build_order(ViewSpec()).entries
    assert "corrections   2; 0 on claims that are no longer stored" in run("doctor", "--db", db).output


def test_a_newer_extractor_never_overwrites_a_correction(tmp_path, monkeypatch):
    from workbench import ingest as ingest_module
    from workbench.core.claims import EXTRACTOR_VERSION

    docs, db = tmp_path / "docs", tmp_path / "claims.db"
    docs.mkdir()
    (docs / "a.txt").write_text(A, encoding="utf-8")
    assert run("ingest", docs, "--db", db).exit_code == 0
    claim = _claim_id(db, "£2bn")
    assert run("claim", "edit", claim, "--db", db, "--value", "2.5e9", "--reviewer", "alice").exit_code == 0
    real_extract = ingest_module.extract_claims

    def reads_money_differently(doc):
        from dataclasses import replace

        return [replace(c, value=3e9, qualifier="approx") if c.kind == "money" else c for c in real_extract(doc)]

    monkeypatch.setattr(ingest_module, "EXTRACTOR_VERSION", EXTRACTOR_VERSION + ".1")
    monkeypatch.setattr(ingest_module, "extract_claims", reads_money_differently)
    result = run("ingest", docs, "--db", db)
    assert result.exit_code == 0 and "newer extractor" in result.output
    with _open(str(db), "alice") as store:
        detail = store.detail(claim)
        assert detail.claim.value == 2.5e9  # the reviewer's value, over the new reading
        assert detail.original.value == 3e9 and detail.claim.qualifier == "approx"  # what was not corrected follows it
    assert run("doctor", "--db", db).exit_code == 0


def test_doctor_finds_a_correction_the_log_does_not_explain(corpus):
    path, ids = corpus
    claim = ids[("002_munn.txt", "20")]
    assert run("claim", "edit", claim, "--db", path, "--value", "21").exit_code == 0
    conn = sqlite3.connect(path)
    conn.execute("UPDATE corrections SET changes = '{\"value\": 99}'")
    conn.commit()
    conn.close()
    doctor = run("doctor", "--db", path)
    assert doctor.exit_code == 1
    assert f"corrections: the correction of {claim} is not what the log's last entry about it says" in doctor.output


def test_undoing_a_correction_of_a_decided_claim_leaves_the_doctor_healthy(corpus):
    path, ids = corpus
    claim = ids[("002_munn.txt", "20")]
    with _open(path, "alice") as store:
        store.decide([claim], "consistent")
        store.correct(claim, {"value": 21})
        store.undo()
        store.redo()
        store.undo()
        assert store.decision(claim)[0] == "consistent" and store.correction(claim) is None
    doctor = run("doctor", "--db", path)
    assert doctor.exit_code == 0, doctor.output
    assert "review log    5 entries, consistent" in doctor.output.splitlines(), doctor.output
