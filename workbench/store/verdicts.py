"""The verdicts as SQL: every `IN (...)` list of verdicts the queries use is built here from
`core.agreement.VERDICTS`, the one tuple of the verdicts a reviewer gives, so a query never lists
them by hand. The schema's tables declare no CHECK on `verdict` (migrations are history, and none
wrote one); `store.review.ReviewStore` refuses any other verdict before it writes."""

from __future__ import annotations

from collections.abc import Iterable

from workbench.core.agreement import VERDICTS


def sql_in(values: Iterable[str]) -> str:
    """`IN ('a', 'b')` for string constants, each quoted as SQL quotes a string."""
    return "IN (" + ", ".join("'" + value.replace("'", "''") + "'" for value in values) + ")"


IS_VERDICT = sql_in(VERDICTS)
IS_DECIDED = sql_in(v for v in VERDICTS if v != "unverified")  # consistent or conflicting
