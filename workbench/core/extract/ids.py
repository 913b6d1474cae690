"""Stable claim ids: the same claim in the same document keeps its id across re-extractions."""

from __future__ import annotations

import hashlib

from workbench.core.model import Claim, Document


def assign_ids(doc: Document, claims: list[Claim]) -> None:
    """Stable ids from the document name, the sentence's text and the surface: unchanged
    sentences keep their claims' ids when a document is edited and ingested again."""
    seen: dict[tuple[str, str], int] = {}
    sentences: dict[int, str] = {}
    prefixes: dict[int, "hashlib._Hash"] = {}
    for claim in claims:
        sentence_text = sentences.get(claim.sentence_start)
        if sentence_text is None:
            sentence_text = sentences[claim.sentence_start] = " ".join(
                doc.text[claim.sentence_start : claim.sentence_end].split()
            )
        key = (sentence_text, claim.surface)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        prefix = prefixes.get(claim.sentence_start)
        if prefix is None:  # the sentence is hashed once, however many claims it holds
            prefix = prefixes[claim.sentence_start] = hashlib.blake2b(
                f"{doc.name}\x1f{sentence_text}\x1f".encode(), digest_size=8
            )
        hasher = prefix.copy()
        hasher.update(f"{claim.surface}\x1f{occurrence}".encode())
        digest = hasher.hexdigest()
        claim.id = "c" + digest
