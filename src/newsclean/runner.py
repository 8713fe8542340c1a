"""Clean many pages: ordered, streaming, fault-isolated batch runs.

:func:`clean_many` takes any iterable of pages and yields one :class:`Result` per page, in input
order, while reading the input lazily in bounded batches (memory stays flat for endless
iterators). A page that raises is reported, not raised; a page that hangs past ``timeout`` has
its worker process killed and replaced and is reported with status ``"timeout"``.

>>> from newsclean.runner import clean_many
>>> pages = ["<h1>One</h1><p>The first story has a paragraph of text.</p>", b"\\x1f\\x8b\\x08\\x00 compressed"]
>>> [(r.index, r.status) for r in clean_many(pages, timeout=None)]
[(0, 'ok'), (1, 'rejected')]

:func:`clean_records` is the same run over mappings (JSONL rows, Dask bag items, Spark rows)
returning JSON-ready dicts; it is the partition function of the Dask and Spark recipes in
docs/batch.md.
"""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import pickle
import queue
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Literal, TypeAlias

from .article import Article
from .core import DEFAULT_MAX_BYTES, clean
from .errors import DocumentTimeoutError, InputError, NotAnArticleError
from .pipeline import Pipeline

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_TIMEOUT",
    "Item",
    "Result",
    "Status",
    "clean_many",
    "clean_records",
]

Status: TypeAlias = Literal["ok", "rejected", "error", "timeout"]
Raw: TypeAlias = str | bytes
#: what :func:`clean_many` accepts per page
Item: TypeAlias = "str | bytes | tuple[Any, str | bytes] | tuple[Any, str | bytes, str | None] | Mapping[str, Any]"

#: seconds a page may take before its worker is killed
DEFAULT_TIMEOUT = 30.0
#: pages handed to a worker process at a time (the input is read at most 4 * jobs * this ahead)
DEFAULT_BATCH_SIZE = 4
#: seconds a worker process may take to start (import newsclean, warm up) before the run fails
STARTUP_LIMIT = 120.0
#: type name reported for a page whose worker process died under it (segfault, OOM killer)
WORKER_DIED = "WorkerDiedError"

# what a worker sends back per page: index, status, article (JSON text in workers, the Article
# in-process), error type, reason, message, milliseconds
_Outcome: TypeAlias = tuple[
    int, str, Article | str | None, str | None, str | None, str | None, float
]
#: index, page, url, charset (the HTTP Content-Type charset of a page given as bytes)
_Task: TypeAlias = tuple[int, Raw, str | None, str | None]
#: what a worker process runs per page: (index, raw, url, charset) -> outcome
_Work: TypeAlias = Callable[[int, Raw, str | None, str | None], _Outcome]


