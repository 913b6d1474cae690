"""The review UI cites a PDF claim's page ("p. 2") where it shows the claim's source, as the
report does, so a reviewer can find the figure in the printed document."""

from __future__ import annotations

from pathlib import Path

from review_corpus import synchronously
from review_pilot import jump_to_claim, reviewing, screen_text

from workbench.ingest import ingest_paths
from workbench.store.db import open_store

SOURCES = Path(__file__).resolve().parent / "fixtures" / "sources"


@synchronously
async def test_a_pdf_claim_shows_its_page_and_a_text_claim_none(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("starter_homes_article.pdf", "starter_homes_article.html"):
        (folder / name).write_bytes((SOURCES / name).read_bytes())
    path = tmp_path / "claims.db"
    with open_store(path) as store:
        ingest_paths(store, [folder])
        claims = {(c.doc_name, c.surface): c for c in store.iter_claims()}
    on_page_2 = claims[("starter_homes_article.pdf", "fewer than 150,000")]
    on_page_1 = claims[("starter_homes_article.pdf", "1.41 million")]
    on_the_web = claims[("starter_homes_article.html", "fewer than 150,000")]
    async with reviewing(str(path), size=(200, 40)) as (pilot, review):  # wide: the header on one line
        for claim, page in ((on_page_2, "p. 2"), (on_page_1, "p. 1")):
            await jump_to_claim(pilot, review, claim.id)
            assert review.detail.claim.id == claim.id
            assert f"2014-07-16 · by Jane Whitmore · starter_homes_article · {page} " in screen_text(pilot.app)
        await jump_to_claim(pilot, review, on_the_web.id)
        assert review.detail.claim.id == on_the_web.id
        shown = screen_text(pilot.app)
        assert "by Jane Whitmore · starter_homes_article " in shown and "starter_homes_article · p." not in shown
