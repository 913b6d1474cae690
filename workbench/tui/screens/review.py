"""The review screen, where a reviewer spends the day: the claims list, the source passage,
the cluster panel, progress above and what just happened below."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from time import perf_counter, thread_time

from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen

from workbench.core.added import AddedClaim, AddError
from workbench.core.corrections import CorrectionError, describe
from workbench.core.gc_pause import freeze_survivors
from workbench.core.report.text import format_value, relation_words
from workbench.core.safe_text import one_line
from workbench.core.surgery import SurgeryError
from workbench.store.agreement import other_decisions
from workbench.store.assignment import is_assigned, is_blind
from workbench.store.review.log import Change
from workbench.store.review.sessions import session_state
from workbench.store.review.store import ReviewStore
from workbench.store.review.views import UNREVIEWED, ClaimOrder, Group, ViewSpec
from workbench.tui.keys import REVIEW_BINDINGS
from workbench.tui.messages import OrderLoaded
from workbench.tui.screens.add_claim import AddClaimScreen, Proposed
from workbench.tui.screens.correct import CorrectScreen
from workbench.tui.screens.filter import FilterScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.jump import JumpScreen
from workbench.tui.screens.log import LogScreen
from workbench.tui.screens.note import NoteScreen
from workbench.tui.screens.search import SearchScreen
from workbench.tui.screens.split import SplitScreen
from workbench.tui.screens.writing import CHANGE_NAMES, DONE_WORDS, WritingScreen, after_writes
from workbench.tui.widgets import (
    GLYPHS,
    MEMBER_ROWS,
    ClaimList,
    ClusterPanel,
    NotesPanel,
    PassagePanel,
    StatusLine,
    TopBar,
    claims_body,
    describe_view,
    doc_label,
    fit,
    group_label,
    screen_layout,
    verdict_label,
)


def stopwatch() -> tuple[float, float]:
    """Wall and main-thread CPU time now: what the app's trace measures an action from."""
    return perf_counter(), thread_time()


def _ignore(_result: object) -> None:
    """What a write whose outcome nobody is told about does with it."""


VERDICT_CYCLE = ((), (UNREVIEWED,), ("conflicting",), ("consistent",), ("unverified",))


