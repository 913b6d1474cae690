"""Ingest: find the documents under the given paths, extract their claims, and store each one.

Files are read and their claims extracted on every core when there are many; the writes happen
here, in order, batched into few commits with each document all-or-nothing: a file that cannot be
read is reported and skipped, the rest goes on, and nothing half-written stays in the database.

A document is known by its key, as its claim ids are: its path inside the folder given to ingest
("business/001.txt"), or its file name when the file is given alone. Bytes already stored are
skipped (ingesting the same folder twice adds nothing), and a file whose key is stored with other
bytes is an edited version that replaces the stored one, keeping every decision on the claims it still
has (see Store.store_document). Documents stored by an older extractor are read again.
"""

from __future__ import annotations

import hashlib
import os
import signal
import threading
from collections.abc import Callable, Container, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.claims import EXTRACTOR_VERSION, extract_claims
from workbench.core.documents import DocumentError, document_from_bytes, read_document_bytes
from workbench.core.time_limit import TimeLimitExceeded, time_limit
from workbench.fetch import looks_like_url
from workbench.store.errors import RejectedDocument

if TYPE_CHECKING:
    from workbench.store.db import Store

__all__ = ["IngestReport", "find_files", "ingest_paths", "BATCH_SIZE"]

BATCH_SIZE = 100  # files per commit at most, and between two calls of after_batch

# Files in a folder that are certainly not documents: skipped without a word.
IGNORED_SUFFIXES = frozenset(
    """
    .png .jpg .jpeg .gif .bmp .tif .tiff .webp .ico .svgz .heic .psd
    .mp3 .wav .ogg .flac .m4a .aac .mp4 .m4v .mov .avi .mkv .webm .wmv
    .zip .gz .tgz .bz2 .xz .zst .7z .rar .tar .jar .whl .egg
    .db .sqlite .sqlite3 .db-wal .db-shm .db-journal .sqlite-wal .sqlite-shm
    .pyc .pyo .so .o .a .dll .dylib .exe .bin .class .woff .woff2 .ttf .otf .eot .dmg .iso
    """.split()
)
# Documents the workbench cannot read yet: reported, so that nobody thinks they were checked.
UNSUPPORTED_SUFFIXES = {
    ".doc": "Word",
    ".odt": "OpenDocument",
    ".pages": "Pages",
    ".epub": "EPUB",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".ppt": "PowerPoint",
    ".pptx": "PowerPoint",
}

OnError = Callable[[str, str], None]


@dataclass
class IngestReport:
    """What one ingest did: documents added, replaced, already stored, not documents, and rejected."""

    added: int = 0
    replaced: int = 0  # edited since they were stored: the new version replaced the old
    reextracted: int = 0  # the same bytes, stored by an older extractor: extracted again
    orphaned: int = 0  # decisions on claims that the replaced documents no longer have
    duplicates: int = 0  # already in the database (same bytes), so skipped
    ignored: int = 0  # files in a folder that are not documents (images, archives, databases)
    claims: int = 0  # claims in the added, replaced and re-extracted documents
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (path, how it was decoded) for guesses and repairs

    @property
    def files(self) -> int:
        """Files looked at (ignored ones aside), plus paths rejected before reading."""
        return self.added + self.replaced + self.reextracted + self.duplicates + len(self.rejected)


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    on_progress: Callable[[int, int, Path], None] | None = None,
    on_error: OnError | None = None,
    on_note: OnError | None = None,
    after_batch: Callable[[list[str]], None] | None = None,
    batch_size: int = BATCH_SIZE,
    allow_private: bool = False,
) -> IngestReport:
    """Ingest files and folders (recursively) into the store and say what happened.

    `on_progress(done, total, path)` is called after each file; `on_error(path, reason)` for each
    rejected path, as it happens; `on_note(path, note)` for each stored document whose encoding
    was guessed or whose bad bytes were replaced. `after_batch(document_ids)` receives the ids of
    the documents stored (added or replaced) after each commit: every `batch_size` files, or
    sooner when their text passes BATCH_CHARS; it is not called when nothing was stored. A StoreError that is about the database rather than one
    document (read-only, locked, disk full) stops the ingest.

    Arguments that are URLs are fetched (see workbench.fetch; `allow_private` lets them name
    hosts on private addresses) and stored under the URL as given, after the files.
    """
    report = IngestReport()

    def reject(path: str | Path, reason: str) -> None:
        report.rejected.append((str(path), reason))
        if on_error is not None:
            on_error(str(path), reason)

    def note(path: str | Path, text: str) -> None:
        report.notes.append((str(path), text))
        if on_note is not None:
            on_note(str(path), text)

    paths = list(paths)
    urls = [given for given in paths if isinstance(given, str) and looks_like_url(given)]
    files, keys = document_keys(store, [given for given in paths if given not in urls], reject, report)
    own_files = {os.path.realpath(store.path)}  # the database itself, if it sits among the documents
    names: dict[str, tuple[Path, str]] = {}  # document key -> (path, sha256) first read under it
    done = 0
    with _Reader(len(files)) as reader:
        outcomes = zip(files, keys, reader.read(files, store, keys))
        # Read and extract each batch before taking the write lock: a slow document must not keep
        # a reviewer's decision waiting. The lock is held only while the batch is written, and a
        # batch of long documents is cut short so that writing it stays short too.
        while batch := _next_batch(outcomes, batch_size):
            added: list[str] = []
            with store.batch():  # one commit per batch; each document is still all-or-nothing
                for path, key, outcome in batch:
                    if os.path.realpath(path) in own_files:
                        report.ignored += 1
                    else:
                        doc_id = _store_outcome(store, path, key, outcome, report, reject, names)
                        if doc_id is not None and outcome[1].decoding_note:
                            note(path, outcome[1].decoding_note)
                        if doc_id is not None:
                            added.append(doc_id)
                    done += 1
                    if on_progress is not None:
                        on_progress(done, len(files), path)
            if added and after_batch is not None:
                after_batch(added)
    if urls:
        _ingest_urls(store, urls, report, reject, names, after_batch, allow_private)
    return report


