"""Snapshots kept as plain files under tests/snapshots/, compared by syrupy (the snapshot library
that pytest-textual-snapshot, used for the screenshots, is built on): a failing comparison shows
the differing lines, and `pytest --snapshot-update` rewrites the files after a deliberate change.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


@cache
def _file(relative: str, binary: bool) -> type[SingleFileSnapshotExtension]:
    """The syrupy extension that keeps one snapshot at tests/snapshots/<relative>."""
    path = SNAPSHOTS / relative

    class SnapshotFile(SingleFileSnapshotExtension):
        _file_extension = path.suffix[1:]
        _write_mode = WriteMode.BINARY if binary else WriteMode.TEXT

        @classmethod
        def dirname(cls, *, test_location) -> str:
            return str(path.parent)

        @classmethod
        def get_snapshot_name(cls, *, test_location, index=0) -> str:
            return path.stem

    return SnapshotFile


def matches_file(snapshot, relative: str, data: str | bytes) -> bool:
    """Whether data equals the snapshot file tests/snapshots/<relative> (text, or bytes kept byte
    for byte, as a CSV's line ends must be); use as `assert matches_file(snapshot, ...)`."""
    return snapshot.use_extension(_file(relative, isinstance(data, bytes))) == data