class ReviewScreen(WritingScreen):
    """Claims on the left (or on top, in a small terminal), the selected claim's source passage
    and cluster beside them, progress above, what just happened and the keys below."""

    BINDINGS = REVIEW_BINDINGS
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide"), (150, "-very-wide")]
    AUTO_FOCUS = "#claims"

    def __init__(self, store: ReviewStore, session: dict | None = None, *, blind: bool = False) -> None:
        super().__init__()
        self.store = store
        self.blind = blind  # hide other reviewers' verdicts and notes on a claim until it is decided
        self.assigned = False  # this reviewer has a share of the claims (workbench assign): space walks it first
        self.spec = ViewSpec.from_dict(session)
        self.resume_claim: str | None = (session or {}).get("claim_id")
        self.progress = store.progress()
        self.order: ClaimOrder | None = None
        self.detail = None
        self.suggestion = 0
        self._doc_names: dict[str, tuple[str, str | None]] = {}
        self._session_dirty = False
        self._first_screen = True
        self._cluster_title = ""
        self._just_decided: tuple[str, str] | None = None  # (claim id, verdict) until the next move
        self._reloaded_from: int | None = None  # the claim (rowid) selected when the list was asked for again

    def compose(self) -> ComposeResult:
        yield from screen_layout(
            TopBar(id="topbar"), claims_body(self.store.rows, self._label_groups, ClusterPanel(id="cluster"))
        )

    def on_mount(self) -> None:
        self.claims = self.query_one(ClaimList)
        self.passage = self.query_one(PassagePanel)
        self.notes = self.query_one(NotesPanel)
        self.cluster_panel = self.query_one(ClusterPanel)
        self.status = self.query_one(StatusLine)
        # the panels scroll their own content: each is its own scroll area
        self.passage_scroll, self.cluster_scroll = self.passage, self.cluster_panel
        self.claims.border_title = "Claims"
        self.passage_scroll.border_title = "Source"
        self.cluster_scroll.border_title = "Cluster"
        self.blind = self.blind or is_blind(self.store.conn)
        self.assigned = is_assigned(self.store.conn, self.store.reviewer)
        self._show_progress()
        self.status.say(("Loading claims…", "$text-muted"))
        self._opened_log_id = self._seen_log_id = self.store.last_log_id()
        self.set_interval(1.0, self._save_session_if_moved)
        self.load_order(self.spec, self.resume_claim)
        self.check_file()

    @work(thread=True, group="check", exit_on_error=False)
    def check_file(self) -> None:
        """The whole-file check the first write needs, run while the reviewer reads the first
        claim, so that no write waits for it on the UI thread (0.7 s at 435 MB)."""
        self.store.check_in_background()

    # the view -----------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="order")
    def load_order(self, spec: ViewSpec, claim_id: str | None) -> None:
        """Build the ordered claims list in a thread of its own, on a connection of its own."""
        early = self.app.early.order_for(spec) if self.app.early is not None else None
        if early is not None:
            self.post_message(OrderLoaded(*early))
            return
        store = ReviewStore(self.store.path, self.store.reviewer)
        try:
            self.post_message(OrderLoaded(*store.order_at(spec, claim_id)))
        finally:
            store.close()

    def on_order_loaded(self, message: OrderLoaded) -> None:
        self.when_written(self._order_loaded, message)  # a write under way acts on the list it started on

    def _order_loaded(self, message: OrderLoaded) -> None:
        if message.order.spec != self.spec:
            return  # a view the reviewer has already left
        position = message.position
        moved_to = self._selected_rowid()
        if self._reloaded_from is not None and moved_to not in (None, self._reloaded_from):
            # the reviewer moved (a key or a click) while the list was rebuilt: the move wins
            kept = message.order.position_of(moved_to)
            position = kept if kept is not None else position
        self._reloaded_from = None
        self.order = message.order
        if self._first_screen:
            self._keep_list()
        if position is None:
            position = first_claim(message.order)
        self.claims.set_order(message.order, position if position is not None else -1)
        self.claims.border_title = Content(f"Claims · {message.order.claim_count:,}")
        self._show_progress()
        if position is None:
            self._show_claim(None)
        else:
            self.select(position)
        if self._first_screen:
            self._first_screen = False
            self.status.say(
                ("Ready. ", "bold"),
                ("? for keys, ctrl+p for every command.", "$text-muted"),
                *(
                    ((" Blind review: ", "bold"), ("others' verdicts show once you decide.", "$text-muted"))
                    if self.blind
                    else ()
                ),
                *(((" space walks your share first.", "$text-muted"),) if self.assigned else ()),
            )
            self.app.trace_after_refresh("first_screen", stopwatch(), claims=message.order.claim_count)
            self.call_after_refresh(freeze_survivors)  # started: what lives now lives to the end

    def reload(self, spec: ViewSpec, claim_id: str | None = None) -> None:
        """Show another view; the current claim stays selected when the new view holds it."""
        if spec != self.spec:
            self.status.expire(StatusLine.VIEW, StatusLine.CLAIM)
        self.spec = spec
        self._session_dirty = True
        self._show_progress()
        self._reloaded_from = self._selected_rowid()
        self.load_order(spec, claim_id or self.current_claim_id)

    def _selected_rowid(self) -> int | None:
        order, cursor = self.order, self.claims.cursor
        if order is None or not 0 <= cursor < len(order) or order.entries[cursor] < 0:
            return None
        return order.entries[cursor]

    def _label_groups(self, groups: list[Group]) -> dict[Group, str]:
        return label_groups(self.store, self._doc_names, groups)

    def _show_progress(self) -> None:
        shown = at = None
        if self.order is not None and self.order.spec == self.spec:
            shown = self.order.claim_count
            cursor = self.claims.cursor
            if 0 <= cursor < len(self.order) and self.order.entries[cursor] >= 0:
                at = cursor - self.order.group_at(cursor)  # one heading before each group's claims
        if self.spec.docs:
            missing = [d for d in self.spec.docs if d not in self._doc_names]
            if missing:
                self._doc_names.update(self.store.document_names(missing))
        names = {k: v[0] for k, v in self._doc_names.items()}
        self.query_one(TopBar).show(self.progress, describe_view(self.spec, shown, names, at))

    # the selected claim ----------------------------------------------------------------------------

    @property
    def current_claim_id(self) -> str | None:
        return self.detail.claim.id if self.detail is not None else None

    def select(self, position: int) -> None:
        self._just_decided = None  # a move ends "the claim just decided"
        if position != self.claims.cursor:
            self.status.expire(StatusLine.CLAIM)
        self.claims.move_cursor(position)
        row = self.claims.row_at(position)
        self._show_claim(row.id if row else None)
        self._show_progress()
        self._session_dirty = True

    def _show_claim(self, claim_id: str | None) -> None:
        store = self.store
        previous = self.current_claim_id
        detail = store.detail(claim_id) if claim_id else None
        cluster = store.cluster(detail.cluster_id) if detail and detail.cluster_id else None
        members = store.members(cluster.id, limit=MEMBER_ROWS + 1) if cluster else []
        summary = None
        if len(members) > MEMBER_ROWS:  # too many to lay out: figures, the first rows and the selected claim
            summary = store.cluster_summary(cluster.id)
            members = members[:MEMBER_ROWS]
            if all(m.id != detail.claim.id for m in members):
                members = [*members[: MEMBER_ROWS - 1], detail.claim]
        links = store.links(claim_id) if detail else []
        others = other_decisions(store.conn, claim_id, store.reviewer) if detail else []
        if self.blind and detail is not None and detail.claim.verdict is None:
            others = []  # blind review: the others' verdicts and notes once this reviewer has decided
        if claim_id != previous:
            self.suggestion = 0
            for scroll in (self.passage_scroll, self.cluster_scroll):
                if scroll.scroll_y:
                    scroll.scroll_home(animate=False)
        self.detail = detail
        self.passage.show(detail, others)
        self.notes.show(detail, others)
        self.cluster_panel.show(detail, cluster, members, links, self.suggestion, summary)
        if cluster is not None:
            relation = relation_words(cluster.relation, cluster.suggested_verdict)
            count = summary.count if summary is not None else len(members)
            heading = one_line(cluster.subject) if cluster.subject else f"Cluster {one_line(cluster.id)}"
            title = " · ".join(p for p in (heading, relation, f"{count:,} claims") if p)
        else:
            title = "Cluster"
        if title != self._cluster_title:
            self._cluster_title = title
            self.cluster_scroll.border_title = Content(title)
        if claim_id != previous and detail is not None:
            self._scroll_passage_to_claim()  # now, in the same repaint: the panel has its lines already

    def _scroll_passage_to_claim(self, tries: int = 5, computed_for: tuple[int, int] | None = None) -> None:
        """Scroll the passage so the claim's line shows, a third of the way down. The line
        depends on the panel's width and the place on its height, which settle only after a
        layout (a scrollbar appearing re-wraps the text, a shorter passage shrinks the panel), so
        this runs again after each refresh until both hold."""
        region = self.passage.scrollable_content_region
        width, height = region.width, region.height
        if not width or not height:
            if tries:
                self.call_after_refresh(self._scroll_passage_to_claim, tries - 1, computed_for)
            return
        if (width, height) == computed_for:
            return  # settled
        line = self.passage.highlight_line(width)
        self.passage.scroll_to(y=line - height // 3 if line >= height - 1 else 0, animate=False)
        if tries:
            self.call_after_refresh(self._scroll_passage_to_claim, tries - 1, (width, height))

    def _refresh_claim(self) -> None:
        self._show_claim(self.current_claim_id)

    def _save_session_if_moved(self) -> None:
        if self._session_dirty and not self.writing:
            self.save_session()

    def save_session(self, then: Callable[[], object] | None = None) -> None:
        """Save where the reviewer is, quietly, in the write worker; then `then`, saved or not."""
        self._session_dirty = False

        def refused(error: Exception) -> None:
            self._session_dirty = True  # the database is busy: try again at the next tick
            self.say_not_saved(error)
            if then is not None:
                then()

        self.save(
            "save_session",
            session_state(self.current_claim_id, self.spec),
            saved=lambda _: then() if then is not None else None,
            refused=refused,
            quiet=True,
        )

    # moving -----------------------------------------------------------------------------------

    def _move(self, position: int | None, event: str, t0: float, nothing: str) -> None:
        if position is None:
            self.app.bell()
            self.status.say((nothing, "$text-muted"))
            return
        self.select(position)
        self.app.trace_after_refresh(event, t0)

    @after_writes
    def action_next_claim(self) -> None:
        t0 = stopwatch()
        self._move(self.claims.claim_position(self.claims.cursor + 1, 1), "next", t0, "This is the last claim.")

    @after_writes
    def action_previous_claim(self) -> None:
        t0 = stopwatch()
        self._move(self.claims.claim_position(self.claims.cursor - 1, -1), "previous", t0, "This is the first claim.")

    @after_writes
    def action_page(self, direction: int) -> None:
        if self.order is None or not len(self.order):
            return
        t0 = stopwatch()
        target = self.claims.cursor + direction * max(1, self.claims.size.height - 1)
        target = min(max(target, 0), len(self.order) - 1)
        position = self.claims.claim_position(target, direction) or self.claims.claim_position(target, -direction)
        self._move(position, "page", t0, "")

    @after_writes
    def action_first_claim(self) -> None:
        self._move(self.claims.claim_position(0, 1), "first", stopwatch(), "No claims.")

    @after_writes
    def action_last_claim(self) -> None:
        last = len(self.order) - 1 if self.order is not None else -1
        self._move(self.claims.claim_position(last, -1), "last", stopwatch(), "No claims.")

    def _find(self, step: int, want: str, nothing: str) -> None:
        if self.order is None or not len(self.order):
            return
        t0 = stopwatch()
        start = self.claims.cursor
        position = self.store.find(self.order, start, step, want)
        self._move(position, f"find_{want}", t0, nothing)
        if position is not None and (position - start) * step <= 0:
            self.status.say(
                ("Wrapped round: ", "bold"), (f"searched from the {'top' if step > 0 else 'bottom'}.", "$text-muted")
            )

    @after_writes
    def action_next_unreviewed(self) -> None:
        """The next unreviewed claim of this reviewer's share (workbench assign), then any."""
        if self.assigned and self.order is not None and len(self.order):
            if self.store.find(self.order, self.claims.cursor, 1, "assigned") is not None:
                self._find(1, "assigned", "")
                return
            self.status.say(("Your share is done: ", "bold"), ("the next unreviewed claim outside it.", "$text-muted"))
        self._find(1, "unreviewed", "Every claim in this view has a verdict.")

    @after_writes
    def action_next_conflicting(self) -> None:
        self._find(1, "conflicting", "No conflicting claim in this view.")

    @after_writes
    def action_previous_conflicting(self) -> None:
        self._find(-1, "conflicting", "No conflicting claim in this view.")

    @after_writes
    def on_claim_list_clicked(self, message: ClaimList.Clicked) -> None:
        """Select the claim clicked, found again by its row id: a write that landed since the click
        may have rebuilt the list under it."""
        position = message.position
        if self.order is None or not 0 <= position < len(self.order) or self.order.entries[position] != message.rowid:
            position = self.order.position_of(message.rowid) if self.order is not None else None
        self._move(position, "click", stopwatch(), "The claim clicked is no longer in this view.")

    def action_scroll_detail(self, direction: int) -> None:
        scroll = self.cluster_scroll
        scroll.scroll_relative(y=direction * max(1, scroll.size.height // 2), animate=False)

    # deciding ---------------------------------------------------------------------------------

    def _after_change(self, change: Change) -> None:
        self.progress.apply(change)
        self.claims.invalidate(change.claim_ids)
        self._show_progress()

    @after_writes
    def action_decide(self, verdict: str) -> None:
        t0 = stopwatch()
        row = self.claims.row_at(self.claims.cursor)
        if row is None:
            self.app.bell()
            return
        following = self.claims.claim_position(self.claims.cursor + 1, 1)

        def saved(change: Change) -> None:
            self._just_decided = (row.id, verdict)
            self.status.say(
                ("Saved ", "bold $text-success"),
                (f"{_glyph(verdict)} {verdict}", "bold"),
                ("  ", ""),
                (fit(one_line(row.surface), 30), ""),
                (f" · {doc_label(row.doc_name)}", "$text-muted"),
                *((("  (unchanged)", "$text-muted"),) if not change.items else ()),
            )
            self.app.trace_after_refresh("decide", t0, claim=row.id, verdict=verdict)

        self._decide_and_move([row.id], verdict, following, row.id, then=saved)

    def _decide_and_move(
        self,
        claim_ids: list[str],
        verdict: str,
        following: int | None,
        current_id: str,
        *,
        cluster_id: str | None = None,
        then: Callable[[Change], object],
    ) -> None:
        """Write the decision (with the session pointing at the next claim) in the write worker;
        once the database has it, move to the next claim and pass the store's change record to
        `then`. When the database refuses it, the status line says why and the cursor stays."""
        next_row = self.claims.row_at(following) if following is not None else None
        state = session_state(next_row.id if next_row else current_id, self.spec)

        def saved(change: Change) -> None:
            self._after_change(change)
            if following is not None:
                self.select(following)
            else:
                self._refresh_claim()
            self._session_dirty = False
            then(change)

        self.save("decide", claim_ids, verdict, cluster_id=cluster_id, session=state, saved=saved)

    @after_writes
    def action_decide_cluster(self, verdict: str) -> None:
        t0 = stopwatch()
        row = self.claims.row_at(self.claims.cursor)
        if row is None:
            return
        if row.cluster_id is None:
            self.app.bell()
            self.status.say(
                ("This claim is in no cluster: ", "bold"),
                ("c, x or u decide it alone.", "$text-muted"),
                lasts=StatusLine.CLAIM,
            )
            return
        members = self.store.member_ids(row.cluster_id)
        following = self._after_group(self.claims.cursor)

        def saved(_change: Change) -> None:
            self.status.say(
                ("Saved ", "bold $text-success"),
                (f"{_glyph(verdict)} {verdict}", "bold"),
                (f"  for all {len(members)} claims of cluster ", ""),
                (one_line(row.cluster_id), "bold"),
                ("  (a claim can still be decided on its own)", "$text-muted"),
            )
            self.app.trace_after_refresh("decide_cluster", t0, claims=members, verdict=verdict)

        self._decide_and_move(members, verdict, following, row.id, cluster_id=row.cluster_id, then=saved)

    def _after_group(self, position: int) -> int | None:
        """The first claim after the group holding `position` (grouped by cluster), else the next claim."""
        if self.spec.grouping != "cluster" or self.order is None:
            return self.claims.claim_position(position + 1, 1)
        entries = self.order.entries
        end = position + 1
        while end < len(entries) and entries[end] >= 0:
            end += 1
        return self.claims.claim_position(end, 1) or self.claims.claim_position(position + 1, 1)

    def show_undone(self, change: Change, write: str) -> None:
        t0 = stopwatch()
        self._after_change(change)
        first = change.items[0]
        if first.action_kind in ("correct", "add"):
            self._refresh_claim()
            self.progress = self.store.progress()
            self.reload(
                self.spec, first.claim_id
            )  # a claim marked not a claim, or brought back, or added, changes the list
        elif first.action_kind not in ("link", "clusters") and self.order is not None:
            rowid = self.store.rowid_of(first.claim_id)
            position = self.order.position_of(rowid) if rowid is not None else None
            if position is not None:
                self.select(position)
            else:
                self._refresh_claim()
        else:
            self._refresh_claim()
            self.reload(self.spec)  # undoing or redoing an accepted match changes the clusters
        what = CHANGE_NAMES[first.action_kind]
        if first.action_kind == "add":
            record = AddedClaim.from_json(first.to_added or first.from_added)
            detail = f"{fit(one_line(record.surface), 30).rstrip()} in {doc_label(record.doc_name)}"
        elif first.action_kind == "clusters":
            detail = f"cluster {one_line(change.cluster_id or '')}"
        elif first.action_kind == "correct":
            detail = "of " + one_line(
                self.store.detail(first.claim_id).claim.surface if self.store.detail(first.claim_id) else first.claim_id
            )
        elif first.action_kind == "link":
            detail = f"{first.from_link_status} → {first.to_link_status}"
        elif first.action_kind == "note":
            detail = "note " + ("cleared" if not first.to_note else "restored")
        else:
            detail = f"{verdict_label(first.from_verdict)} → {verdict_label(first.to_verdict)}"
        many = ""
        if len(change.items) > 1 and first.action_kind != "clusters":
            many = f" for {len(change.items)} claims of cluster {one_line(change.cluster_id)}"
        self.status.say((f"{DONE_WORDS[write]} ", "bold $text-warning"), (f"{what}: {detail}{many}", ""))
        self.app.trace_after_refresh(write, t0)

    @after_writes
    def action_note(self) -> None:
        """Note the claim just decided when `n` follows a verdict (the verdict moved the cursor
        on), else the selected claim; the dialog names the claim either way."""
        decided, verdict = self._just_decided or (None, None)
        detail = self.store.detail(decided) if decided else self.detail
        if detail is None:
            detail, verdict = self.detail, None
        if detail is None:
            self.app.bell()
            return

        def save(note: str | None) -> None:
            if note is not None:
                self.save("set_note", detail.claim.id, note, saved=lambda change: saved(change, note))

        def saved(change: Change, note: str) -> None:
            self._after_change(change)
            self._refresh_claim()
            self.status.say(
                ("Saved ", "bold $text-success"),
                ("note" if note else "note cleared", ""),
                (" on ", ""),
                (fit(one_line(detail.claim.surface), 30), "bold"),
                (f" · {doc_label(detail.claim.doc_name)}", "$text-muted"),
            )

        self.app.push_screen(NoteScreen(detail.claim.surface, detail.note or "", detail.claim.doc_name, verdict), save)

    # correcting the machine ----------------------------------------------------------------------

    def _selected(self):
        """The selected claim's detail for an action on it; with no claim selected, a bell and None."""
        if self.detail is None:
            self.app.bell()
        return self.detail

    def _ask(self, dialog: Screen, then: Callable[[object], object]) -> None:
        """Open a dialog; when it answers with something (not None, not empty), pass that to `then`."""

        def answered(answer) -> None:
            if answer:
                then(answer)

        self.app.push_screen(dialog, answered)

    @after_writes
    def action_edit_claim(self) -> None:
        """Open the correction dialog on the selected claim."""
        detail = self._selected()
        if detail is not None:
            self._ask(CorrectScreen(detail), lambda changes: self._correct(detail, "Corrected", changes))

    @after_writes
    def action_not_a_claim(self) -> None:
        """Mark the selected claim not a claim (a false positive): it leaves the list; z brings it back."""
        detail = self._selected()
        if detail is None:
            return
        rejected = not (detail.correction is not None and detail.correction.rejected)
        following = self.claims.claim_position(self.claims.cursor + 1, 1)
        next_row = self.claims.row_at(following) if following is not None else None
        self._correct(
            detail,
            "Marked not a claim" if rejected else "Restored",
            rejected=rejected,
            then=next_row.id if next_row and rejected else None,
        )

    def _correct(
        self, detail, word: str, changes: dict | None = None, *, rejected: bool | None = None, then: str | None = None
    ) -> None:
        """Write a correction; a claim marked not a claim (or brought back) reloads the list, on `then`."""
        self.save(
            "correct",
            detail.claim.id,
            changes,
            rejected=rejected,
            saved=lambda change: self._corrected(change, detail, word, rejected, then),
        )

    def _corrected(self, change: Change, detail, word: str, rejected: bool | None, then: str | None) -> None:
        self._after_change(change)
        self._refresh_claim()
        if rejected is not None and change.items:
            self.progress = self.store.progress()
            self.reload(self.spec, then)
        now = self.store.detail(detail.claim.id)
        said = ""
        if now is not None and now.correction is not None and not now.correction.rejected:
            said = describe(now.original, now.claim, now.correction)
        self.status.say(
            (f"{word} ", "bold $text-success"),
            (fit(one_line(detail.claim.surface), 30), "bold"),
            (f" · {doc_label(detail.claim.doc_name)}", "$text-muted"),
            *(((f"  {one_line(said)}", ""),) if said else ()),
            *((("  (unchanged)", "$text-muted"),) if not change.items else ()),
            ("  z undoes", "$text-muted"),
        )

    @after_writes
    def action_add_claim(self) -> None:
        """Select a figure the extractor missed in the source passage, check the reading, add it."""
        detail = self._selected()
        if detail is None:
            return
        doc_id = detail.claim.doc_id

        def chosen(span: tuple[int, int] | None) -> None:
            if span is None:
                return
            try:
                reading = self.store.read_selection(doc_id, *span)
            except AddError as error:
                self.app.bell()
                self.status.say(("Not added: ", "bold $text-error"), (one_line(str(error)), ""))
                return

            def confirmed(changes: dict | None) -> None:
                if changes is not None:
                    self._add(doc_id, span, changes)

            self.app.push_screen(CorrectScreen(Proposed(reading), "Add ", "The extractor's reader reads: "), confirmed)

        self.app.push_screen(
            AddClaimScreen(detail.claim.doc_name, detail.passage, detail.passage_start, near=detail.end), chosen
        )

    def _add(self, doc_id: str, span: tuple[int, int], changes: dict) -> None:
        def refused(error: Exception) -> None:
            if not isinstance(error, (AddError, CorrectionError)):
                self.say_not_saved(error)
                return
            self.app.bell()
            self.status.say(("Not added: ", "bold $text-error"), (one_line(str(error)), ""))

        self.save("add_claim", doc_id, *span, changes, saved=self._added, refused=refused)

    def _added(self, change: Change) -> None:
        claim_id = change.items[0].claim_id
        self._after_change(change)
        self.progress = self.store.progress()
        self.reload(self.spec, claim_id)
        added = self.store.detail(claim_id)
        self.status.say(
            ("Added ", "bold $text-success"),
            (fit(one_line(added.claim.surface), 30).rstrip(), "bold"),
            (f" · {doc_label(added.claim.doc_name)}", "$text-muted"),
            (f"  {added.claim.kind} · {format_value(added.claim)}", ""),
            ("  z undoes", "$text-muted"),
        )

    # possible matches ---------------------------------------------------------------------------

    @after_writes
    def action_next_suggestion(self) -> None:
        possible = self.cluster_panel.possible
        if not possible:
            self.status.say(("No possible matches for this claim.", "$text-muted"), lasts=StatusLine.CLAIM)
            return
        self.suggestion = (self.suggestion + 1) % len(possible)
        self._refresh_claim()

    @after_writes
    def action_link_status(self, status: str) -> None:
        possible = self.cluster_panel.possible
        if not possible:
            self.app.bell()
            self.status.say(("No possible matches for this claim.", "$text-muted"), lasts=StatusLine.CLAIM)
            return
        link = possible[min(self.suggestion, len(possible) - 1)]
        self.save("set_link_status", link.a, link.b, status, saved=lambda _: self._link_set(link, status))

    def _link_set(self, link, status: str) -> None:
        self._refresh_claim()
        self.reload(self.spec)  # an accepted match joins clusters: the list regroups at once
        self.status.say(
            ("Saved ", "bold $text-success"),
            (f"possible match {status}: ", ""),
            (fit(one_line(link.other.surface), 30), "bold"),
            (f" · {doc_label(link.other.doc_name)}", "$text-muted"),
        )

    # cluster surgery ------------------------------------------------------------------------------

    def _clustered(self) -> str | None:
        """The selected claim's cluster; None (with a bell and a word) when it stands alone."""
        detail = self.detail
        if detail is None or detail.cluster_id is None:
            self.app.bell()
            self.status.say(
                ("This claim is in no cluster; ", "bold"),
                ("t moves it into one.", "$text-muted"),
                lasts=StatusLine.CLAIM,
            )
            return None
        return detail.cluster_id

    @after_writes
    def action_merge_cluster(self) -> None:
        """Choose another cluster and merge it with the selected claim's."""
        cluster_id = self._clustered()
        if cluster_id is not None:
            self._ask(
                JumpScreen(self.store, f"Merge cluster {one_line(cluster_id)} with…", "merges", exclude=cluster_id),
                lambda other: self._reshape("merge_clusters", cluster_id, other),
            )

    @after_writes
    def action_move_claim(self) -> None:
        """Choose a cluster and move the selected claim into it."""
        detail = self._selected()
        if detail is not None:
            self._ask(
                JumpScreen(
                    self.store,
                    f"Move {fit(one_line(detail.claim.surface), 30).rstrip()} to cluster…",
                    "moves",
                    exclude=detail.cluster_id,
                ),
                lambda target: self._reshape("move_claim", detail.claim.id, target),
            )

    @after_writes
    def action_detach_claim(self) -> None:
        """Take the selected claim out of its cluster to stand alone."""
        if self._clustered() is not None:
            self._reshape("detach_claim", self.detail.claim.id)

    @after_writes
    def action_split_cluster(self) -> None:
        """Choose which claims of the selected claim's cluster go to a new cluster."""
        cluster_id = self._clustered()
        if cluster_id is not None:
            self._ask(
                SplitScreen(cluster_id, self.store.members(cluster_id), self.detail.claim.id),
                lambda chosen: self._reshape("split_cluster", cluster_id, chosen),
            )

    def _reshape(self, write: str, *args) -> None:
        """Run one cluster surgery, then regroup the list; a refusal is one line on the status line."""
        t0 = stopwatch()

        def refused(error: Exception) -> None:
            if not isinstance(error, SurgeryError):
                self.say_not_saved(error)
                return
            self.app.bell()
            self.status.say(("Not done: ", "bold $text-error"), (one_line(str(error)), ""))

        self.save(write, *args, saved=lambda change: self._reshaped(change, t0), refused=refused)

    def _reshaped(self, change: Change, t0: tuple[float, float]) -> None:
        self._after_change(change)
        self._refresh_claim()
        self.reload(self.spec)  # the clusters changed: the list regroups at once
        self.status.say(("Done ", "bold $text-success"), (one_line(change.summary), ""), ("  z undoes", "$text-muted"))
        self.app.trace_after_refresh("surgery", t0)

    # filters, search, grouping -------------------------------------------------------------------

    @after_writes
    def action_toggle_grouping(self) -> None:
        grouping = "document" if self.spec.grouping == "cluster" else "cluster"
        self.reload(replace(self.spec, grouping=grouping))
        self.status.say(("Grouped by ", ""), (grouping, "bold"), lasts=StatusLine.VIEW)

    @after_writes
    def action_search(self) -> None:
        def apply(text: str | None) -> None:
            if text is not None:
                self.reload(replace(self.spec, search=text.strip()))

        self.app.push_screen(SearchScreen(self.spec.search), apply)

    @after_writes
    def action_filter(self) -> None:
        def apply(spec: ViewSpec | None) -> None:
            if spec is not None and spec != self.spec:
                self.reload(spec)

        self.app.push_screen(FilterScreen(self.spec, self.store.documents(), self.store.kinds()), apply)

    @after_writes
    def action_cycle_verdict_filter(self) -> None:
        current = self.spec.verdicts
        index = VERDICT_CYCLE.index(current) if current in VERDICT_CYCLE else 0
        verdicts = VERDICT_CYCLE[(index + 1) % len(VERDICT_CYCLE)]
        self.reload(replace(self.spec, verdicts=verdicts))
        self.status.say(("Showing ", ""), ("/".join(verdicts) or "every verdict", "bold"), lasts=StatusLine.VIEW)

    @after_writes
    def action_clear_filters(self) -> None:
        if self.spec.is_filtered:
            self.reload(self.spec.cleared())
            self.status.say(("Filters and search cleared.", ""), lasts=StatusLine.VIEW)

    @after_writes
    def apply_filter(self, **changes) -> None:
        """Set some of the view's filters (used by the command palette)."""
        self.reload(replace(self.spec, **changes))

    @after_writes
    def action_jump_cluster(self) -> None:
        self.app.push_screen(JumpScreen(self.store), self.jump_to_cluster)

    @after_writes
    def jump_to_cluster(self, cluster_id: str | None) -> None:
        if cluster_id:
            self._jump(
                self.store.first_member_rowid(cluster_id),
                "No such cluster.",
                ViewSpec(grouping="cluster"),
                ("Filters cleared to show cluster ", ""),
                (one_line(cluster_id), "bold"),
            )

    def _jump(self, rowid: int | None, missing: str, spec: ViewSpec, *cleared: tuple[str, str]) -> None:
        """Select the claim at `rowid`, or say `missing` when there is none; where the view had to be
        changed to `spec` to show it, say `cleared`."""
        if rowid is None:
            self.status.say((missing, "$text-muted"))
        elif self._select_or_reload(rowid, spec):
            self.status.say(*cleared, lasts=StatusLine.VIEW)

    def _select_or_reload(self, rowid: int, spec: ViewSpec) -> bool:
        """Select the claim if this view holds it, else show `spec` with it selected; whether the view changed."""
        position = self.order.position_of(rowid) if self.order is not None else None
        if position is not None:
            self.select(position)
            return False
        self.reload(spec, self.store.claim_ids_of_rowids([rowid])[0])
        return True

    # other reviewers ----------------------------------------------------------------------------

    @after_writes
    def action_refresh(self) -> None:
        """Read the database again: other reviewers' decisions, this reviewer's progress, the list."""
        since_opened = self._seen_log_id == self._opened_log_id
        refreshed = self.store.refresh(self._seen_log_id)
        self._seen_log_id = refreshed.log_id
        self.progress = refreshed.progress
        self.reload(self.spec)
        self._refresh_claim()
        when = "since you opened the review" if since_opened else "since the last refresh"
        if not refreshed.by_others:
            self.status.say(("Refreshed: ", "bold"), (f"no changes by other reviewers {when}.", "$text-muted"))
            return
        counts = [f"{n} change{'s' if n != 1 else ''} by {one_line(name)}" for name, n in refreshed.by_others.items()]
        self.status.say(("Refreshed: ", "bold"), (", ".join(counts) + f" {when}.", ""))

    def _refuse_if_blind(self) -> bool:
        """In a blind review, say that other reviewers' decisions stay hidden; whether it refused."""
        if self.blind:
            self.app.bell()
            self.status.say(
                ("Blind review: ", "bold"),
                ("other reviewers' decisions show on each claim once you have decided it.", "$text-muted"),
            )
        return self.blind

    @after_writes
    def action_other_reviewer(self) -> None:
        from workbench.tui.reviewers import ChooseReviewerScreen

        if self._refuse_if_blind():
            return
        self.app.push_screen(ChooseReviewerScreen(self.store.conn, self.store.reviewer), self.show_reviewer)

    def show_reviewer(self, reviewer: str | None) -> None:
        """Open another reviewer's decisions, read-only; the claim chosen there is selected here."""
        from workbench.tui.reviewers import ReviewerScreen

        if reviewer and not self._refuse_if_blind():
            self.app.push_screen(ReviewerScreen(self.store.path, reviewer, self.store.reviewer), self.jump_to_claim)

    @after_writes
    def action_agreement(self) -> None:
        self.show_agreement(None)

    def show_agreement(self, other: str | None) -> None:
        """The agreement between this reviewer and `other` (or the pairs there are), for adjudication."""
        from workbench.tui.reviewers import AgreementScreen, agreement_pairs

        if self._refuse_if_blind():
            return
        pairs = agreement_pairs(self.store.conn, self.store.reviewer, other)
        if not pairs:
            self.app.bell()
            self.status.say(
                ("Agreement needs two reviewers with verdicts; ", "bold"),
                ("no other reviewer has decided anything here yet.", "$text-muted"),
            )
            return
        self.app.push_screen(AgreementScreen(self.store.conn, pairs), self.jump_to_claim)

    @after_writes
    def jump_to_claim(self, claim_id: str | None) -> None:
        """Select a claim, clearing the filters if the current view does not hold it."""
        if claim_id:
            self._jump(
                self.store.rowid_of(claim_id),
                "That claim is no longer in the database.",
                self.spec.cleared(),
                ("Filters cleared to show the claim.", ""),
            )

    # other ------------------------------------------------------------------------------------

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_show_log(self) -> None:
        self.app.push_screen(LogScreen(self.store.log()))

    @after_writes
    def action_quit_review(self) -> None:
        self._keep_list()
        self.save_session(then=self.app.exit)  # where the reviewer is, saved before the app goes

    def _keep_list(self) -> None:
        """Keep the list shown, if built afresh, for the next review to open on: once it is up, and
        on quitting (not on every regrouping in between, each of which would write the whole list
        again). Quiet, and nothing lost if it cannot be kept."""
        order = self.order
        if order is not None and not order.kept and order.generation is not None:
            self.save("keep_order", order, saved=_ignore, refused=_ignore, quiet=True)


def label_groups(store: ReviewStore, doc_names: dict, groups: Sequence[Group]) -> dict[Group, str]:
    """The headings of these groups of the claims list; document names are kept in `doc_names`."""
    clusters = store.clusters(g.key for g in groups if g.kind == "cluster")
    missing = [g.key for g in groups if g.kind != "cluster" and g.key not in doc_names]
    if missing:
        doc_names.update(store.document_names(missing))
    return {g: group_label(g, clusters.get(g.key), doc_names.get(g.key)) for g in groups}


def first_claim(order: ClaimOrder) -> int | None:
    return next((i for i, e in enumerate(order.entries) if e >= 0), None)


def _glyph(verdict: str | None) -> str:
    return GLYPHS.get(verdict, "·")