BATCH_CHARS = 2_000_000  # characters of new text per batch at most (one longer document is its own batch)


def _next_batch(outcomes: Iterator[tuple[Path, str, tuple]], batch_size: int) -> list[tuple[Path, str, tuple]]:
    """The next (path, key, outcome) triples to write in one commit: up to `batch_size` files, fewer
    when their text passes BATCH_CHARS, since the write lock is held while they are written."""
    batch: list[tuple[Path, str, tuple]] = []
    chars = 0
    for path, key, outcome in outcomes:
        batch.append((path, key, outcome))
        if outcome[0] == "new":
            chars += len(outcome[1].text)
        if len(batch) >= batch_size or chars >= BATCH_CHARS:
            break
    return batch


class _Url(str):
    """A URL where ingest expects a path: its name, the document's key, is the URL itself."""

    @property
    def name(self) -> str:
        return str(self)


def _ingest_urls(
    store: Store,
    urls: list[str],
    report: IngestReport,
    reject: OnError,
    names: dict,
    after_batch: Callable[[list[str]], None] | None,
    allow_private: bool,
) -> None:
    """Fetch each URL and store it as a document known by the URL; a failure is one line."""
    from workbench.fetch import FetchError, fetch

    added = []
    for given in urls:
        url = _Url(given.split("#", 1)[0])
        try:
            page = fetch(url, allow_private=allow_private)
        except FetchError as error:
            reject(url, str(error))
            continue
        outcome = _read_fetched(url, page)
        with store.batch():
            doc_id = _store_outcome(store, url, url, outcome, report, reject, names)
        if doc_id is not None:
            added.append(doc_id)
    if added and after_batch is not None:
        after_batch(added)


def _read_fetched(url: str, page) -> tuple:
    """read_and_extract for fetched bytes: ('new', doc, claims) or ('rejected', reason)."""
    return _extract_in_time(url, page.data, page.final_url, page.content_type)


DOCUMENT_SECONDS = 60.0  # the time one file may take to be read and extracted before it is refused
PARALLEL_FROM = 64  # files; below this a process pool costs more to start than it saves


def read_and_extract(path: Path, known: Container[tuple[str, str]] = frozenset(), key: str | None = None) -> tuple:
    """Read, decode and extract one file: ('stored', sha256), ('rejected', reason) or ('new', doc,
    claims). Pure work without the database, so that it can run in a worker process."""
    try:
        data = read_document_bytes(path)
        sha256 = hashlib.sha256(data).hexdigest()
        if (key or path.name, sha256) in known:  # known bytes under this name: skip before decoding
            return ("stored", sha256)
    except DocumentError as error:
        return ("rejected", str(error))
    return _extract_in_time(key or path.name, data, str(path))


