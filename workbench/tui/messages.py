"""Messages the review UI's workers post to its screens, named as what happened."""

from __future__ import annotations

from textual.message import Message

from workbench.store.review.views import ClaimOrder


class OrderLoaded(Message):
    """A worker has built the claims list for a view; `position` is the claim to select."""

    def __init__(self, order: ClaimOrder, position: int | None) -> None:
        super().__init__()
        self.order = order
        self.position = position


class DisputesLoaded(Message):
    """A worker has read the claims reviewers disagree on; `claim_id` is the one to select."""

    def __init__(self, disputes: list, settled: bool, claim_id: str | None) -> None:
        super().__init__()
        self.disputes = disputes
        self.settled = settled
        self.claim_id = claim_id


class WriteSaved(Message):
    """A write worker's write is committed; `result` is what the store returned (a Change, or None)."""

    def __init__(self, ticket: int, result: object) -> None:
        super().__init__()
        self.ticket = ticket
        self.result = result


class WriteRefused(Message):
    """A write worker's write was refused and nothing of it is shown as saved: the database said no
    (StoreError: locked past every retry, read-only, full) or the change cannot be made (a
    ValueError such as core.surgery.SurgeryError)."""

    def __init__(self, ticket: int, error: Exception) -> None:
        super().__init__()
        self.ticket = ticket
        self.error = error
