"""The report on a review's hard cases: decisions orphaned by a re-ingest are listed, never dropped;
two reviewers who disagree get their agreement (percent and Cohen's kappa) and the claims to
adjudicate; and hostile text in these sections stays text, in every format."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_helpers import export, ingest_seeds

from workbench.core.claims import EXTRACTOR_VERSION, extract_claims
from workbench.core.documents import document_from_bytes
from workbench.store.db import open_store
from workbench.store.review.store import ReviewStore

TAX = "Council tax rose by 5% in 2016.\n\nThe council employs 200 staff across 14 libraries.\n"
TAX_EDITED = "Council tax rose by 4.99% in 2016.\n\nThe council employs 200 staff across 14 libraries.\n"
NOTE = "The council says 4.99%."
HOSTILE_NAME = "</td><script>alert(1)</script>|*tax*.txt"  # no file system allows "/", a stored name may hold it
HOSTILE_NOTE = "</td></tr></table><script>alert(2)</script> | *bold* [x](javascript:alert(3))"
HOSTILE_REVIEWER = "<img src=x onerror=alert(4)>|*eve*"


def section(markdown: str, title: str) -> str:
    """The Markdown between the heading `## title` and the next second-level heading."""
    return markdown.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def store_text(db: Path, name: str, text: str) -> None:
    """Store (or, under a stored name, replace) a document as ingest does, under any name."""
    doc = document_from_bytes(name, text.encode())
    with open_store(db) as store:
        store.store_document(doc, extract_claims(doc), extractor_version=EXTRACTOR_VERSION)


def claim_ids(db: Path) -> dict[str, str]:
    with open_store(db, create=False) as store:
        return dict(store.db.conn.execute("SELECT surface, id FROM claims"))


def decide(db: Path, reviewer: str, verdicts: dict[str, str], notes: dict[str, str] | None = None) -> None:
    review = ReviewStore(str(db), reviewer)
    try:
        for claim_id, verdict in verdicts.items():
            review.decide([claim_id], verdict)
        for claim_id, note in (notes or {}).items():
            review.set_note(claim_id, note)
    finally:
        review.close()


def orphan_a_decision(db: Path, name: str, reviewer: str, note: str) -> str:
    """Store a document, decide its "5%" claim, then ingest an edit of that sentence: the decision's claim is gone."""
    store_text(db, name, TAX)
    orphaned = claim_ids(db)["5%"]
    decide(db, reviewer, {orphaned: "conflicting"}, {orphaned: note})
    store_text(db, name, TAX_EDITED)
    assert orphaned not in claim_ids(db).values()
    return orphaned


# --------------------------------------------------------------------------- orphaned decisions


def test_a_decision_orphaned_by_a_reingest_is_listed_in_every_report(tmp_path):
    db = tmp_path / "tax.db"
    orphaned = orphan_a_decision(db, "tax.txt", "alice", NOTE)

    markdown = export(db, "md")
    assert "- **Orphaned decisions:** 1 decision on claims their documents no longer have" in markdown
    listed = section(markdown, "Orphaned decisions")
    assert "**1 decision** are on claims" not in listed and "**1 decision**" in listed
    assert "### tax.txt" in listed
    row = next(line for line in listed.splitlines() if line.startswith("| 5%"))
    assert row.startswith(f"| 5% `{orphaned}` | +5% | Council tax rose by 5% in 2016. | ")
    assert "**conflicting** — alice, " in row and NOTE in row

    page = export(db, "html")
    orphans = page.split('<section class="section" id="orphaned">', 1)[1].split("</section>", 1)[0]
    assert f"<code>{orphaned}</code>" in orphans and "Council tax rose by 5% in 2016." in orphans
    assert NOTE in orphans and '<span class="verdict v-conflicting">conflicting</span>' in orphans
    assert '<a href="#orphaned">1 decision on claims their documents no longer have</a>' in page

    data = json.loads(export(db, "json"))
    assert data["orphaned_decisions"] == [
        {
            "claim_id": orphaned,
            "reviewer": "alice",
            "verdict": "conflicting",
            "note": NOTE,
            "decided_at": data["orphaned_decisions"][0]["decided_at"],
            "doc": "tax.txt",
            "surface": "5%",
            "sentence": "Council tax rose by 5% in 2016.",
            "kind": "rate",
            "value": 0.05,
        }
    ]
    assert [d["claim_id"] for d in data["decisions"]] == [orphaned]  # the decision itself is kept too


def test_without_orphans_the_report_says_so(tmp_path):
    db = tmp_path / "tax.db"
    store_text(db, "tax.txt", TAX)
    markdown = export(db, "md")
    assert "- **Orphaned decisions:** none" in markdown
    assert (
        section(markdown, "Orphaned decisions").strip()
        == "None: every decision is on a claim that is still in its document."
    )
    assert json.loads(export(db, "json"))["orphaned_decisions"] == []


# --------------------------------------------------------------------------- agreement

