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
