"""Every key of the review screen, in one table that the screen binds, the footer shows, the help
screen lists and the command palette offers."""

from __future__ import annotations

from textual.binding import Binding

from workbench.core.agreement import VERDICTS

# The key that gives each verdict to the selected claim; with shift, to its whole cluster.
VERDICT_KEYS = dict(zip(VERDICTS, "cxu"))


def _verdict_keys(
    section: str, claim: tuple[str, str, str], cluster: tuple[str, str, str]
) -> list[tuple[str, Binding]]:
    """Each verdict's key for the selected claim (shown), then the same key with shift for its whole
    cluster (hidden). `claim` and `cluster` are (action, description, id) templates, filled with
    {verdict} and {Verdict} (capitalised)."""
    keys = []
    for templates, shift in ((claim, False), (cluster, True)):
        for verdict, key in VERDICT_KEYS.items():
            action, description, ident = (t.format(verdict=verdict, Verdict=verdict.capitalize()) for t in templates)
            keys.append(
                (section, Binding(key.upper() if shift else key, action, description, show=not shift, id=ident))
            )
    return keys


# (section, binding), in the order the footer shows them (`show`): the keys that matter most come
# first, so that they stay in view on a narrow terminal. The help screen groups them by section.
REVIEW_KEYS: list[tuple[str, Binding]] = [
    *_verdict_keys(
        "Decide",
        ("decide('{verdict}')", "{Verdict}", "decide.{verdict}"),
        ("decide_cluster('{verdict}')", "Cluster {verdict}", "cluster.{verdict}"),
    ),
    ("Decide", Binding("n", "note", "Note", id="note")),
    ("Decide", Binding("z,ctrl+z", "undo", "Undo", id="undo")),
    ("Decide", Binding("y,ctrl+y", "redo", "Redo", show=False, id="redo")),
    ("Correct", Binding("e", "edit_claim", "Edit claim (correct reading)", show=False, id="correct.edit")),
    ("Correct", Binding("D", "not_a_claim", "Not a claim (z brings it back)", show=False, id="correct.reject")),
    ("Correct", Binding("plus", "add_claim", "Add a missed claim…", key_display="+", show=False, id="correct.add")),
    ("Other", Binding("question_mark,f1", "help", "Help", key_display="?", id="help")),
    ("Move", Binding("down,j", "next_claim", "Next claim", show=False, id="next")),
    ("Move", Binding("up,k", "previous_claim", "Previous claim", show=False, id="previous")),
    ("Move", Binding("space", "next_unreviewed", "Next unreviewed", key_display="space", id="next_unreviewed")),
    ("Move", Binding("]", "next_conflicting", "Next conflicting", show=False, id="next_conflicting")),
    ("Move", Binding("[", "previous_conflicting", "Previous conflicting", show=False, id="previous_conflicting")),
    ("Move", Binding("pagedown", "page(1)", "Page down", show=False, id="page_down")),
    ("Move", Binding("pageup", "page(-1)", "Page up", show=False, id="page_up")),
    ("Move", Binding("home", "first_claim", "First claim", show=False, id="first")),
    ("Move", Binding("end", "last_claim", "Last claim", show=False, id="last")),
    ("Move", Binding("J", "jump_cluster", "Jump to cluster", show=False, id="jump")),
    ("Matches", Binding("m", "next_suggestion", "Next possible match", show=False, id="suggestion")),
    ("Matches", Binding("a", "link_status('accepted')", "Accept possible match", show=False, id="accept")),
    ("Matches", Binding("r", "link_status('rejected')", "Reject possible match", show=False, id="reject")),
    ("Clusters", Binding("M", "merge_cluster", "Merge with another cluster…", show=False, id="surgery.merge")),
    ("Clusters", Binding("S", "split_cluster", "Split cluster: choose claims…", show=False, id="surgery.split")),
    ("Clusters", Binding("t", "move_claim", "Move claim to a cluster…", show=False, id="surgery.move")),
    ("Clusters", Binding("d", "detach_claim", "Detach claim from its cluster", show=False, id="surgery.detach")),
    ("Reviewers", Binding("ctrl+r", "refresh", "Refresh: other reviewers' decisions", show=False, id="refresh")),
    (
        "Reviewers",
        Binding("o", "other_reviewer", "Another reviewer's decisions (read-only)", show=False, id="other_reviewer"),
    ),
    ("Reviewers", Binding("A", "agreement", "Agreement between reviewers", show=False, id="agreement")),
    ("View", Binding("slash", "search", "Search", key_display="/", id="search")),
    ("View", Binding("f", "filter", "Filter", id="filter")),
    ("View", Binding("escape", "clear_filters", "Clear filters", show=False, id="clear")),
    ("View", Binding("g", "toggle_grouping", "Group by cluster / document", show=False, id="group")),
    ("View", Binding("v", "cycle_verdict_filter", "Cycle verdict filter", show=False, id="verdict_filter")),
    ("View", Binding("L", "show_log", "Review log", show=False, id="log")),
    ("View", Binding("ctrl+d", "scroll_detail(1)", "Scroll detail down", show=False, id="detail_down")),
    ("View", Binding("ctrl+u", "scroll_detail(-1)", "Scroll detail up", show=False, id="detail_up")),
    ("Other", Binding("q", "quit_review", "Quit", id="quit")),
]

REVIEW_BINDINGS = [binding for _, binding in REVIEW_KEYS]

# The adjudication screen (`workbench review --adjudicator`): its own keys for final verdicts, and
# the review screen's keys it shares (undo, moving, help, quit), taken from the table above by id.
_SHARED = {binding.id: (section, binding) for section, binding in REVIEW_KEYS}
ADJUDICATION_KEYS: list[tuple[str, Binding]] = [
    *_verdict_keys(
        "Adjudicate",
        ("final('{verdict}')", "Final verdict: {verdict}", "final.{verdict}"),
        ("final_cluster('{verdict}')", "Cluster final: {verdict}", "final_cluster.{verdict}"),
    ),
    _SHARED["undo"],
    _SHARED["redo"],
    _SHARED["help"],
    _SHARED["next"],
    _SHARED["previous"],
    (
        "Move",
        Binding("space", "next_in_dispute", "Next claim still in dispute", key_display="space", id="next_in_dispute"),
    ),
    ("View", Binding("v", "toggle_settled", "Settled claims: show / hide", id="settled")),
    _SHARED["quit"],
]
ADJUDICATION_BINDINGS = [binding for _, binding in ADJUDICATION_KEYS]


def key_names(binding: Binding) -> str:
    """The keys of a binding as the help screen writes them: "z / ctrl+z"."""
    if binding.key_display:
        shown = [binding.key_display]
        shown += [k for k in binding.key.split(",")[1:]]
    else:
        shown = binding.key.split(",")
    return " / ".join({"question_mark": "?", "slash": "/"}.get(k, k) for k in shown)
