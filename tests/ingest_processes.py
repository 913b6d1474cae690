"""Helpers for the tests that run `workbench ingest` as a process and kill or signal it: a corpus
from the benchmark's generator, and the ingest started in a session of its own."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generated_corpus(folder: Path, documents: int, *, seed: int, words: int) -> Path:
    """`documents` files from bench/generate_corpus.py (loaded without putting bench/ on
    sys.path) written into folder."""
    spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "bench" / "generate_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for index in range(documents):
        name, data, _ = module.generate_document(index, seed=seed, words=words)
        (folder / name).write_bytes(data)
    return folder


def start_ingest(corpus: Path, db: Path) -> subprocess.Popen:
    """`workbench ingest` in a session of its own, so that its worker processes die with it."""
    env = {**os.environ, "CI": "true"}
    env.pop("WORKBENCH_DB", None)
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", "ingest", str(corpus), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