# Ten claims: alice's and bob's verdicts (c: consistent, x: conflicting, u: unverified).
ALICE = "cccccxxxuu"
BOB = "ccccxxxcux"
VERDICT = {"c": "consistent", "x": "conflicting", "u": "unverified"}
# By hand: 7 of 10 agree (70%). alice gave c 5, x 3, u 2; bob c 5, x 4, u 1: chance = (25 + 12 + 2) / 100
# = 39%. kappa = (0.70 - 0.39) / (1 - 0.39) = 31/61 = 0.508, "moderate".
KAPPA = 31 / 61


@pytest.fixture(scope="module")
def two_reviewers(tmp_path_factory) -> tuple[Path, list[str]]:
    """The seeds, ten of whose claims alice and bob both decided, disagreeing on the 5th, 8th and 10th."""
    db = ingest_seeds(tmp_path_factory.mktemp("agreement") / "seeds.db")
    with open_store(db, create=False) as store:
        ten = [
            row[0]
            for row in store.db.conn.execute(
                "SELECT c.id FROM claims c JOIN documents d ON d.id = c.doc_id ORDER BY d.name, c.seq LIMIT 10"
            )
        ]
    decide(db, "alice", {c: VERDICT[v] for c, v in zip(ten, ALICE)})
    decide(db, "bob", {c: VERDICT[v] for c, v in zip(ten, BOB)}, {ten[4]: "Bob's reason."})
    return db, [c for c, a, b in zip(ten, ALICE, BOB) if a != b]


def test_two_reviewers_get_the_kappa_worked_by_hand(two_reviewers):
    db, _ = two_reviewers
    markdown = export(db, "md")
    assert (
        "- **Agreement:** alice and bob gave the same verdict to 7 of the 10 claims both decided (70%);"
        " Cohen's kappa 0.51 (moderate)"
    ) in markdown
    agreement = section(markdown, "Agreement between reviewers")
    assert "| alice and bob | 10 | 7 (70%) | 39% | 0.51 (moderate) |" in agreement
    assert "| **consistent** | 4 | 1 | 0 |" in agreement  # alice's consistent: bob agreed on 4, not on 1
    assert "| **unverified** | 0 | 1 | 1 |" in agreement

    (pair,) = json.loads(export(db, "json"))["agreement"]
    assert pair["reviewers"] == ["alice", "bob"] and pair["claims_both_decided"] == 10
    assert pair["agreed"] == 7 and pair["percent_agreement"] == pytest.approx(70)
    assert pair["chance_agreement_percent"] == pytest.approx(39) and pair["kappa"] == pytest.approx(KAPPA)
    assert pair["matrix"]["unverified"] == {"consistent": 0, "conflicting": 1, "unverified": 1}
    assert "disagreements" not in pair  # the claims are in "decisions"


def test_the_claims_they_disagree_on_are_listed_for_adjudication(two_reviewers):
    db, disputed = two_reviewers
    markdown = export(db, "md")
    assert "- **To adjudicate:** 3 claims given different verdicts" in markdown
    listed = section(markdown, "Agreement between reviewers").split("### Claims to adjudicate", 1)[1]
    rows = [line for line in listed.splitlines() if line.startswith("| ") and not line.startswith("| Document")]
    assert len(rows) == 3
    assert "alice **consistent**; bob **conflicting**" in rows[0] and "bob: Bob's reason." in rows[0]

    page = export(db, "html")
    adjudicate = page.split('<div class="group" id="adjudicate">', 1)[1].split("</div>", 1)[0]
    assert re.findall(r'href="#claim-([0-9a-z]+)"', adjudicate) == disputed
    for claim_id in disputed:  # each link leads to the claim's evidence, quoted elsewhere in the report
        assert f'<div class="claim" id="claim-{claim_id}">' in page


def test_with_one_reviewer_or_none_the_report_says_there_is_no_agreement(tmp_path):
    db = tmp_path / "tax.db"
    store_text(db, "tax.txt", TAX)
    nobody = section(export(db, "md"), "Agreement between reviewers").strip()
    assert nobody == "No reviewer has given a verdict yet, so there is no agreement between reviewers to measure."

    decide(db, "alice", {claim_ids(db)["5%"]: "consistent"})
    decide(db, "bob", {claim_ids(db)["200"]: "consistent"})
    decide(db, "carol", {claim_ids(db)["14"]: "unverified"})
    markdown = export(db, "md")
    assert "alice, bob and carol have given verdicts, but no claim has a verdict from two of them yet" in section(
        markdown, "Agreement between reviewers"
    )
    assert "To adjudicate" not in markdown

    alone = tmp_path / "alone.db"
    store_text(alone, "tax.txt", TAX)
    decide(alone, "alice", {claim_ids(alone)["5%"]: "consistent"})
    markdown = export(alone, "md")
    assert "- **Agreement:** Only one reviewer (alice) has given verdicts" in markdown
    assert "- **Reviewed:** 1 claim with a verdict (25%)\n- **Not yet reviewed:** 3 claims" in markdown
    assert json.loads(export(alone, "json"))["agreement"] == []


