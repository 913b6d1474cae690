"""The review: everything the review UI asks of the database, by job.

- `views`: which claims the list shows and in what order (ViewSpec, ClaimOrder, build_order).
- `rows`: what is shown, as rows (ClaimRow, Member, ClaimDetail, Cluster, Link, Progress, ...).
- `reading`: the reads (`ReviewReader`): a page of rows, a claim's source, its cluster and links.
- `log`: the review log, with undo and redo (Change, ChangeItem, LogEntry, `ReviewLog`).
- `sessions`: each reviewer's saved place and view.
- `store`: `ReviewStore`, the entry point: the reads, and the writes, each logged.
"""
