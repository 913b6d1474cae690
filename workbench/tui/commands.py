"""Command palette entries built from the database: jump to a cluster, filter by a document, a
kind, a verdict or a relation, look at another reviewer's decisions or the agreement with them,
export the report. Names from documents and reviewers are shown as `Content`, never as markup."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from workbench.core.safe_text import one_line
from workbench.export import FORMAT_NAMES, export_report_file, report_path
from workbench.store.agreement import reviewers
from workbench.core.agreement import VERDICTS
from workbench.store.review.views import RELATIONS, UNREVIEWED
from workbench.tui.widgets import doc_label


class ReviewCommands(Provider):
    """Jumps and filters that depend on what the database holds."""

    _cached: list[tuple[str, str, object]] | None = None  # read by startup(), once per opening

    def _review(self):
        from workbench.tui.screens import ReviewScreen

        return self.screen if isinstance(self.screen, ReviewScreen) else None

    def _commands(self) -> list[tuple[str, str, object]]:
        review = self._review()
        if review is None:
            return []
        store = review.store
        commands: list[tuple[str, str, object]] = []
        for verdict in (UNREVIEWED, *VERDICTS):
            commands.append(
                (
                    f"Show only {verdict} claims",
                    "Filter by this reviewer's verdict",
                    partial(review.apply_filter, verdicts=(verdict,)),
                )
            )
        for relation in RELATIONS:
            label = {
                "none": "claims in no cluster",
                "agree": "clusters stating the same figure",
                "differ": "clusters stating different figures",
            }.get(relation, f"clusters: {relation}")
            commands.append(
                (f"Show only {label}", "Filter by relation", partial(review.apply_filter, relations=(relation,)))
            )
        for kind in store.kinds():
            commands.append(
                (f"Show only kind {one_line(kind)}", "Filter by kind", partial(review.apply_filter, kinds=(kind,)))
            )
        for doc in store.documents()[:500]:
            commands.append(
                (
                    f"Show only document {doc_label(doc.name)}",
                    f"{doc.claims} claims",
                    partial(review.apply_filter, docs=(doc.id,)),
                )
            )
        for other in [] if review.blind else reviewers(store.conn):  # a blind review hides them
            if other.name == store.reviewer:
                continue
            name = one_line(other.name)
            commands.append(
                (
                    f"View {name}'s decisions (read-only)",
                    f"{other.decided:,} claims decided",
                    partial(review.show_reviewer, other.name),
                )
            )
            commands.append(
                (
                    f"Agreement with {name}",
                    "Percent agreement, Cohen's kappa, the claims you disagree on",
                    partial(review.show_agreement, other.name),
                )
            )
        for fmt, name in () if review.blind else FORMAT_NAMES.items():  # a report shows every verdict
            commands.append(
                (
                    f"Export report… {name}",
                    f"Write {one_line(report_path(Path(store.path), fmt).name)} next to the database",
                    partial(export_report, self.app, store.path, fmt),
                )
            )
        for cluster in store.cluster_choices(limit=500):
            subject = one_line(cluster.subject or "")
            commands.append(
                (
                    f"Jump to cluster {one_line(cluster.id)} {subject}".rstrip(),
                    f"{cluster.suggested_verdict or '—'} · {cluster.size or 0} claims",
                    partial(review.jump_to_cluster, cluster.id),
                )
            )
        return commands

    async def startup(self) -> None:
        """Read what the commands depend on once, when the palette opens, not at each keystroke."""
        self._cached = self._commands()

    def _opened(self) -> list[tuple[str, str, object]]:
        cached = self._cached
        if cached is None:
            cached = self._cached = self._commands()
        return cached

    async def discover(self) -> Hits:
        for title, help_text, callback in self._opened()[:12]:
            yield DiscoveryHit(Content(title), callback, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._opened():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlight(matcher, title), callback, text=title, help=escape(help_text))


def export_report(app, db_path: str, fmt: str) -> None:
    """Write the report beside the database in a thread of its own (a large database takes
    seconds), then tell the reviewer where it is, or in one line why it could not be written."""

    def export() -> None:
        try:
            # beside the database, named in full: a database opened as "claims.db" is in the
            # folder the review was started from, and the reviewer is told which folder that is
            path = export_report_file(Path(db_path).resolve(), fmt)
        except Exception as error:  # the review goes on whatever went wrong
            reason = f"{error.filename}: {error.strerror}" if isinstance(error, OSError) and error.filename else error
            app.call_from_thread(
                app.notify,
                f"Export failed: {one_line(str(reason))}",
                title="Export report",
                severity="error",
                markup=False,
            )
        else:
            app.call_from_thread(
                app.notify, f"Report written to {one_line(str(path))}", title="Export report", markup=False
            )

    app.run_worker(export, thread=True, group="export", exit_on_error=False)


def _highlight(matcher, text: str) -> Content:
    """The title with the matched letters styled: built from plain text, unlike Matcher.highlight."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
