"""The review screen's widgets: the lazy claims list, the source passage, the cluster panel, and
the bars above and below them.

Every string that came from a document is passed through `safe`/`one_line` and then shown as
`Content` or as a plain `Segment`: none of it reaches the markup parser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import Footer

from workbench.core.agreement import VERDICTS
from workbench.core.corrections import describe
from workbench.core.report.text import (
    difference,
    format_amount,
    format_value,
    numeric_span,
    reading_note,
    relation_words,
)
from workbench.core.safe_text import one_line, safe
from workbench.store.review.rows import ClaimDetail, ClaimRow, Cluster, ClusterSummary, Link, Member, Progress
from workbench.store.review.views import ClaimOrder, Group, ViewSpec
from workbench.terminal import fit
from workbench.tui.text import number_line

GLYPHS = {"consistent": "✓", "conflicting": "✗", "unverified": "?", None: "·"}
VERDICT_STYLES = {
    "consistent": "$text-success",
    "conflicting": "$text-error",
    "unverified": "$text-warning",
    None: "$text-muted",
}


QUALIFIERS = {"lower_bound": "≥ lower", "upper_bound": "≤ upper"}
VALUE_MIN_W, VALUE_MAX_W = 12, 28  # the claims list's value column grows to its widest value


def doc_label(name: str) -> str:
    """A document's file name without its extension, as the lists show it."""
    name = one_line(name)
    stem, dot, ext = name.rpartition(".")
    return stem if dot and stem and len(ext) <= 4 else name


def verdict_label(verdict: str | None, scope: str | None = None) -> str:
    if verdict is None:
        return "unreviewed"
    return f"{verdict} (cluster)" if scope == "cluster" else verdict