@dataclass(frozen=True, slots=True)
class Result:
    """What became of one page of a batch run.

    ``status`` is ``"ok"`` (``article`` is set), ``"rejected"`` (the input is not something
    newsclean takes: undecodable, too large, not an article, malformed item; ``reason`` says
    which), ``"error"`` (a stage or the worker failed; ``error_type`` names the exception) or
    ``"timeout"`` (``error_type`` is ``"DocumentTimeoutError"``). A page rejected as
    ``not-an-article`` (no article text: an index page, a gallery, an empty shell) keeps its
    ``article`` too, with the metadata found and an empty body.
    """

    #: position of the page in the input, from 0
    index: int
    #: the caller's key for the page, or ``index`` when none was given
    id: Any
    status: Status
    url: str | None = None
    #: exception class name for every status but ok
    error_type: str | None = None
    #: kebab-case reason code for rejected pages (``input-too-large``, ``not-an-article``...)
    reason: str | None = None
    message: str | None = None
    #: time spent cleaning the page, in milliseconds
    ms: float = 0.0
    _article: Article | None = field(default=None, repr=False, compare=False)
    _json: str | None = field(default=None, repr=False, compare=False)

    @property
    def article(self) -> Article | None:
        """The cleaned Article (``None`` unless status is ok, or rejected as not-an-article);
        parsed on first access."""
        if self._article is None and self._json is not None:
            object.__setattr__(self, "_article", Article.model_validate_json(self._json))
        return self._article

    @property
    def article_json(self) -> str | None:
        """The Article as compact JSON (``Article.model_dump_json()``), without re-parsing."""
        if self._json is None and self._article is not None:
            object.__setattr__(self, "_json", self._article.model_dump_json())
        return self._json

    @property
    def ok(self) -> bool:
        """True when the page was cleaned."""
        return self.status == "ok"

    @property
    def _has_article(self) -> bool:
        """True when an Article came back (ok pages, and pages rejected as not-an-article)."""
        return self._article is not None or self._json is not None

    def _error(self) -> dict[str, Any]:
        return {"type": self.error_type, "reason": self.reason, "message": self.message}

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready dict: ``{id, url, status, ms, article}`` or ``{..., error}`` (with
        ``article`` too for pages rejected as not-an-article)."""
        rec: dict[str, Any] = {
            "id": self.id,
            "url": self.url,
            "status": self.status,
            "ms": round(self.ms, 1),
        }
        if self._has_article:
            rec["article"] = json.loads(self.article_json or "null")
        if not self.ok:
            rec["error"] = self._error()
        return rec

    def to_json(self) -> str:
        """:meth:`to_record` as one line of JSON, built without re-parsing the article."""
        head = {"id": self.id, "url": self.url, "status": self.status, "ms": round(self.ms, 1)}
        text = json.dumps(head, ensure_ascii=False, default=str)[:-1]
        if self._has_article:
            text += f', "article": {self.article_json}'
        if not self.ok:
            text += f', "error": {json.dumps(self._error(), ensure_ascii=False)}'
        return text + "}"


# --- one page -----------------------------------------------------------------------------------


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name.removesuffix("Error")).lower()


def _reason(exc: BaseException) -> str:
    code = getattr(exc, "reason", None)
    if isinstance(code, str) and code:
        return code
    if type(exc) is InputError:
        return "bad-input"
    return _kebab(type(exc).__name__)


def _clean_one(
    index: int,
    raw: Raw,
    url: str | None,
    charset: str | None,
    pipeline: Pipeline | None,
    max_bytes: int | None,
    as_json: bool,
) -> _Outcome:
    t0 = time.perf_counter()
    try:
        art = clean(raw, url=url, pipeline=pipeline, max_bytes=max_bytes, charset=charset)
    except (InputError, NotAnArticleError) as exc:
        ms = (time.perf_counter() - t0) * 1000
        return (index, "rejected", None, type(exc).__name__, _reason(exc), str(exc), ms)
    except Exception as exc:  # one bad page never stops the run
        ms = (time.perf_counter() - t0) * 1000
        return (index, "error", None, type(exc).__name__, None, str(exc), ms)
    payload: Article | str = art.model_dump_json() if as_json else art
    ms = (time.perf_counter() - t0) * 1000
    if not art.paragraphs and not art.subtitle:
        # an index page, a gallery, an empty shell: rejected, with the Article kept (metadata);
        # a teaser or paywalled page that shows its standfirst is an article
        note = next((n for n in art.provenance.notes if n.startswith("not-an-article")), None)
        message = note or "not-an-article: no article text found"
        return (index, "rejected", payload, "NotAnArticleError", "not-an-article", message, ms)
    return (index, "ok", payload, None, None, None, ms)


def _result(outcome: _Outcome, key: Any, url: str | None) -> Result:
    index, status, payload, etype, reason, message, ms = outcome
    return Result(
        index=index,
        id=key,
        status=status,  # type: ignore[arg-type]
        url=url,
        error_type=etype,
        reason=reason,
        message=message,
        ms=ms,
        _article=payload if isinstance(payload, Article) else None,
        _json=payload if isinstance(payload, str) else None,
    )


def _normalize(
    index: int, item: Any
) -> tuple[Any, Raw | None, str | None, str | None, tuple[str, str, str] | None]:
    """(id, raw, url, charset, problem) of one input item; raw is None and problem is (error
    type, reason, message) when the item is malformed."""
    key: Any = index
    url: Any = None
    charset: Any = None
    raw: Any
    if isinstance(item, (str, bytes)):
        raw = item
    elif isinstance(item, (bytearray, memoryview)):
        raw = bytes(item)
    elif isinstance(item, tuple) and len(item) in (2, 3):
        key, raw = item[0], item[1]
        url = item[2] if len(item) == 3 else None
    elif isinstance(item, Mapping):
        key = item.get("id", index)
        raw = item.get("raw")
        url = item.get("url")
        charset = item.get("charset")
    else:
        return (
            index,
            None,
            None,
            None,
            (
                "InputError",
                "bad-item",
                f"item {index} is a {type(item).__name__}; give str/bytes, (id, raw), "
                "(id, raw, url) or {'id', 'raw', 'url', 'charset'}",
            ),
        )
    if key is None:
        key = index
    if url is not None and not isinstance(url, str):
        url = str(url)
    if isinstance(charset, bytes):
        charset = charset.decode("latin-1")
    if charset is not None and not isinstance(charset, str):
        charset = str(charset)  # decode() notes and ignores a name it does not know
    if charset is not None:
        charset = charset.strip() or None
    if isinstance(raw, (bytearray, memoryview)):
        raw = bytes(raw)
    if isinstance(raw, BaseException):  # a reader that failed on this record says so
        reason = getattr(raw, "reason", None)
        return (
            key,
            None,
            url,
            charset,
            (type(raw).__name__, reason if isinstance(reason, str) else "bad-item", str(raw)),
        )
    if not isinstance(raw, (str, bytes)):
        return (
            key,
            None,
            url,
            charset,
            (
                "InputError",
                "bad-item",
                f"item {key!r}: the page is a {type(raw).__name__}, not str or bytes "
                "(read files in binary mode and pass the bytes)",
            ),
        )
    return key, raw, url, charset, None


def _bad_item(index: int, key: Any, url: str | None, problem: tuple[str, str, str]) -> Result:
    return Result(index, key, "rejected", url, problem[0], problem[1], problem[2])


# --- worker processes ---------------------------------------------------------------------------

_WARMUP = "<h1>Warm-up</h1><p>A short paragraph so that every stage loads its data once.</p>"


class _Cleaner:
    """The work of a worker process: clean one page into an outcome (article as JSON text).

    Any picklable object with this call signature (and optionally ``warmup()``) can drive the
    pool; benchmarks/throughput.py runs trafilatura through the same machinery that way.
    ``preload`` names the modules the forkserver imports once for all workers."""

    # newsclean._warm cleans a warm-up page in the forkserver: workers fork warmed up
    preload = ("newsclean", "newsclean._warm")

    def __init__(self, pipeline: Pipeline | None, max_bytes: int | None) -> None:
        self.pipeline = pipeline
        self.max_bytes = max_bytes

    def warmup(self) -> None:
        """Load data files (default stages) before the first page's clock starts."""
        clean(_WARMUP)

    def __call__(self, index: int, raw: Raw, url: str | None, charset: str | None) -> _Outcome:
        return _clean_one(index, raw, url, charset, self.pipeline, self.max_bytes, as_json=True)


