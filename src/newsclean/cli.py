"""The ``newsclean`` command: clean one page, or a whole batch into JSONL.

Run ``newsclean --help`` for the options; docs/cli.md has the long form.
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import gzip
import importlib
import io
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn, TextIO

from . import __version__
from .core import DEFAULT_MAX_BYTES, clean, prepare
from .errors import NewscleanError
from .pipeline import Pipeline
from .runner import DEFAULT_TIMEOUT, Result, clean_many
from .warc import iter_warc

__all__ = ["main"]

PROG = "newsclean"
DEFAULT_GLOB = "*.html,*.htm,*.xhtml,*.md,*.markdown,*.txt,*.html.gz,*.htm.gz,*.md.gz,*.txt.gz"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 130, 141

DESCRIPTION = """\
Turn news pages (HTML, markdown dumps, plain text) into clean article records.

One FILE (or - for stdin) prints one article. A directory, several files, a JSONL
file or a WARC file is a batch: one JSON line per page is written, in input order,
with a summary on stderr."""

EPILOG = """\
examples:
  newsclean page.html                      article as JSON
  newsclean --format text page.html        title, blank line, body
  newsclean --format markdown page.html    the article as markdown
  curl -s https://example.org/story | newsclean --url https://example.org/story -
  newsclean --explain page.html            every block with its role, reason and stage
  newsclean pages/ -o articles.jsonl       a folder (recursive), one JSON line per page
  newsclean crawl.warc.gz --jobs 4 | jq -r 'select(.status == "ok") | .article.title'
  newsclean rows.jsonl.gz --html-field content --url-field link --id-field key

batch output lines:
  {"id": ..., "url": ..., "status": "ok", "ms": 12.3, "article": {...}}
  {"id": ..., "url": ..., "status": "rejected|error|timeout", "ms": ..., "error": {"type", "reason", "message"}}
  (a page rejected as not-an-article also carries its "article": the metadata, no body)

exit status: 0 done (rejected pages included), 1 a page failed (error or timeout) or the
single page could not be cleaned, 2 usage error or unreadable input, 130 interrupted."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{PROG}: error: {message} (see {PROG} --help)\n")
        raise SystemExit(EXIT_USAGE)


class _UsageError(Exception):
    """A problem with the command line or the input paths (exit status 2)."""


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation tools)."""
    p = _Parser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a page file, - for stdin, a directory, *.jsonl[.gz] or *.warc[.gz]",
    )
    p.add_argument("-V", "--version", action="version", version=f"%(prog)s {__version__}")
    one = p.add_argument_group("one page")
    one.add_argument(
        "-f",
        "--format",
        choices=("json", "text", "markdown"),
        metavar="FORMAT",
        help="output of a single page: json (default), text or markdown",
    )
    one.add_argument(
        "--explain",
        action="store_true",
        help="list every block with its role, reason code, stage and text instead",
    )
    one.add_argument("--url", help="address of the page (for relative links and the source)")
    common = p.add_argument_group("both")
    common.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    common.add_argument(
        "--max-bytes",
        type=_count,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse pages larger than N bytes, 0 for no limit (default {DEFAULT_MAX_BYTES:_})",
    )
    batch = p.add_argument_group("batch")
    batch.add_argument(
        "--batch",
        action="store_true",
        help="treat even a single page file (or stdin) as a batch: write one JSON line",
    )
    batch.add_argument(
        "-j",
        "--jobs",
        type=_count,
        default=1,
        metavar="N",
        help="worker processes, 0 for one per CPU (default 1)",
    )
    batch.add_argument(
        "--timeout",
        type=_positive_float,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"seconds a page may take before its worker is killed, 0 for no limit "
        f"(default {DEFAULT_TIMEOUT:g})",
    )
    batch.add_argument(
        "--glob",
        default=DEFAULT_GLOB,
        metavar="PATTERNS",
        help="comma-separated file name patterns taken from directories "
        "(default: html, htm, xhtml, md, markdown, txt, each optionally .gz)",
    )
    batch.add_argument(
        "--input-format",
        choices=("auto", "page", "jsonl", "warc"),
        default="auto",
        metavar="KIND",
        help="page, jsonl or warc; default auto: by file name (use it for stdin)",
    )
    batch.add_argument("--html-field", default="html", metavar="KEY", help="JSONL key of the page")
    batch.add_argument("--url-field", default="url", metavar="KEY", help="JSONL key of the URL")
    batch.add_argument("--id-field", default="id", metavar="KEY", help="JSONL key of the id")
    batch.add_argument(
        "--warc-backend",
        choices=("auto", "fastwarc", "warcio", "python"),
        default="auto",
        metavar="NAME",
        help="WARC reader: fastwarc, warcio or python (default: the first one installed)",
    )
    batch.add_argument(
        "-q", "--quiet", action="store_true", help="no progress display and no summary"
    )
    return p


# --- reading inputs -----------------------------------------------------------------------------


def _kind(name: str, forced: str) -> str:
    if forced != "auto":
        return forced
    low = name.lower().removesuffix(".gz")
    if low.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if low.endswith((".warc", ".arc")):
        return "warc"
    return "page"


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    # a .gz page stays compressed: the worker that cleans it decompresses it (in parallel,
    # bounded by --max-bytes), not this process
    return Path(path).read_bytes()


def _open_binary(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    return open(path, "rb")


def _walk(root: Path, patterns: list[str]) -> Iterator[Path]:
    """Files under ``root`` matching a pattern, recursively, in a stable (sorted) order."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if any(fnmatch.fnmatch(name, pat) for pat in patterns):
                yield Path(dirpath) / name