# --------------------------------------------------------------------------- hostile text


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A document under a name full of markup, one of whose decisions is orphaned and another
    disputed by a reviewer whose name is markup too, each with a note that tries to end its cell."""
    db = tmp_path_factory.mktemp("hostile") / "hostile.db"
    orphan_a_decision(db, HOSTILE_NAME, HOSTILE_REVIEWER, HOSTILE_NOTE)
    staff = claim_ids(db)["200"]
    decide(db, "alice", {staff: "consistent"})
    decide(db, HOSTILE_REVIEWER, {staff: "unverified"}, {staff: HOSTILE_NOTE})
    return db


class Page(HTMLParser):
    """The tags and the text of an HTML page, as a browser's parser reads them."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_hostile_text_in_these_sections_stays_text_in_html(hostile):
    page = Page(export(hostile, "html"))
    assert "script" not in page.tags and "img" not in page.tags
    assert not [name for name in page.attributes if name.startswith("on")]
    shown = "".join(page.text)
    for text in (HOSTILE_NAME, HOSTILE_NOTE, HOSTILE_REVIEWER):
        assert text in shown
    assert shown.count(HOSTILE_NOTE) >= 3  # as the orphaned decision's note, in the claims to adjudicate, in evidence


def test_hostile_text_in_these_sections_stays_text_in_markdown(hostile):
    markdown = export(hostile, "md")
    assert not re.search(r"(?<!\\)<", markdown)
    for title in ("Agreement between reviewers", "Orphaned decisions"):
        tables = [block.splitlines() for block in section(markdown, title).split("\n\n") if block.startswith("|")]
        assert tables, title
        for table in tables:  # a "|" from a name or note would open a cell of its own
            cells = {len(re.split(r"(?<!\\)\|", line)) for line in table}
            assert len(cells) == 1, table
    orphans = section(markdown, "Orphaned decisions")
    assert "### \\</td\\>\\<script\\>alert(1)\\</script\\>\\|\\*tax\\*.txt" in orphans
    assert (
        "\\</td\\>\\</tr\\>\\</table\\>\\<script\\>alert(2)\\</script\\> \\| \\*bold\\* \\[x\\](javascript:alert(3))"
        in orphans
    )

    data = json.loads(export(hostile, "json"))
    (orphan,) = data["orphaned_decisions"]
    assert (orphan["doc"], orphan["reviewer"], orphan["note"]) == (HOSTILE_NAME, HOSTILE_REVIEWER, HOSTILE_NOTE)


# --------------------------------------------------------------------------- one verdict per claim

TWO_SAY = "Council tax rose by 5% in 2016.\n\nThe council employs 200 staff across 14 libraries.\n"


def test_a_claim_two_reviewers_judged_differently_has_one_verdict_and_the_counts_add_up(tmp_path):
    """README: conflicting if any reviewer found it so, the common verdict if all agree, else mixed.
    The per-document counts counted such a claim once per verdict ("2 claims: 2 consistent,
    1 conflicting"), and the cluster table called a consistent/conflicting claim "mixed"."""
    db = tmp_path / "two.db"
    store_text(db, "tax.txt", TWO_SAY)
    ids = claim_ids(db)
    decide(db, "alice", {ids["5%"]: "consistent", ids["200"]: "consistent", ids["14"]: "consistent"})
    decide(db, "bob", {ids["5%"]: "conflicting", ids["200"]: "unverified", ids["14"]: "consistent"})
    markdown = export(db, "md")
    counts = re.search(r"\*\*Claims:\*\* (\d+): (.*?); (\d+) not yet reviewed", markdown)
    assert counts, markdown
    total, parts, unreviewed = int(counts[1]), counts[2], int(counts[3])
    numbers = dict((name, int(n)) for n, name in re.findall(r"(\d+) (\w+)", parts))
    assert sum(numbers.values()) + unreviewed == total
    assert numbers == {"consistent": 1, "conflicting": 1, "unverified": 0, "mixed": 1}
    data = json.loads(export(db, "json"))
    assert data  # the export still reads


def test_a_cluster_member_two_reviewers_judged_differently_reads_conflicting_in_its_table(tmp_path):
    db = ingest_seeds(tmp_path / "seeds.db")
    with open_store(db, create=False) as store:
        (thirteen,) = [
            row[0]
            for row in store.db.conn.execute(
                "SELECT c.id FROM claims c JOIN cluster_members m ON m.claim_id = c.id WHERE c.surface = '13%'"
            )
        ]
    decide(db, "alice", {thirteen: "consistent"})
    decide(db, "bob", {thirteen: "conflicting"})
    rows = [line for line in export(db, "md").splitlines() if line.startswith("|") and "| 13% | 13% |" in line]
    assert rows and all("**conflicting**" in row and "mixed" not in row for row in rows), rows


def test_the_report_notes_a_split_year_read_otherwise_than_written(tmp_path):
    """ "2012/12" is read as 2012–2013; the report says so beside the value."""
    db = ingest_seeds(tmp_path / "seeds.db")
    markdown = export(db, "md")
    assert "- **Value:** 2012–2013 (year, range); as written: 2012/12" in markdown
    assert "as written: 2012/13" not in markdown