class ClaimList(ScrollView, can_focus=True, inherit_bindings=False):
    """The claims of the current view, one line each, rendered only where visible.

    The list holds a `ClaimOrder` (rowids in display order) and fetches the rows it is about to
    draw, with some to spare, through `fetch_rows`; a screenful costs one query. Group headings
    are drawn from `label_groups`, also on demand.
    """

    COMPONENT_CLASSES = {
        "claim-list--cursor",
        "claim-list--heading",
        "claim-list--doc",
        "claim-list--kind",
        "claim-list--value",
        "claim-list--muted",
        "claim-list--consistent",
        "claim-list--conflicting",
        "claim-list--unverified",
    }

    class Clicked(Message):
        """The reviewer clicked a claim's line: its position in the list and the claim's row id."""

        def __init__(self, position: int, rowid: int) -> None:
            super().__init__()
            self.position = position
            self.rowid = rowid

    def __init__(
        self,
        fetch_rows: Callable[[Sequence[int]], dict[int, ClaimRow]],
        label_groups: Callable[[Sequence[Group]], dict[Group, str]],
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.fetch_rows = fetch_rows
        self.label_groups = label_groups
        self.order: ClaimOrder | None = None
        self.cursor = -1
        self.message = "Loading claims…"
        self._rows: dict[int, ClaimRow] = {}
        self._labels: dict[Group, str] = {}
        self._lines: dict[tuple[int, int, bool], Strip] = {}  # (position, width, selected)
        self._value_w = VALUE_MIN_W  # the widest value read so far: values are never cut

    # the data -------------------------------------------------------------------------------

    def set_order(self, order: ClaimOrder, cursor: int) -> None:
        self.order = order
        self._value_w = VALUE_MIN_W
        self._rows.clear()
        self._labels.clear()
        self._lines.clear()
        self.cursor = cursor
        if len(order):
            self.message = ""
        elif order.spec.is_filtered:
            self.message = "No claims match these filters: escape clears them."
        else:
            self.message = "No claims in this database yet: ingest some documents first."
        self.virtual_size = Size(self.scrollable_content_region.width, len(order))
        self.scroll_to(y=max(0, cursor - self.size.height // 3), animate=False, immediate=True)
        self.refresh()
        # before the first layout the list has no height to scroll in: place the cursor again once it has
        self.call_after_refresh(self.show_cursor)

    def show_cursor(self) -> None:
        """Scroll so that the cursor's line is in view (a third of the way down when it was not)."""
        if self.order is None or self.cursor < 0:
            return
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        if height and not top <= self.cursor < top + height:
            self.scroll_to(y=max(0, self.cursor - height // 3), animate=False, immediate=True)

    def row_at(self, position: int) -> ClaimRow | None:
        if self.order is None or not 0 <= position < len(self.order):
            return None
        rowid = self.order.entries[position]
        if rowid < 0:
            return None
        if rowid not in self._rows:
            self._fetch_around(position)
        return self._rows.get(rowid)

    def invalidate(self, claim_ids: Sequence[str]) -> None:
        """Forget the cached rows of these claims, so that they are read again when drawn."""
        ids = set(claim_ids)
        rowids = {r for r, row in self._rows.items() if row.id in ids}
        for rowid in rowids:
            del self._rows[rowid]
        if self.order is None:
            return
        entries = self.order.entries
        for key in [k for k in self._lines if entries[k[0]] in rowids]:
            del self._lines[key]
        top = int(self.scroll_y)
        for position in range(top, min(len(entries), top + self.size.height)):
            if entries[position] in rowids:
                self.refresh_line(position)

    def notify_style_update(self) -> None:
        self._lines.clear()  # colours come from the stylesheet, and focus changes the cursor's
        super().notify_style_update()

    def _fetch_around(self, position: int) -> None:
        assert self.order is not None
        if len(self._rows) > 4000:
            self._rows.clear()
        height = max(self.size.height, 20)
        start = max(0, position - height)
        entries = self.order.entries[start : position + 2 * height]
        missing = [e for e in entries if e >= 0 and e not in self._rows]
        fetched = self.fetch_rows(missing)
        self._rows.update(fetched)
        widest = max((cell_len(format_value(row)) for row in fetched.values()), default=0)
        if widest > self._value_w:
            self._value_w = min(widest, VALUE_MAX_W)
            self._lines.clear()
            self.refresh()

    # moving -----------------------------------------------------------------------------------

    def claim_position(self, position: int, step: int) -> int | None:
        """The nearest claim line from `position` (inclusive) in direction `step`."""
        if self.order is None:
            return None
        entries, n = self.order.entries, len(self.order.entries)
        while 0 <= position < n:
            if entries[position] >= 0:
                return position
            position += step
        return None

    def move_cursor(self, position: int) -> None:
        old, self.cursor = self.cursor, position
        if old >= 0:
            self.refresh_line(old)
        self.refresh_line(position)
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        # keep the group heading above the first claim of a group in view
        want_top = self.cursor - 1 if self.cursor > 0 and self.order.entries[self.cursor - 1] < 0 else self.cursor
        if want_top < top:
            self.scroll_to(y=want_top, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = int(self.scroll_y) + offset.y
        if self.order is not None and 0 <= position < len(self.order) and self.order.entries[position] >= 0:
            self.post_message(self.Clicked(position, self.order.entries[position]))

    def on_resize(self, event) -> None:
        if self.order is not None:
            self.virtual_size = Size(self.scrollable_content_region.width, len(self.order))
            self.call_after_refresh(self.show_cursor)

    # drawing ----------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.order is None or not len(self.order):
            text = self.message if y == 0 else ""
            return Strip(
                [Segment(fit(" " + text, width), base + self.get_component_rich_style("claim-list--muted"))], width
            )
        position = int(self.scroll_y) + y
        if position >= len(self.order):
            return Strip.blank(width, base)
        key = (position, width, position == self.cursor)
        line = self._lines.get(key)
        if line is None:
            if len(self._lines) > 2000:
                self._lines.clear()
            line = self._lines[key] = self._line(position, width, base)
        return line

    def _line(self, position: int, width: int, base: Style) -> Strip:
        entry = self.order.entries[position]
        if entry < 0:
            return self._heading_line(self.order.groups[-entry - 1], width, base)
        row = self.row_at(position)
        if row is None:
            return Strip([Segment(fit("  (claim no longer in the database)", width), base)], width)
        return self._claim_line(row, width, base, position == self.cursor)

    def _heading_line(self, group: Group, width: int, base: Style) -> Strip:
        if group not in self._labels:
            top = int(self.scroll_y)
            height = self.size.height
            visible = {self.order.groups[-e - 1] for e in self.order.entries[top : top + height + 1] if e < 0}
            self._labels.update(self.label_groups([g for g in visible if g not in self._labels] or [group]))
        style = base + self.get_component_rich_style("claim-list--heading")
        return Strip([Segment(fit(self._labels.get(group, group.key), width), style)], width)

    def _claim_line(self, row: ClaimRow, width: int, base: Style, selected: bool) -> Strip:
        style = base + self.get_component_rich_style("claim-list--cursor") if selected else base
        get = self.get_component_rich_style
        verdict_style = style + get(f"claim-list--{row.verdict}" if row.verdict else "claim-list--muted")
        doc_w = 14 if width >= 70 else 9
        kind_w = 10 if width >= 52 else 0
        word_w = 12 if width >= 96 else 0
        others = 3 + doc_w + 1 + kind_w + word_w + 2
        # the value column grows to the widest value, as long as the claim keeps 12 cells
        value_w = max(VALUE_MIN_W, min(self._value_w, width - others - 12))
        surface_w = max(4, width - others - value_w)
        glyph = GLYPHS.get(row.verdict, "·")
        if row.verdict and row.scope == "cluster":
            glyph += "ᶜ"
        segments = [
            Segment("▌" if selected else " ", style + get("claim-list--value") if selected else style),
            Segment(fit(glyph, 2), verdict_style),
            Segment(fit(doc_label(row.doc_name), doc_w) + " ", style + get("claim-list--doc")),
            Segment(
                fit(("✎ " if row.has_note else "") + ("✱ " if row.corrected else "") + one_line(row.surface), surface_w)
                + " ",
                style,
            ),
        ]
        if kind_w:
            segments.append(Segment(fit(row.kind, kind_w), style + get("claim-list--kind")))
        segments.append(Segment(fit(format_value(row), value_w, "right") + " ", style + get("claim-list--value")))
        if word_w:
            segments.append(Segment(fit(verdict_label(row.verdict), word_w), verdict_style))
        return Strip(segments).adjust_cell_length(width, style)


def group_label(group: Group, cluster: Cluster | None, doc: tuple[str, str | None] | None) -> str:
    """The heading line of a group in the claims list (plain text, already made safe)."""
    claims = f"{group.size} claim" + ("s" if group.size != 1 else "")
    if group.kind == "cluster":
        if cluster is None:
            return f"▸ cluster {one_line(group.key)} · {claims}"
        relation = relation_words(cluster.relation, cluster.suggested_verdict)
        # headed by what the cluster measures ("average UK house price · November 2004"), its id
        # last, for `workbench cluster` and the jump dialog
        heading = one_line(cluster.subject) if cluster.subject else f"cluster {one_line(cluster.id)}"
        parts = [
            f"▸ {heading}",
            relation,
            f"suggests {cluster.suggested_verdict or '—'}",
            claims,
            one_line(cluster.id) if cluster.subject else "",
        ]
        return " · ".join(p for p in parts if p)
    name, title = doc or (group.key, None)
    prefix = "▸ not matched · " if group.kind == "unmatched" else "▸ "
    parts = [prefix + doc_label(name), claims]
    if title and group.kind == "document":
        parts.append(one_line(title))
    return " · ".join(parts)


def _refresh_for_new_content(widget: Widget) -> None:
    """Repaint a panel whose content changed; lay the screen out again only if its height did,
    since a layout repaints far more than the panel."""
    width = widget.size.width
    widget.clear_cached_dimensions()
    if width and widget.get_content_height(widget.size, widget.size, width) == widget.size.height:
        widget.refresh()
    else:
        widget.refresh(layout=True)


class ScrollingPanel(ScrollView):
    """A panel whose content scrolls inside it, and whose content rarely lays the screen out.

    The panel wraps its content to its width, keeps the lines, and draws the ones in view, so new
    content (the next claim's passage or cluster) repaints the panel alone. A layout of the screen
    is asked for only when the panel's height must change: never for a panel whose height the
    stylesheet fixes (`1fr`), and for an `auto` one only when the new content is shorter than the
    panel or may grow it (content taller than a panel that already overflowed, at its
    `max-height`, does not). A scroll bar appearing or going also lays out, as it must.
    Subclasses give the content with `content_for(width)`."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._strips: list[Strip | Content] | None = None  # a Content: one line, drawn when first in view
        self._strips_width = 0

    def content_for(self, width: int) -> Content:
        raise NotImplementedError

    def parts_for(self, width: int) -> Sequence[Content]:
        """The content as the lines it is made of (each may wrap): a line that fits the width is
        drawn only once it scrolls into view. By default the whole content is one part."""
        return (self.content_for(width),)

    def render(self) -> Content:
        return self.content_for(self.scrollable_content_region.width)

    def content_changed(self) -> None:
        """Show new content: measure it and repaint, laying out only if the height must change."""
        self._strips = None
        self._measure()
        self.refresh()

    def on_resize(self) -> None:
        self._measure()  # a new width wraps the content again

    def _measure(self) -> None:
        overflowed = self.virtual_size.height > self.scrollable_content_region.height
        lines = self._lines()
        size = Size(self._strips_width, len(lines))
        if size == self.virtual_size:
            return
        # set without the reactive's layout: _scroll_update sets how far the panel scrolls (the
        # scroll bar, the offset clamped), and only a panel that must change height lays out
        self.set_reactive(ScrollingPanel.virtual_size, size)
        self._scroll_update(size)
        if self.styles.height is not None and self.styles.height.is_auto:
            height = self.scrollable_content_region.height
            if len(lines) < height or (len(lines) > height and not overflowed):
                self.refresh(layout=True)

    def _to_strips(self, content: Content, width: int) -> list[Strip]:
        return Visual.to_strips(self, content, width, None, self.visual_style, pad=True)

    def _lines(self) -> list[Strip | Content]:
        width = self.scrollable_content_region.width
        if self._strips is None or self._strips_width != width:
            self._strips_width = width
            lines: list[Strip | Content] = []
            if width > 0:
                for part in self.parts_for(width):
                    if part.cell_length <= width and "\n" not in part.plain:
                        lines.append(part)  # one line: drawn when in view
                    else:
                        lines.extend(self._to_strips(part, width))
            self._strips = lines
        return self._strips

    def render_line(self, y: int) -> Strip:
        lines = self._lines()
        y += int(self.scroll_y)
        if 0 <= y < len(lines):
            line = lines[y]
            if isinstance(line, Content):
                line = lines[y] = self._to_strips(line, self._strips_width)[0]
            return line
        return Strip.blank(self._strips_width, self.visual_style.rich_style)


class PassagePanel(ScrollingPanel):
    """The selected claim inside its source passage, under the document's title, date and author;
    the passage scrolls inside the panel."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.detail: ClaimDetail | None = None
        self.others: Sequence = ()
        self._built: tuple[ClaimDetail | None, Sequence, Content] | None = None

    def show(self, detail: ClaimDetail | None, others: Sequence = ()) -> None:
        """Show a claim in its passage; `others` are other reviewers' decisions on it (OtherDecision)."""
        self.detail = detail
        self.others = others
        self.content_changed()

    def content_for(self, width: int) -> Content:
        if self._built is None or self._built[0] is not self.detail:
            self._built = (self.detail, self.others, self._build(self.detail))
        return self._built[2]

    def _build(self, detail: ClaimDetail | None) -> Content:
        if detail is None:
            return Content.styled("No claim selected.", "$text-muted")
        claim = detail.claim
        header = self._header(detail)
        passage = Content(safe(detail.passage), strip_control_codes=False)
        offset = detail.passage_start
        for start, end in detail.other_spans:
            passage = passage.stylize("underline $text-secondary", start - offset, end - offset)
        passage = passage.stylize("bold reverse $text-accent", detail.start - offset, detail.end - offset)
        footer = Content.assemble(
            "\n\n",
            ("claim ", "$text-muted"),
            (one_line(claim.surface), "bold"),
            ("  ", ""),
            (f"{claim.kind} · {format_value(claim)} · {claim.qualifier}", "$text-muted"),
            *((("\n", ""), (one_line(said), "bold $text-warning")) if (said := correction_words(detail)) else ()),
            *(
                (
                    ("\n", ""),
                    (f"added by {one_line(detail.added.reviewer)} (the extractor missed it)", "bold $text-warning"),
                )
                if detail.added is not None
                else ()
            ),
            *((("  ", ""), (reading_note(claim), "$text-warning")) if reading_note(claim) else ()),
            *((("  period ", "$text-muted"), one_line(claim.period)) if claim.period else ()),
            *((("  speaker ", "$text-muted"), one_line(claim.speaker)) if claim.speaker else ()),
        )
        return header + passage + footer

    @staticmethod
    def _header(detail: ClaimDetail) -> Content:
        claim = detail.claim
        # the document's own author, as the report's appendix gives it; who is quoted is the
        # claim's speaker, shown with the claim
        author = detail.doc_author and f"by {detail.doc_author}"
        page = detail.page and f"p. {detail.page}"  # a PDF's page, as the report cites it
        meta = [part for part in (claim.published, author, doc_label(claim.doc_name), page) if part]
        return Content.assemble(
            (one_line(detail.doc_title or claim.doc_name), "bold"),
            "\n",
            (" · ".join(one_line(m) for m in meta), "$text-muted"),
            "\n\n",
        )

    def highlight_line(self, width: int) -> int:
        """The line of the panel on which the claim's span starts, to scroll it into view."""
        detail = self.detail
        if detail is None or width <= 0:
            return 0
        before = self._header(detail).plain + safe(detail.passage[: detail.start - detail.passage_start]) + "x"
        return len(Content(before).wrap(width)) - 1


def correction_words(detail: ClaimDetail) -> str:
    """What a reviewer corrected on the claim, beside the extractor's reading; "" when nothing."""
    if detail.correction is None or detail.original is None:
        return ""
    return describe(detail.original, detail.claim, detail.correction)


def period_label(other, selected) -> str:
    """What the stored periods say about a linked claim against the selected one: "period 2013-14"
    when both are dated and differ, "same period" when they match, "period unknown" when either
    is undated (the matcher could not tell, so nothing says the periods differ)."""
    mine, theirs = one_line(selected.period or ""), one_line(other.period or "")
    if not mine or not theirs:
        return "period unknown"
    return "same period" if mine == theirs else f"period {theirs}"


class NotesPanel(Widget):
    """The selected claim's note and other reviewers' verdicts and notes, above the passage and
    outside its scrolling, so that they are seen whatever part of the passage is in view. It
    takes no room when there is nothing to show."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.content = Content("")

    def show(self, detail: ClaimDetail | None, others: Sequence = ()) -> None:
        lines: list[Content] = []
        if detail is not None and detail.note:
            lines.append(Content.assemble(("note ", "$text-muted"), (one_line(detail.note), "italic")))
        for other in others if detail is not None else ():
            verdict = (
                f"{GLYPHS.get(other.verdict, '·')} {verdict_label(other.verdict, other.scope)}"
                if other.verdict
                else "· no verdict"
            )
            lines.append(
                Content.assemble(
                    (one_line(other.reviewer), "bold"),
                    " ",
                    (verdict, VERDICT_STYLES.get(other.verdict, "")),
                    *((" — ", (one_line(other.note), "italic")) if other.note else ()),
                )
            )
        if others and detail is not None:
            lines.insert(1 if detail.note else 0, Content.styled("other reviewers", "$text-muted"))
        if not lines and not self.display:
            return  # nothing to show, and nothing shown: no repaint, no layout
        self.content = Content("\n").join(lines)
        self.display = bool(lines)
        _refresh_for_new_content(self)

    def render(self) -> Content:
        return self.content


MEMBER_ROWS = 12  # a cluster of more members is summarised: its figures, these many rows, "and N more"
LINK_ROWS = 8  # related claims and possible matches shown at once; the rest are counted


class ClusterPanel(ScrollingPanel):
    """The selected claim's cluster, scrolling inside the panel: every member side by side, the
    spread of their values as a number line, the suggested verdict and why, related claims, and
    possible matches. A cluster
    of more than MEMBER_ROWS members is summarised instead of laid out whole: its counts and the
    spread of its values, the first rows (always with the selected claim), and how many more."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.detail: ClaimDetail | None = None
        self.cluster: Cluster | None = None
        self.members: list[Member] = []
        self.links: list[Link] = []
        self.suggestion = 0
        self.summary: ClusterSummary | None = None
        self._cache: tuple[int, list[Content]] | None = None

    def show(self, detail, cluster, members, links, suggestion: int = 0, summary: ClusterSummary | None = None) -> None:
        """`members` are every member, or with a `summary` the rows to show of a large cluster."""
        self.detail, self.cluster, self.members, self.links = detail, cluster, members, links
        self.suggestion = suggestion
        self.summary = summary
        self._cache = None
        self.content_changed()

    @property
    def possible(self) -> list[Link]:
        return [link for link in self.links if link.link == "possible"]

    def content_for(self, width: int) -> Content:
        return Content("\n").join(self.parts_for(width))

    def parts_for(self, width: int) -> list[Content]:
        if self._cache is None or self._cache[0] != width:
            self._cache = (width, self._parts(max(width, 20)))
        return self._cache[1]

    def _parts(self, width: int) -> list[Content]:
        """The panel's lines (a long one wraps)."""
        detail = self.detail
        if detail is None:
            return [Content("")]
        selected = detail.claim
        parts: list[Content] = []
        if self.cluster is None:
            parts.append(Content.styled("Not matched to a claim in another document.", "$text-muted"))
        else:
            cluster = self.cluster
            if cluster.subject:
                parts.append(Content.styled(one_line(cluster.subject), "bold"))
            verdict = cluster.suggested_verdict
            parts.append(
                Content.assemble(
                    ("Suggested: ", "$text-muted"),
                    (f"{GLYPHS.get(verdict, '·')} {verdict or '—'}", f"bold {VERDICT_STYLES.get(verdict, '')}"),
                    *(((" — ", "$text-muted"), one_line(cluster.explanation)) if cluster.explanation else ()),
                )
            )
            if self.summary is not None:
                parts.extend(["", *self._summary_lines(self.summary, selected)])
            else:
                picture = self._picture(width, selected)
                if picture:
                    parts.extend(["", *picture])
            parts.extend(["", *self._member_table(width, selected)])
            if self.summary is not None and self.summary.count > len(self.members):
                parts.append(
                    Content.styled(
                        f" … and {self.summary.count - len(self.members):,} more claims"
                        " (grouped by cluster, the claims list shows them all)",
                        "$text-muted",
                    )
                )
        related = [link for link in self.links if link.link == "related"]
        if related:
            parts.extend(["", Content.styled("Related claims", "bold")])
            parts.extend(self._link_line(link, width, selected, False) for link in related[:LINK_ROWS])
            if len(related) > LINK_ROWS:
                parts.append(
                    Content.styled(
                        f" … and {len(related) - LINK_ROWS:,} more related claims, less alike", "$text-muted"
                    )
                )
        possible = self.possible
        if possible:
            parts.extend(
                ["", Content.assemble(("Possible matches", "bold"), ("  m next · a accept · r reject", "$text-muted"))]
            )
            # a window of LINK_ROWS that holds the current suggestion, as `m` moves through them all
            start = max(0, min(self.suggestion - LINK_ROWS // 2, len(possible) - LINK_ROWS))
            if start:
                parts.append(Content.styled(f" … {start:,} more above", "$text-muted"))
            parts.extend(
                self._link_line(link, width, selected, i == self.suggestion)
                for i, link in enumerate(possible[start : start + LINK_ROWS], start)
            )
            if len(possible) > start + LINK_ROWS:
                parts.append(
                    Content.styled(
                        f" … and {len(possible) - start - LINK_ROWS:,} more possible matches"
                        " (m moves through them all)",
                        "$text-muted",
                    )
                )
        return [Content(p) if isinstance(p, str) else p for p in parts]

    @staticmethod
    def _summary_lines(summary: ClusterSummary, selected: Member) -> list[Content]:
        """A large cluster in figures: how many claims in how many documents, the reviewer's
        verdicts on them, and the spread of their values in the cluster's unit."""
        documents = f"{summary.documents:,} document{'s' if summary.documents != 1 else ''}"
        verdicts: list[tuple[str, str]] = []
        for verdict in VERDICTS:
            if summary.verdicts[verdict]:
                verdicts += [
                    (" · ", "$text-muted"),
                    (f"{summary.verdicts[verdict]:,} {GLYPHS[verdict]} {verdict}", VERDICT_STYLES[verdict]),
                ]
        verdicts += [(" · ", "$text-muted"), (f"{summary.undecided:,} not reviewed", "$text-muted")]
        lines = [Content.assemble((f"{summary.count:,} claims in {documents}", "bold"), *verdicts)]
        if summary.kind is not None and summary.low is not None:
            unit, currency = (selected.unit, selected.currency) if selected.kind == summary.kind else (None, None)

            def shown(x: float) -> str:
                return one_line(format_amount(x, summary.kind, unit, currency))

            spread = (
                f"all {shown(summary.low)}"
                if summary.low == summary.high
                else f"from {shown(summary.low)} to {shown(summary.high)}, median {shown(summary.median)}"
            )
            lines.append(
                Content.assemble(
                    ("Values ", "$text-muted"),
                    (spread, ""),
                    ("  · this claim ", "$text-muted"),
                    (format_value(selected), "bold"),
                )
            )
        elif summary.kind is None:
            lines.append(Content.styled("Values of several kinds: no common scale.", "$text-muted"))
        return lines

    def _picture(self, width: int, selected: Member) -> list[Content]:
        points, kinds = [], set()
        for member in self.members:
            span = numeric_span(member)
            if span is not None:
                points.append((span[0], span[1], member.id == selected.id))
                kinds.add(member.kind)
        if len(points) < 2 or len(kinds) > 1:
            return []
        line, labels, columns = number_line(points, min(width - 2, 60), kinds.pop())
        content = Content(" " + line)
        for (start, end, is_selected), member in zip(columns, [m for m in self.members if numeric_span(m)]):
            style = "bold $text-accent" if is_selected else VERDICT_STYLES.get(member.verdict, "")
            content = content.stylize(style, start + 1, end + 2)
        legend = Content.assemble((" " + labels, "$text-muted"))
        return [content, legend, Content.styled(" ◆ this claim  ● other members  ┣━┫ a range", "$text-muted")]

    def _member_table(self, width: int, selected: Member) -> list[Content]:
        """Members side by side; below 90 cells the qualifier, date and speaker go on a second line."""
        wide = width >= 90
        verdict_w = 12 if width >= 70 else 1
        values = {m.id: format_value(m) for m in self.members}
        deltas = {m.id: difference(m, selected) if m.id != selected.id else "this claim" for m in self.members}
        # the value and Δ columns as wide as their widest cell, up to a third of the panel each
        most = max(10, width // 3)
        value_w = min(most, max([5, *(cell_len(v) for v in values.values())]))
        delta_w = min(most, max([10, *(cell_len(d) for d in deltas.values())]))
        columns = [
            ("Document", 12 if wide else 11),
            ("Claim", 0),
            ("Value", value_w),
            ("Δ", delta_w),
            ("Verdict", verdict_w),
        ]
        if wide:
            columns[3:3] = [("Qualifier", 9), ("Date", 10), ("Speaker", 10)]
        fixed = sum(w for _, w in columns) + len(columns)
        claim_w = max(6, width - fixed - 1)
        widths = [w or claim_w for _, w in columns]
        names = [name if w > 1 else "" for (name, _), w in zip(columns, widths)]
        lines = [Content.styled(" " + " ".join(fit(n, w) for n, w in zip(names, widths)).rstrip(), "$text-muted")]
        for member in self.members:
            is_selected = member.id == selected.id
            cells = [doc_label(member.doc_name), one_line(member.surface), values[member.id]]
            if wide:
                cells += [
                    QUALIFIERS.get(member.qualifier, member.qualifier),
                    one_line(member.published) or "—",
                    one_line(member.speaker) or "—",
                ]
            glyph = GLYPHS.get(member.verdict, "·")
            cells += [
                deltas[member.id],
                f"{glyph} {verdict_label(member.verdict, member.scope)}" if verdict_w > 1 else glyph,
            ]
            pieces = [("▶" if is_selected else " ", "$text-accent")]
            for i, (cell, w) in enumerate(zip(cells, widths)):
                style = "bold" if is_selected and i == 1 else ""
                if i == len(cells) - 1:
                    style = VERDICT_STYLES.get(member.verdict, "")
                pieces.append((fit(cell, w) + " ", style))
            lines.append(Content.assemble(*pieces))
            if not wide:
                extra = [
                    member.qualifier,
                    reading_note(member),
                    member.published,
                    member.speaker and f"speaker {member.speaker}",
                    member.role == "copy" and "copy",
                ]
                lines.append(
                    Content.styled("   " + fit(" · ".join(one_line(e) for e in extra if e), width - 4), "$text-muted")
                )
        return lines

    def _link_line(self, link: Link, width: int, selected: Member, current: bool) -> Content:
        other = link.other
        status = link.status or "suggested"
        period = period_label(other, selected)
        wide = width >= 90  # the period has a column; narrower, it opens the line below
        value, delta = format_value(other), difference(other, selected)
        value_w, delta_w = max(9, cell_len(value)), max(10, cell_len(delta))  # never cut a figure
        surface_w = max(8, width - (62 if wide else 45) - (value_w - 9) - (delta_w - 10))
        head = Content.assemble(
            ("▶" if current else " ", "$text-accent"),
            (fit(doc_label(other.doc_name), 12) + " ", "$text-muted"),
            (fit(one_line(other.surface), surface_w) + " ", "bold" if current else ""),
            (fit(value, value_w, "right") + " ", ""),
            (fit(delta, delta_w) + " ", "$text-muted"),
            *(((fit(period, 16) + " ", "$text-muted"),) if wide else ()),
            (fit(status, 9), {"accepted": "$text-success", "rejected": "$text-error"}.get(status, "$text-warning")),
        )
        why = [
            "" if wide else period,
            f"score {link.score:.2f}" if link.score is not None else "",
            one_line(link.explanation),
        ]
        return head + Content.styled("\n   " + fit(" · ".join(w for w in why if w), width - 4), "$text-muted")


class FittingFooter(Footer):
    """The footer, showing only the keys that fit whole beside the command palette's key.

    Textual's footer lets the keys run under the palette key docked on the right, so a narrow
    terminal showed "space N▏^p palettew": a cut key and stray letters. Keys that do not fit are
    hidden, last first (the bindings' order puts the keys that matter most first), and the help
    screen and the palette still list them all."""

    async def recompose(self) -> None:
        await super().recompose()
        self._refit()

    def on_resize(self) -> None:
        self._refit()

    def _refit(self) -> None:
        # "FooterKey" by its type name: Textual exports the class only from its private _footer module
        for key in self.query_children("FooterKey"):
            key.display = True
        self.call_after_refresh(self._hide_what_does_not_fit)

    def _hide_what_does_not_fit(self) -> None:
        keys = list(self.query_children("FooterKey"))
        palette = [k for k in keys if k.has_class("-command-palette")]
        room = self.region.right - sum(k.outer_size.width for k in palette)
        for key in keys:
            if key not in palette and key.region.right + key.styles.margin.right > room:
                key.display = False


class TopBar(Widget):
    """Progress, always in view: reviewed out of all claims, and the count of each verdict."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.progress: Progress | None = None
        self.where = ""

    def show(self, progress: Progress, where: str) -> None:
        self.progress, self.where = progress, where
        self.refresh()

    def render(self) -> Content:
        p = self.progress
        if p is None:
            return Content.styled(" workbench · opening…", "bold")
        share = p.reviewed / p.total if p.total else 0.0
        by = p.by_verdict
        if self.size.width < 100:
            return Content.assemble(
                (f" {p.reviewed:,}/{p.total:,}", "bold"),
                (f" {share:.0%}", ""),
                (" ✓", "$text-success"),
                f"{by.get('consistent', 0):,}",
                (" ✗", "$text-error"),
                f"{by.get('conflicting', 0):,}",
                (" ?", "$text-warning"),
                f"{by.get('unverified', 0):,}",
                (" │ ", "$text-muted"),
                (self.where, "$text-muted"),
            )
        bar_w = 10
        filled = round(share * bar_w)
        return Content.assemble(
            (" Reviewed ", "bold"),
            (f"{p.reviewed:,}/{p.total:,} ", "bold"),
            ("█" * filled, "$text-success"),
            ("░" * (bar_w - filled), "$text-muted"),
            (f" {share:.0%}", ""),
            ("  ✓ ", "$text-success"),
            (f"{by.get('consistent', 0):,}", ""),
            ("  ✗ ", "$text-error"),
            (f"{by.get('conflicting', 0):,}", ""),
            ("  ? ", "$text-warning"),
            (f"{by.get('unverified', 0):,}", ""),
            (f"  · {p.total - p.reviewed:,} to go", "$text-muted"),
            ("  │ ", "$text-muted"),
            (self.where, "$text-muted"),
        )


class StatusLine(Widget):
    """The last thing that happened: what was saved, undone, filtered or refused.

    A message that describes the state of the view ("Filters and search cleared.") or of the
    selected claim ("No possible matches for this claim.") says so with `lasts`, and goes when
    that state changes (`expire`), so the line never says what is no longer true. A record of
    what was done ("Saved ✓ consistent …") stays until the next message."""

    VIEW, CLAIM = "view", "claim"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = Content("")
        self.lasts: str | None = None

    def say(self, *parts: str | tuple[str, str], lasts: str | None = None) -> None:
        self.text = Content.assemble(" ", *parts)
        self.lasts = lasts
        self.refresh()

    def expire(self, *changed: str) -> None:
        """The view or the claim changed: clear a message that described it."""
        if self.lasts is not None and self.lasts in changed:
            self.say()

    def render(self) -> Content:
        return self.text


def describe_view(spec: ViewSpec, shown: int | None, doc_names: dict[str, str], at: int | None = None) -> str:
    """The view in words, for the top bar: grouping, filters, search, and where the cursor is."""
    parts = ["by cluster" if spec.grouping == "cluster" else "by document"]
    if spec.verdicts:
        parts.append("verdict " + "/".join(spec.verdicts))
    if spec.relations:
        parts.append("relation " + "/".join(spec.relations))
    if spec.kinds:
        parts.append("kind " + "/".join(one_line(k) for k in spec.kinds))
    if spec.docs:
        names = [doc_label(doc_names.get(d, d)) for d in spec.docs]
        parts.append("doc " + ("/".join(names) if len(names) <= 2 else f"{len(names)} documents"))
    if spec.search:
        parts.append(f'search "{one_line(spec.search)}"')
    if shown is not None:
        parts.append(f"claim {at:,} of {shown:,}" if at else f"{shown:,} shown")
    return " · ".join(parts)


def screen_layout(top: Widget, body: Widget) -> ComposeResult:
    """A full screen's widgets: `top` above, `body` in the middle, and the status line and the
    footer below, as every full screen has them."""
    yield top
    yield body
    yield StatusLine(id="status")
    yield FittingFooter(compact=True)


def claims_body(rows, label_groups, *panels: Widget) -> Container:
    """The body of a screen of claims: the claims list, and beside it the selected claim's notes,
    its source passage and any further `panels`."""
    return Container(
        ClaimList(rows, label_groups, id="claims"),
        Vertical(NotesPanel(id="notes"), PassagePanel(id="passage"), *panels, id="detail"),
        id="body",
    )
