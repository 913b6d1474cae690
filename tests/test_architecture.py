"""The core stays headless: no Textual, no Rich, no SQL, so it can be used and tested alone."""

import pkgutil
from pathlib import Path
import subprocess
import sys

import workbench.core

CORE_MODULES = sorted(m.name for m in pkgutil.walk_packages(workbench.core.__path__, "workbench.core."))


def test_core_modules_exist():
    assert "workbench.core.claims" in CORE_MODULES and "workbench.core.numbers" in CORE_MODULES


def test_core_imports_no_ui_or_sql():
    code = (
        "import sys, importlib\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "bad = [m for m in ('textual', 'rich', 'sqlite3', 'sqlite_utils') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_layer_contracts_hold():
    """The import-linter contracts in pyproject.toml: core imports nothing above it, store never
    imports the UI or the command line, the UI never imports the command line."""
    lint = Path(sys.executable).with_name("lint-imports")
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([str(lint), "--no-cache"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_lint_rules_hold():
    """`ruff check` with the rules in pyproject.toml: unused imports and names, undefined names,
    mutable default arguments and the like never land."""
    ruff = Path(sys.executable).with_name("ruff")
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [str(ruff), "check", "--no-cache", "workbench", "tests", "bench", "training"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_the_code_is_formatted():
    """`ruff format --check` with the settings in pyproject.toml: the code keeps one layout, so
    that a diff shows what changed and not how it was typed."""
    ruff = Path(sys.executable).with_name("ruff")
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [str(ruff), "format", "--check", "--no-cache", "workbench", "tests", "bench", "training"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_every_database_connection_is_opened_by_the_connection_module():
    """One connection policy (pragmas, busy timeout, read-only mode): nothing outside
    store/connection.py calls sqlite3.connect."""
    package = Path(workbench.core.__file__).resolve().parents[1]
    opened_elsewhere = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "connection.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "sqlite3.connect(" in line
    ]
    assert opened_elsewhere == []


def test_the_review_ui_starts_without_loading_the_extractor():
    """The extractor's tables take about a third of a second to compile; the review loads it only
    when a reviewer corrects or adds a claim, not on the way to its first screen."""
    probe = (
        "import sys, workbench.tui.app, workbench.tui.startup; "
        "print(sorted(m for m in sys.modules if m in ('workbench.core.numbers', 'workbench.core.claims')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
