"""What the review starts on before Textual is even imported: the schema check and the claims
list of the reviewer's last view, built in a thread while the UI loads.

Nothing here imports Textual. SQLite gives up the GIL while it reads, so the list is mostly
built on another core while Python imports and mounts the app.
"""

from __future__ import annotations

import getpass
import threading

from workbench.store.review.store import migrate, ReviewStore

from workbench.store.review.views import ClaimOrder, ViewSpec

from workbench.store.versions import needs_migration


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still one stable name
        return "reviewer"


class EarlyStart:
    """Migrate if need be, then build the claims list for the saved session, in a thread."""

    def __init__(self, db_path: str, reviewer: str) -> None:
        self.db_path = db_path
        self.reviewer = reviewer
        self.migrated = threading.Event()
        self.spec: ViewSpec | None = None
        self.order: ClaimOrder | None = None
        self.position: int | None = None
        self._thread = threading.Thread(target=self._run, name="workbench-early-start", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            if needs_migration(self.db_path):
                migrate(self.db_path)
        except Exception:
            return  # the app migrates again when it opens the database, and reports the error
        finally:
            self.migrated.set()
        try:
            store = ReviewStore(self.db_path, self.reviewer)
            try:
                session = store.load_session() or {}
                spec = ViewSpec.from_dict(session)
                self.order, self.position = store.order_at(spec, session.get("claim_id"))
                self.spec = spec
            finally:
                store.close()
        except Exception:
            self.order = None  # the app builds the list itself, and shows what went wrong

    def order_for(self, spec: ViewSpec) -> tuple[ClaimOrder, int | None] | None:
        """The list built early, if it is the one asked for (waits for it); else None."""
        self._thread.join()
        if self.order is None or self.spec != spec:
            return None
        order, position = self.order, self.position
        self.order = None  # used once: later views are built afresh
        return order, position
