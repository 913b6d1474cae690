"""The review UI's command palette exports the report beside the database and says where."""

from __future__ import annotations

import json
from pathlib import Path

from review_corpus import build_small, synchronously
from review_pilot import loaded, run_from_palette, screen_text

from workbench.tui.app import ReviewApp


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


@synchronously
async def test_the_palette_writes_the_report_next_to_the_database(tmp_path):
    path = tmp_path / "checks.db"
    build_small(str(path))
    async with ReviewApp(path, "ann").run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("x")  # a decision, so the report has a verdict in it
        await run_from_palette(pilot, "Export report HTML")
        report = tmp_path / "checks-report.html"
        assert report.is_file()
        assert '<span class="verdict v-conflicting">conflicting</span> — ann, ' in report.read_text(encoding="utf-8")
        assert f"Report written to {report}" in notifications(pilot.app)

        await run_from_palette(pilot, "Export report ClaimReview")
        reviews = json.loads((tmp_path / "checks-report.jsonld").read_text(encoding="utf-8"))
        assert [r["author"]["name"] for r in reviews] == ["ann"]
        assert sorted(p.name for p in tmp_path.iterdir() if "report" in p.name) == [
            "checks-report.html",
            "checks-report.jsonld",
        ]


@synchronously
async def test_a_failed_export_is_one_line_and_the_review_goes_on(tmp_path):
    path = tmp_path / "checks.db"
    build_small(str(path))
    (tmp_path / "checks-report.md").mkdir()  # where the report would go: a folder, so it cannot be written
    async with ReviewApp(path, "ann").run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await run_from_palette(pilot, "Export report Markdown")
        failures = [m for m in notifications(pilot.app) if m.startswith("Export failed: ")]
        assert len(failures) == 1 and "checks-report.md" in failures[0] and "\n" not in failures[0]
        await pilot.press("c")
        await loaded(pilot)
        assert pilot.app.review is not None and Path(path).is_file()


@synchronously
async def test_a_database_name_with_markup_shows_literally_in_the_palette(tmp_path):
    """The palette's help line names the report file, from the database's name: Textual reads hit
    help as markup, so the name must come through escaped, shown as typed and not obeyed."""
    path = tmp_path / "[bold]ev[@click=app.quit]il.db"
    build_small(str(path))
    async with ReviewApp(path, "ann").run_test(size=(160, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Export report Markdown")
        await pilot.pause(0.3)
        assert pilot.app.is_running and pilot.app._exception is None
        assert "Write [bold]ev[@click=app.quit]il-report.md next to the database" in screen_text(pilot.app)
        await pilot.press("enter")
        await loaded(pilot)
        assert pilot.app.is_running
    assert (tmp_path / "[bold]ev[@click=app.quit]il-report.md").is_file()


@synchronously
async def test_a_relative_database_gets_its_report_beside_it_named_in_full(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    build_small("claims.db")
    async with ReviewApp("claims.db", "ann").run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await run_from_palette(pilot, "Export report Markdown")
        report = tmp_path / "claims-report.md"
        assert report.is_file()
        assert f"Report written to {report}" in notifications(pilot.app)


def test_the_default_report_names_are_ignored_by_git():
    """The default database is ./claims.db, so the palette's reports land in the project's root."""
    from fnmatch import fnmatch

    from workbench.export import FORMATS, report_path

    root = Path(__file__).resolve().parent.parent
    patterns = [
        line.strip()
        for line in (root / ".gitignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for fmt in FORMATS:
        name = report_path(Path("claims.db"), fmt).name
        assert any(fnmatch(name, pattern) for pattern in patterns), name