def _extract_in_time(key: str, data: bytes, source: str, media_type: str = "") -> tuple:
    """A document's claims from its bytes, within DOCUMENT_SECONDS: ('new', doc, claims) or
    ('rejected', reason)."""
    try:
        with time_limit(DOCUMENT_SECONDS):
            try:
                doc = document_from_bytes(key, data, path=source, media_type=media_type)
            except DocumentError as error:
                return ("rejected", str(error))
            try:
                claims = extract_claims(doc)
            except Exception as error:  # a bug on one odd document must not stop the other 9,999
                return ("rejected", f"the extractor failed ({type(error).__name__}: {error}); please report this file")
            return ("new", doc, claims)
    except TimeLimitExceeded:
        return (
            "rejected",
            f"reading it took over {DOCUMENT_SECONDS:g} s, the limit for one document; please report this file",
        )


_worker_known: frozenset[tuple[str, str]] = frozenset()


def _worker_start(known: frozenset[tuple[str, str]], parent_alive: int | None, parent_end: int | None) -> None:
    """Set up a worker: the known hashes, and an exit of its own as soon as the ingest is gone.

    `parent_alive` is the read end of a pipe whose only write end the ingest holds (this worker
    closes its inherited copy, `parent_end`): when the ingest dies, even by SIGKILL, or stops, the
    read sees end-of-file and the worker exits at once, letting go of the database and of the
    terminal or pipe it inherited (`workbench ingest big/ | tee log` ends). Ctrl+C, which the
    terminal sends to every process of the job, is the ingest's to handle: the worker ignores it.
    """
    global _worker_known
    _worker_known = known
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):  # the ingest's own handlers, inherited by the fork
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # blocked by the ingest while it forked us
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    if parent_alive is not None:
        os.close(parent_end)
        threading.Thread(target=_exit_with_parent, args=(parent_alive,), daemon=True).start()


def _exit_with_parent(parent_alive: int) -> None:
    try:
        while os.read(parent_alive, 1):
            pass
    finally:
        os._exit(1)


def _worker_read(path: Path, key: str) -> tuple:
    return read_and_extract(path, _worker_known, key)


class _Reader:
    """Reads and extracts files, on every core when there are many: extraction is CPU-bound and
    independent per document, while the writes stay in this process, in order."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.pool = None
        self._pipe: tuple[int, int] | None = None  # (read, write): the workers' lifeline

    def __enter__(self) -> "_Reader":
        return self

    def __exit__(self, kind, *exc) -> None:
        if self.pool is None:
            return
        if kind is not None:  # stopped (a signal, an error): the workers exit now, mid-document,
            self._close_pipe()  # and nothing waits for them: the pool's threads may be mid-step
            self.pool.shutdown(wait=False, cancel_futures=True)
            return
        self.pool.shutdown(wait=True, cancel_futures=True)
        self._close_pipe()

    def _close_pipe(self) -> None:
        if self._pipe is not None:
            for fd in self._pipe:
                os.close(fd)
            self._pipe = None

    def read(self, paths: list[Path], store: Store, keys: list[str]) -> Iterator[tuple]:
        workers = os.cpu_count() or 1
        if self.total < PARALLEL_FROM or workers < 2:
            known = _StoredHashes(store)
            for path, key in zip(paths, keys):
                yield read_and_extract(path, known, key)
            return
        if self.pool is None:
            self.pool = self._start_pool(workers, frozenset(store.current_hashes(EXTRACTOR_VERSION)))
        with _signals_held():  # the workers are forked as the first files are handed out
            results = self.pool.map(_worker_read, paths, keys, chunksize=8)
        yield from results

    def _start_pool(self, workers: int, known: frozenset[tuple[str, str]]):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if "fork" not in multiprocessing.get_all_start_methods():  # Windows: no inherited pipe to watch
            return ProcessPoolExecutor(workers, initializer=_worker_start, initargs=(known, None, None))
        self._pipe = os.pipe()
        # Forked, so that the workers inherit the pipe: the ingest runs no other thread to fork with.
        return ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_worker_start,
            initargs=(known, *self._pipe),
        )


_STOP_SIGNALS = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back SIGINT, SIGTERM and SIGHUP while the pool forks its workers: a handler that
    raises in the middle of a fork (inside its at-fork hooks) is swallowed, and the ingest would
    go on. A signal that came meanwhile is delivered when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class _StoredHashes:
    """`(name, sha256) in known`, answered by the database: stored under that name, and by this
    extractor or a newer one."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __contains__(self, key: tuple[str, str]) -> bool:
        return self.store.is_current(*key, EXTRACTOR_VERSION)


