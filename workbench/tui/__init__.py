"""The review UI. Importing this package is cheap: Textual loads when the UI starts."""


def run_review(db_path: str, reviewer: str | None = None, adjudicator: bool = False, blind: bool = False) -> int:
    """Open the review UI on `db_path` as `reviewer` (default: the login name), or with
    `adjudicator` the adjudication screen, where final verdicts settle disagreements; with `blind`,
    other reviewers' verdicts on a claim stay hidden until it is decided. The exit status."""
    from workbench.tui.startup import EarlyStart, default_reviewer

    reviewer = reviewer or default_reviewer()
    early = None if adjudicator else EarlyStart(str(db_path), reviewer)  # reads the claims while Textual loads
    from workbench.tui.app import ReviewApp

    app = ReviewApp(db_path, reviewer, early=early, adjudicator=adjudicator, blind=blind)
    app.run()
    return app.return_code or 0