def _worker_main(tasks: Connection, results: Connection, work: _Work) -> None:
    """Worker process: receive lists of tasks, send one outcome per task, until None or EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills us
    warmup = getattr(work, "warmup", None)
    if callable(warmup):
        with contextlib.suppress(Exception):
            warmup()
    # what the worker holds now (modules, data files, compiled patterns, caches) lives as long
    # as the worker: frozen, the full collections a long batch triggers no longer walk it
    # (dev corpus, in-process: 0.5-1.4 ms a page went to full collections, 0.1 ms frozen)
    gc.freeze()
    results.send("ready")
    while True:
        try:
            chunk = tasks.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for index, raw, url, charset in chunk:
            results.send(work(index, raw, url, charset))


def _context(start_method: str | None, preload: Sequence[str]) -> Any:
    """Multiprocessing context: forkserver where it exists (workers start in milliseconds from
    a process that already imported ``preload``, and inherit no threads), else spawn."""
    method = start_method or (
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    )
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(list(preload))
    return ctx


class _Worker:
    """One worker process, the pages it holds, and a thread that feeds it.

    Chunks are written by a feeder thread so the main loop never blocks on a full pipe (a
    worker busy on a page reads nothing) and can always enforce deadlines; results come back
    on a second pipe. A worker holds its current chunk plus at most one more, so it never
    waits for the parent between chunks."""

    __slots__ = ("born", "feed", "feeder", "proc", "ready", "results", "since", "tasks", "todo")

    def __init__(self, ctx: Any, work: _Work) -> None:
        task_r, task_w = ctx.Pipe(duplex=False)
        res_r, res_w = ctx.Pipe(duplex=False)
        self.born = time.monotonic()
        self.proc: Any = ctx.Process(
            target=_worker_main,
            args=(task_r, res_w, work),
            daemon=True,
            name="newsclean-worker",
        )
        self.proc.start()
        task_r.close()
        res_w.close()
        self.feed: Connection = task_w
        self.results: Connection = res_r
        self.todo: queue.SimpleQueue[list[_Task] | None] = queue.SimpleQueue()
        self.feeder = threading.Thread(target=self._feed, name="newsclean-feeder", daemon=True)
        self.feeder.start()
        self.ready = False
        #: when the page now in work started (set once the worker is ready)
        self.since = 0.0
        #: pages sent and not yet answered; the first is in work
        self.tasks: deque[_Task] = deque()

    def _feed(self) -> None:
        while True:
            chunk = self.todo.get()
            try:
                self.feed.send(chunk)
            except (OSError, ValueError):  # the worker is gone; the main loop notices
                return
            if chunk is None:
                return

    def send(self, chunk: list[_Task]) -> None:
        if not self.tasks:
            self.since = time.monotonic()
        self.tasks.extend(chunk)
        self.todo.put(chunk)

    def stop(self, *, kill: bool) -> None:
        if not kill:
            self.todo.put(None)
            self.proc.join(timeout=2.0)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=5.0)
        self.todo.put(None)  # a feeder waiting for work ends; one blocked in send gets EPIPE
        self.feeder.join(timeout=5.0)
        self.results.close()
        if not self.feeder.is_alive():
            self.feed.close()
        with contextlib.suppress(ValueError):
            self.proc.close()


class _Pool:
    """Worker processes with per-page deadlines; yields outcomes as they arrive (any order)."""

    def __init__(
        self,
        jobs: int,
        timeout: float | None,
        work: _Work,
        start_method: str | None,
    ) -> None:
        self.ctx = _context(start_method, getattr(work, "preload", ("newsclean",)))
        self.timeout = timeout
        self.work = work
        self.slots: list[_Worker | None] = [None] * jobs
        self.started = 0

    def _start(self) -> _Worker:
        self.started += 1
        return _Worker(self.ctx, self.work)

    def hungry(self, batch_size: int) -> list[int]:
        """Slots whose worker has less than a chunk left (or no worker yet)."""
        return [i for i, w in enumerate(self.slots) if w is None or len(w.tasks) < batch_size]

    def busy(self) -> int:
        return sum(1 for w in self.slots if w is not None and w.tasks)

    def dispatch(self, slot: int, chunk: list[_Task]) -> None:
        w = self.slots[slot]
        if w is None:
            w = self.slots[slot] = self._start()
        w.send(chunk)

    def poll(self) -> tuple[list[_Outcome], list[_Task]]:
        """Wait for progress; return finished outcomes and tasks to hand out again."""
        done: list[_Outcome] = []
        requeue: list[_Task] = []
        active = [w for w in self.slots if w is not None and w.tasks]
        if not active:
            return done, requeue
        now = time.monotonic()
        wait_for: float | None = None
        if any(not w.ready for w in active):
            if now - min(w.born for w in active if not w.ready) > STARTUP_LIMIT:
                self.close(kill=True)
                raise RuntimeError(
                    f"a newsclean worker process did not start within {STARTUP_LIMIT:g} s; "
                    "is the machine overloaded? (or run with jobs=1, timeout=None)"
                )
            wait_for = 1.0
        if self.timeout is not None:
            deadlines = [w.since + self.timeout for w in active if w.ready]
            if deadlines:
                wait_for = min(wait_for or 1e9, max(0.0, min(deadlines) - now))
        handles: list[Any] = [w.results for w in active] + [w.proc.sentinel for w in active]
        ready = set(wait(handles, timeout=wait_for))
        for slot, w in enumerate(self.slots):
            if w is None or not w.tasks:
                continue
            if w.results in ready or w.proc.sentinel in ready:
                alive = self._drain(w, done)
                if not alive:
                    requeue.extend(self._fail(slot, w, done, died=True))
                    continue
            if (
                self.timeout is not None
                and w.tasks
                and w.ready
                and time.monotonic() - w.since >= self.timeout
            ):
                requeue.extend(self._fail(slot, w, done, died=False))
        return done, requeue

    def _drain(self, w: _Worker, done: list[_Outcome]) -> bool:
        """Read every message waiting from ``w``; False when the worker is gone."""
        try:
            while w.results.poll():
                msg = w.results.recv()
                if msg == "ready":
                    w.ready = True
                    w.since = time.monotonic()
                    continue
                w.tasks.popleft()
                w.since = time.monotonic()
                done.append(msg)
        except (EOFError, OSError):
            return False
        return bool(w.proc.is_alive())

    def _fail(self, slot: int, w: _Worker, done: list[_Outcome], *, died: bool) -> list[_Task]:
        """Kill ``w``; its page in work is a timeout (or a crash), the rest go back in line."""
        if not w.ready and died:
            w.proc.join(timeout=2.0)
            code = w.proc.exitcode
            w.stop(kill=True)
            self.slots[slot] = None
            raise RuntimeError(
                f"a newsclean worker process failed to start (exit code {code}); see the "
                "traceback above. Stages of a custom pipeline must be importable "
                "module-level functions; or run with jobs=1, timeout=None to stay in-process"
            )
        elapsed = time.monotonic() - w.since
        if died:
            w.proc.join(timeout=2.0)  # its pipe closed first: let it finish exiting for the code
        code = w.proc.exitcode
        w.stop(kill=True)
        self.slots[slot] = None
        if not w.tasks:
            return []
        index = w.tasks.popleft()[0]
        if died:
            done.append(
                (
                    index,
                    "error",
                    None,
                    WORKER_DIED,
                    None,
                    f"the worker process died while cleaning this page (exit code {code})",
                    elapsed * 1000,
                )
            )
        else:
            msg = str(DocumentTimeoutError(self.timeout or 0.0))
            done.append(
                (index, "timeout", None, DocumentTimeoutError.__name__, None, msg, elapsed * 1000)
            )
        return list(w.tasks)

    def close(self, *, kill: bool) -> None:
        for i, w in enumerate(self.slots):
            if w is not None:
                w.stop(kill=kill or bool(w.tasks))
                self.slots[i] = None


# --- the runs -----------------------------------------------------------------------------------


def clean_many(
    items: Iterable[Any],
    *,
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    pipeline: Pipeline | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    start_method: str | None = None,
) -> Generator[Result, None, None]:
    """Clean every page of ``items`` and yield one :class:`Result` per page, in input order.

    Each item is a page (``str`` or ``bytes``), an ``(id, raw)`` or ``(id, raw, url)`` tuple, or
    a mapping with ``raw`` and optional ``id``, ``url`` and ``charset`` keys. ``id`` defaults to the index. ``charset`` is the charset of the HTTP
    response's Content-Type (WARC records carry it): :func:`newsclean.clean` tries it first for
    bytes and trusts it only when the bytes decode under it; it does nothing for ``str`` pages.

    ``jobs`` worker processes clean pages in parallel; ``timeout`` (seconds per page) kills and
    replaces a worker stuck on a page, which is reported with status ``timeout``. With
    ``jobs=1`` and ``timeout=None`` everything runs in this process (no isolation; a custom
    ``pipeline`` then need not be picklable). ``batch_size`` pages go to a worker at a time
    (each worker holds at most two such chunks). The input is read at most
    ``4 * jobs * batch_size`` items ahead of the last result yielded, pages and finished
    results included, so memory stays flat and the input may be an endless iterator.

    An item whose page is an exception instance (a reader that failed on that record) is
    reported as rejected with that exception's type and message (and its ``reason``
    attribute, else ``bad-item``). Malformed items and pages that newsclean refuses (undecodable, over ``max_bytes``) become
    ``rejected`` results; any other exception an ``error`` result. The count of results always
    equals the count of items; exceptions raised by the input iterator itself propagate.
    Close the returned generator (or exhaust it) to stop the worker processes early.
    ``start_method`` picks the multiprocessing start method (default forkserver, else spawn).
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if timeout is not None and timeout <= 0:
        raise ValueError(f"timeout must be positive seconds or None, not {timeout}")
    if jobs == 1 and timeout is None:
        return _run_inline(items, pipeline, max_bytes)
    if pipeline is not None:
        try:
            pickle.dumps(pipeline)
        except Exception as exc:
            raise TypeError(
                f"the pipeline cannot be sent to worker processes ({exc}); make its stages "
                "module-level functions or callable objects, or run with jobs=1, timeout=None"
            ) from exc
    return _run_pool(items, jobs, timeout, _Cleaner(pipeline, max_bytes), batch_size, start_method)