def _jsonl_items(path: str, args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    label = "stdin" if path == "-" else path
    with contextlib.ExitStack() as stack:
        fh = stack.enter_context(_open_binary(path)) if path != "-" else sys.stdin.buffer
        if path != "-" and path.lower().endswith(".gz"):
            fh = stack.enter_context(gzip.GzipFile(fileobj=fh, mode="rb"))
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            key: Any = f"{label}:{lineno}"
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError(
                        f"{label} line {lineno} is a JSON {type(row).__name__}, not an object"
                    )
            except ValueError as exc:
                yield {"id": key, "raw": ValueError(f"{label} line {lineno}: {exc}")}
                continue
            key = row.get(args.id_field, key)
            raw = row.get(args.html_field)
            if raw is None:
                raw = ValueError(
                    f"{label} line {lineno} has no {args.html_field!r} field "
                    f"(keys: {', '.join(sorted(row)) or 'none'}); pick one with --html-field"
                )
            yield {"id": key, "raw": raw, "url": row.get(args.url_field)}


def _warc_items(path: str, args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    label = "stdin" if path == "-" else path
    source: Any = sys.stdin.buffer if path == "-" else path
    for n, page in enumerate(iter_warc(source, backend=args.warc_backend)):
        # the HTTP Content-Type charset goes along: clean() tries it before the page's own
        yield {
            "id": page.record_id or f"{label}#{n}",
            "raw": page.html,
            "url": page.url,
            "charset": page.http_charset,
        }


class ReadError(Exception):
    """An input file that could not be read (to its end); reported, and the run goes on."""

    reason = "unreadable-file"


def _items(args: argparse.Namespace, patterns: list[str], failures: list[str]) -> Iterator[Any]:
    for path in args.inputs:
        if path != "-" and Path(path).is_dir():
            for file in _walk(Path(path), patterns):
                yield from _file_items(str(file), args, failures)
        else:
            yield from _file_items(path, args, failures)


def _file_items(path: str, args: argparse.Namespace, failures: list[str]) -> Iterator[Any]:
    """The items of one input file; a file that breaks off (truncated gzip, corrupt WARC,
    vanished) adds one rejected item saying so, is listed in ``failures``, and the run goes on."""
    kind = _kind(path, args.input_format)
    label = "stdin" if path == "-" else path
    count = 0
    try:
        if kind == "jsonl":
            for item in _jsonl_items(path, args):
                count += 1
                yield item
        elif kind == "warc":
            for record in _warc_items(path, args):
                count += 1
                yield record
        else:
            data = _read_bytes(path)
            count += 1
            yield {"id": path, "raw": data, "url": args.url}
    except Exception as exc:
        where = f" after {count} records" if kind != "page" else ""
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        msg = f"reading {label} failed{where}: {type(exc).__name__}: {detail}"
        failures.append(msg)
        yield {"id": f"{label}#unreadable", "raw": ReadError(msg)}


def _check_inputs(args: argparse.Namespace) -> None:
    if args.inputs.count("-") > 1:
        raise _UsageError("stdin (-) can be given only once")
    for path in args.inputs:
        if path == "-":
            continue
        p = Path(path)
        if not p.exists():
            raise _UsageError(f"cannot open {path!r}: no such file or directory")
        if not (p.is_file() or p.is_dir()):
            raise _UsageError(f"cannot read {path!r}: not a regular file or directory")
        if p.is_file() and not os.access(p, os.R_OK):
            raise _UsageError(f"cannot read {path!r}: permission denied")


# --- output -------------------------------------------------------------------------------------


def _open_output(path: str | None) -> TextIO:
    if path is None or path == "-":
        out = sys.stdout
        if isinstance(out, io.TextIOWrapper) and (out.encoding or "").lower() not in (
            "utf-8",
            "utf8",
        ):
            out.reconfigure(encoding="utf-8")
        return out
    try:
        return open(path, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise _UsageError(f"cannot write {path!r}: {exc.strerror or exc}") from exc


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _explain(raw: bytes, url: str | None, max_bytes: int | None) -> str:
    doc = Pipeline.default().run(prepare(raw, url=url, max_bytes=max_bytes))
    rows = [("#", "ROLE", "REASON", "STAGE", "WHERE", "TEXT")]
    for b in doc.blocks:
        rows.append(
            (
                str(b.index),
                b.role or "-",
                b.reason or "-",
                b.stage or "-",
                b.where or "-",
                _one_line(b.text),
            )
        )
    widths = [min(max(len(r[i]) for r in rows), 40) for i in range(5)]
    lines = []
    for r in rows:
        head = "  ".join(cell.ljust(w) for cell, w in zip(r[:5], widths, strict=False))
        lines.append(f"{head}  {r[5]}")
    counts = Counter(b.role or "-" for b in doc.blocks)
    lines.append("")
    lines.append(
        f"{len(doc.blocks)} blocks: " + ", ".join(f"{n} {role}" for role, n in counts.most_common())
    )
    for name, (value, origin) in doc.fields.items():
        if value not in (None, "", (), []):
            lines.append(f"{name}: {_one_line(str(_plain(value)))}  [{origin}]")
    for note in doc.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_plain(v)) for v in value)
    name = getattr(value, "name", None)
    return name if isinstance(name, str) else value


def _single(args: argparse.Namespace, out: TextIO) -> int:
    path = args.inputs[0]
    raw = _read_bytes(path)
    max_bytes = args.max_bytes or None
    if args.explain:
        out.write(_explain(raw, args.url, max_bytes))
        return EXIT_OK
    article = clean(raw, url=args.url, max_bytes=max_bytes)
    fmt = args.format or "json"
    if fmt == "json":
        out.write(article.model_dump_json(indent=2) + "\n")
    elif fmt == "markdown":
        out.write(article.to_markdown())
    else:
        text = (article.title or "") + "\n\n" + article.body
        out.write(text.strip("\n") + "\n")
    return EXIT_OK


class _Progress:
    """Progress on stderr: tqdm when installed, else a counter line; nothing when not a TTY."""

    def __init__(self, enabled: bool) -> None:
        self.bar: Any = None
        self.enabled = enabled
        self.count = 0
        self.t0 = time.monotonic()
        self.shown = 0.0
        if enabled:
            try:
                tqdm: Any = importlib.import_module("tqdm")
            except ImportError:
                return
            self.bar = tqdm.tqdm(
                unit="page", file=sys.stderr, dynamic_ncols=True, smoothing=0.1, leave=False
            )

    def update(self, res: Result) -> None:
        self.count += 1
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(1)
            return
        now = time.monotonic()
        if now - self.shown >= 0.5:
            self.shown = now
            rate = self.count / max(now - self.t0, 1e-9)
            sys.stderr.write(f"\r{PROG}: {self.count} pages, {rate:.1f} pages/s")
            sys.stderr.flush()

    def close(self) -> None:
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.close()
        elif self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _summary(
    counts: Counter[str], reasons: Counter[str], errors: Counter[str], seconds: float
) -> str:
    pages = sum(counts.values())
    rate = pages / seconds if seconds > 0 else 0.0
    parts = [f"{counts['ok']} ok"]
    for status, detail in (("rejected", reasons), ("error", errors)):
        text = f"{counts[status]} {status}"
        if detail:
            text += " (" + ", ".join(f"{k}: {v}" for k, v in detail.most_common()) + ")"
        parts.append(text)
    parts.append(f"{counts['timeout']} timeout")
    return (
        f"{PROG}: {pages} pages in {seconds:.1f} s ({rate:.1f} pages/s): " + ", ".join(parts) + "\n"
    )


def _batch(args: argparse.Namespace, out: TextIO) -> int:
    patterns = [p.strip() for p in args.glob.split(",") if p.strip()]
    jobs = args.jobs or os.cpu_count() or 1
    timeout = args.timeout or None
    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    progress = _Progress(enabled=not args.quiet and sys.stderr.isatty())
    failures: list[str] = []
    t0 = time.monotonic()
    results = clean_many(
        _items(args, patterns, failures),
        jobs=jobs,
        timeout=timeout,
        max_bytes=args.max_bytes or None,
    )
    try:
        for res in results:
            out.write(res.to_json() + "\n")
            counts[res.status] += 1
            if res.status == "rejected":
                reasons[res.reason or res.error_type or "?"] += 1
            elif res.status == "error":
                errors[res.error_type or "?"] += 1
            progress.update(res)
        out.flush()
    finally:
        results.close()
        progress.close()
    for msg in failures:
        sys.stderr.write(f"{PROG}: error: {msg}\n")
    if not args.quiet:
        sys.stderr.write(_summary(counts, reasons, errors, time.monotonic() - t0))
    return EXIT_FAILED if counts["error"] or counts["timeout"] or failures else EXIT_OK


def _quiet_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so the final flush stays silent."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    kinds = {_kind(p, args.input_format) for p in args.inputs if not Path(p).is_dir() or p == "-"}
    batch = (
        args.batch
        or len(args.inputs) > 1
        or any(p != "-" and Path(p).is_dir() for p in args.inputs)
        or bool(kinds & {"jsonl", "warc"})
    )
    out: TextIO | None = None
    try:
        if batch and (args.explain or args.format not in (None, "json")):
            raise _UsageError(
                "--format text/markdown and --explain take a single page; a batch writes JSON lines"
            )
        if args.url and (len(args.inputs) > 1 or (batch and kinds != {"page"})):
            raise _UsageError(
                "--url names one page; in a batch, URLs come from JSONL or WARC records"
            )
        _check_inputs(args)
        out = _open_output(args.output)
        return _batch(args, out) if batch else _single(args, out)
    except _UsageError as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return EXIT_USAGE
    except NewscleanError as exc:
        sys.stderr.write(f"{PROG}: error: {_one_line(str(exc))}\n")
        return EXIT_FAILED
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE
    except KeyboardInterrupt:
        sys.stderr.write(f"\n{PROG}: interrupted\n")
        return EXIT_INTERRUPTED
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        sys.stderr.write(f"{PROG}: error: {exc.strerror or exc}{where}\n")
        return EXIT_FAILED
    except Exception as exc:  # a bug: one line, unless NEWSCLEAN_DEBUG asks for the traceback
        if os.environ.get("NEWSCLEAN_DEBUG"):
            raise
        sys.stderr.write(
            f"{PROG}: error: unexpected {type(exc).__name__}: {_one_line(str(exc))} "
            "(please report it; NEWSCLEAN_DEBUG=1 shows the traceback)\n"
        )
        return EXIT_FAILED
    finally:
        if out is not None and out is not sys.stdout:
            with contextlib.suppress(OSError):
                out.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