def _store_outcome(
    store: Store,
    path: Path,
    key: str,
    outcome: tuple,
    report: IngestReport,
    reject: OnError,
    names: dict[str, tuple[Path, str]],
) -> str | None:
    """Store one read file, known by `key`; the id of the document stored (added or replacing
    another), or None."""
    if outcome[0] == "rejected":
        reject(path, outcome[1])
        return None
    if outcome[0] == "stored":
        names.setdefault(key, (path, outcome[1]))
        report.duplicates += 1
        return None
    _, doc, claims = outcome
    first, sha256 = names.setdefault(key, (path, doc.sha256))
    if sha256 != doc.sha256:  # two different files of one key: the second would replace the first
        reject(
            path,
            f"another file known as {key} is in this ingest ({first}); a document is known by"
            " its path inside the folder given (its file name if given alone), so rename one",
        )
        return None
    try:
        stored = store.store_document(doc, claims, extractor_version=EXTRACTOR_VERSION)
    except RejectedDocument as error:  # about this document, not the database
        reject(path, str(error))
        return None
    if stored.outcome == "unchanged":
        report.duplicates += 1
        return None
    if stored.outcome == "added":
        report.added += 1
    elif stored.outcome == "replaced":
        report.replaced += 1
    else:
        report.reextracted += 1
    report.orphaned += stored.orphaned
    report.claims += len(claims)
    return doc.id


def document_keys(
    store: Store, paths: Iterable[str | Path], reject: OnError, report: IngestReport | None = None
) -> tuple[list[Path], list[str]]:
    """The files to read under the given paths (as find_files finds them), each with the key it is
    known by: its path relative to the folder given, with / between folders ("business/001.txt"),
    or its file name when the file itself was given.

    Before this, a document was known by its file name alone. A file in a subfolder that an
    older version stored under its file name, from this same path, keeps that key, so that
    its claims keep their ids and decisions, and an edit of it still replaces it.
    """
    files: list[Path] = []
    keys: list[str] = []
    for given in paths:
        root = Path(given)
        for path in find_files([given], reject, report):
            files.append(path)
            keys.append(path.relative_to(root).as_posix() if path != root else path.name)
    if any(key != path.name for path, key in zip(files, keys)):
        stored_names = store.names_by_path()
        keys = [
            path.name if key != path.name and stored_names.get(str(path)) == path.name else key
            for path, key in zip(files, keys)
        ]
    return files, keys


def find_files(paths: Iterable[str | Path], reject: OnError, report: IngestReport | None = None) -> Iterator[Path]:
    """The files to read under the given paths, folders walked recursively in name order.

    Hidden files and folders inside a folder are left out, and so are files that are plainly
    not documents (counted in report.ignored). A file named explicitly is always tried.
    """
    for given in paths:
        path = Path(given)
        problem = _name_problem(path)
        if problem:
            reject(path, problem)
        elif path.is_dir():
            yield from _walk(path, reject, report, set())
        elif path.exists() or path.is_symlink():
            problem = _unsupported(path)
            if problem:
                reject(path, problem)
            else:
                yield path
        else:
            reject(path, "no such file or folder")


def _walk(folder: Path, reject: OnError, report: IngestReport | None, seen: set[str]) -> Iterator[Path]:
    real = os.path.realpath(folder)
    if real in seen:  # a symbolic link back to a folder already walked
        return
    seen.add(real)
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        reject(folder, f"cannot read folder: {error.strerror or error}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        problem = _name_problem(path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if problem:
            reject(path, problem)
        elif is_dir:
            yield from _walk(path, reject, report, seen)
        elif path.suffix.lower() in IGNORED_SUFFIXES or path.name.lower().endswith(("-wal", "-shm", "-journal")):
            if report is not None:
                report.ignored += 1
        elif problem := _unsupported(path):
            reject(path, problem)
        else:
            yield path


def _name_problem(path: Path) -> str | None:
    """Why a path cannot be stored as a document name (undecodable bytes), or None."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return "file name is not valid UTF-8; rename the file"
    return None


def _unsupported(path: Path) -> str | None:
    kind = UNSUPPORTED_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        return None
    return f"{kind} files are not supported yet; save it as PDF, .docx, text or HTML first"
