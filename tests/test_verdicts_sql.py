"""The verdicts are one tuple in core; the SQL the store runs is built from it, and the schema
never names a verdict the tuple lacks."""

import re
import sqlite3

from workbench.core import agreement
from workbench.store import verdicts
from workbench.store.review import store as review_store


def test_the_store_uses_the_core_tuple_of_verdicts():
    assert review_store.VERDICTS is agreement.VERDICTS


def test_the_sql_verdict_list_is_the_tuple():
    assert verdicts.IS_VERDICT == "IN ('consistent', 'conflicting', 'unverified')"
    assert re.findall(r"'([^']*)'", verdicts.IS_VERDICT) == list(agreement.VERDICTS)
    assert set(re.findall(r"'([^']*)'", verdicts.IS_DECIDED)) == set(agreement.VERDICTS) - {"unverified"}


def test_sql_in_quotes_as_sql_does():
    assert verdicts.sql_in(["it's"]) == "IN ('it''s')"


def test_the_schema_names_no_verdict_outside_the_tuple(store):
    path = store.db.execute("PRAGMA database_list").fetchone()[2]
    with sqlite3.connect(path) as db:
        schema = " ".join(sql for (sql,) in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
    for check in re.findall(r"verdict\s+IN\s*\(([^)]*)\)", schema, flags=re.I):
        assert set(re.findall(r"'([^']*)'", check)) <= set(agreement.VERDICTS), check