def _run_inline(
    items: Iterable[Any], pipeline: Pipeline | None, max_bytes: int | None
) -> Generator[Result, None, None]:
    for index, item in enumerate(items):
        key, raw, url, charset, problem = _normalize(index, item)
        if raw is None or problem is not None:
            yield _bad_item(index, key, url, problem or ("InputError", "bad-item", "no page"))
            continue
        outcome = _clean_one(index, raw, url, charset, pipeline, max_bytes, as_json=False)
        yield _result(outcome, key, url)


def _run_pool(
    items: Iterable[Any],
    jobs: int,
    timeout: float | None,
    work: _Work,
    batch_size: int,
    start_method: str | None,
) -> Generator[Result, None, None]:
    source = iter(items)
    window = 4 * jobs * batch_size
    pool = _Pool(jobs, timeout, work, start_method)
    pending: deque[_Task] = deque()
    finished: dict[int, Result] = {}
    meta: dict[int, tuple[Any, str | None]] = {}
    next_in = next_out = 0
    exhausted = False
    completed = False
    try:
        while True:
            # read more input while the window allows
            while not exhausted and next_in - next_out < window:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                key, raw, url, charset, problem = _normalize(next_in, item)
                if raw is None or problem is not None:
                    problem = problem or ("InputError", "bad-item", "no page")
                    finished[next_in] = _bad_item(next_in, key, url, problem)
                else:
                    meta[next_in] = (key, url)
                    pending.append((next_in, raw, url, charset))
                next_in += 1
            # hand out work to idle workers; share the queue evenly near the end
            hungry = pool.hungry(batch_size)
            for slot in hungry:
                if not pending:
                    break
                share = -(-len(pending) // max(1, len(hungry)))
                size = max(1, min(batch_size, share))
                pool.dispatch(slot, [pending.popleft() for _ in range(min(size, len(pending)))])
            # yield what is ready, in order
            while next_out in finished:
                yield finished.pop(next_out)
                next_out += 1
            if exhausted and next_out == next_in:
                completed = True
                return
            if pool.busy() == 0 and not pending:
                continue  # everything waiting is already finished or more input is needed
            done, requeue = pool.poll()
            for outcome in done:
                key, url = meta.pop(outcome[0])
                finished[outcome[0]] = _result(outcome, key, url)
            pending.extendleft(reversed(requeue))
    finally:
        pool.close(kill=not completed)


# --- records (JSONL rows, Dask bags, Spark partitions) -----------------------------------------


def clean_records(
    records: Iterable[Any],
    *,
    html_field: str = "html",
    url_field: str = "url",
    id_field: str = "id",
    charset_field: str | None = None,
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    pipeline: Pipeline | None = None,
) -> Iterator[dict[str, Any]]:
    """Clean rows (mappings, or Spark ``Row`` objects) into JSON-ready result dicts.

    Each output is :meth:`Result.to_record`: ``{"id", "url", "status", "ms", "article"}`` with
    the article as a dict, or ``{..., "error": {"type", "reason", "message"}}``. This is the
    partition function for ``dask.bag.Bag.map_partitions`` and ``RDD.mapPartitions``.
    ``charset_field`` names a column holding the HTTP charset of pages stored as bytes (such
    as a WARC record's Content-Type charset); it is off by default.
    """

    def items() -> Iterator[dict[str, Any]]:
        for rec in records:
            row = rec.asDict() if hasattr(rec, "asDict") else rec
            yield {
                "id": row.get(id_field),
                "raw": row.get(html_field),
                "url": row.get(url_field),
                "charset": row.get(charset_field) if charset_field else None,
            }

    for res in clean_many(
        items(), jobs=jobs, timeout=timeout, max_bytes=max_bytes, pipeline=pipeline
    ):
        yield res.to_record()
