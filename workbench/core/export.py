"""The JSON export: the workbench's public, versioned description of documents, claims and clusters.

The document is streamed: the envelope is written by hand and each item is dumped on its own
line, so a database of any size exports in constant memory. The shape is documented in the
README ("The JSON export") and read by the evaluation scorer.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import TextIO

from workbench.core.model import Claim

SCHEMA_VERSION = 1
DOCUMENT_FIELDS = ("id", "name", "title", "published", "author", "sha256", "encoding")

# Characters JSON leaves raw with ensure_ascii=False but a terminal or an editor may act on:
# DEL, the C1 controls (0x9B is an 8-bit escape), line/paragraph separators, bidi overrides.
# Written as \\u escapes, they read back as the same characters.
_JSON_ESCAPES = {
    code: f"\\u{code:04x}"
    for code in (0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}

ClusterOf = Mapping[str, str] | Callable[[str], "str | None"] | None


def dumps(item) -> str:
    """One JSON value on one line, readable UTF-8, with terminal-unsafe characters escaped."""
    return json.dumps(item, ensure_ascii=False, allow_nan=False).translate(_JSON_ESCAPES)


def document_object(document: Mapping) -> dict:
    """The export's document object from a mapping with (at least) the DOCUMENT_FIELDS."""
    return {name: document.get(name) for name in DOCUMENT_FIELDS}


def claim_object(claim: Claim, cluster_of: ClusterOf = None) -> dict:
    """The export's claim object: Claim.as_dict() plus the id of its cluster (None if alone)."""
    item = claim.as_dict()
    if cluster_of is None:
        item["cluster_id"] = None
    elif callable(cluster_of):
        item["cluster_id"] = cluster_of(claim.id)
    else:
        item["cluster_id"] = cluster_of.get(claim.id)
    return item


def write_export_json(
    fp: TextIO,
    documents: Iterable[Mapping],
    claims: Iterable[Claim],
    clusters: Iterable[Mapping] = (),
    *,
    cluster_of: ClusterOf = None,
) -> None:
    """Stream the export to a text file: schema_version, documents, claims, clusters, one item a line."""
    fp.write('{"schema_version": %d,\n' % SCHEMA_VERSION)
    _write_list(fp, "documents", (document_object(d) for d in documents))
    fp.write(",\n")
    _write_list(fp, "claims", (claim_object(c, cluster_of) for c in claims))
    fp.write(",\n")
    _write_list(fp, "clusters", (dict(c) for c in clusters))
    fp.write("}\n")


def _write_list(fp: TextIO, key: str, items: Iterable) -> None:
    fp.write(f'"{key}": [')
    separator = "\n "
    for item in items:
        fp.write(separator)
        fp.write(dumps(item))
        separator = ",\n "
    fp.write("\n]" if separator != "\n " else "]")
