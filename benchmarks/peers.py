"""Run comparison peers over a corpus folder (development-corpus format) and write predictions.

    python benchmarks/peers.py ../shared/eval/dev --shape html --peers trafilatura,readability
    python ../shared/eval/score.py benchmarks/out/trafilatura-html.jsonl ../shared/eval/dev/cases.jsonl

Each peer runs in this process, one page at a time; with several peers the pages are
interleaved (page 1 through every peer, then page 2, ...), the order of the peers rotating
from page to page so that no peer always runs first. ``ms`` times the peer's extraction call
only: reading and gunzipping the page happen before, turning the peer's answer into the
prediction's fields (JSON parsing, HTML to text) after. A peer that raises on a page (or runs
past ``--timeout``) gets an ``error`` in that page's line and the run goes on. Each line also
has ``cpu_ms``, the process CPU time of the same call: steadier than ``ms`` on a busy machine.

Peers (all with their defaults):

- ``trafilatura`` (html): ``trafilatura.extract(html, url=..., output_format="json",
  with_metadata=True)``; title, author (split on ";"), date, text (comments are not body).
- ``trafilatura`` (md, txt): the same call on the text with each block (markdown: blank-line
  separated paragraph; text: line) HTML-escaped and wrapped in ``<p>``, as the corpus README's
  ``trafilatura_wrap`` row: trafilatura on its own rejects plain text.
- ``trafilatura_unwrapped`` (md, txt): the text fed to trafilatura as is (not run by default).
- ``readability`` (html): readability-lxml ``Document(html).summary()`` as text (one block per
  block element) and ``.short_title()``; no authors or date.
- ``newspaper4k`` (html): ``Article(url, fetch_images=False).download(input_html=html);
  .parse()`` (by default it downloads the page's images to pick a top image: network, and no
  part of the text).
- ``goose3`` (html): ``Goose().extract(raw_html=html)``, ``cleaned_text``.
- ``raw`` (md, txt): the floor, the input text as it is (body only).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html as htmlmod
import json
import re
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

SUFFIX = {"html": ".html.gz", "md": ".md.gz", "txt": ".txt.gz"}
SHAPES = ("html", "md", "txt")
PLACEHOLDER_URL = "https://example.invalid/article"

# newspaper4k warns on import that its optional NLP extra is missing; we do not use it
warnings.filterwarnings("ignore", message="nltk is not installed")

Fields = dict[str, Any]
Case = dict[str, Any]


# ------------------------------------------------------------------ corpus ----


def load_cases(corpus: Path) -> list[Case]:
    """The corpus's ``cases.jsonl`` as a list of dicts."""
    lines = (corpus / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines if x.strip()]


def input_path(corpus: Path, case: Case, shape: str) -> Path:
    """Where the page of ``case`` in ``shape`` lives."""
    return corpus / (str(case["html"]).removesuffix(".html.gz") + SUFFIX[shape])


def read_input(corpus: Path, case: Case, shape: str) -> bytes | None:
    """The page's bytes (gunzipped), or None when the corpus has no such rendition."""
    path = input_path(corpus, case, shape)
    if not path.exists():
        return None
    return gzip.decompress(path.read_bytes())


def case_url(case: Case) -> str | None:
    return str(case.get("url") or "") or None


# ------------------------------------------------------------------ timeout ----


class PageTimeout(Exception):
    """A peer ran past the per-page time limit."""


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`PageTimeout` in the running code after ``seconds`` (Unix, main thread).

    Elsewhere (or with ``seconds`` None/0) this does nothing.
    """
    usable = (
        seconds
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise PageTimeout(f"over {seconds:g} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, float(seconds or 0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# ------------------------------------------------------------------ helpers ----

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr",
    "ul",
}  # fmt: skip


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one block element per paragraph."""
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in BLOCK_TAGS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
        elif el.tag == "br":
            el.tail = "\n" + (el.tail or "")
    text = root.text_content()
    paras = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paras if p)


def decode_html(raw: bytes) -> str:
    """Bytes to text the way trafilatura guesses the charset (for peers that want str)."""
    from trafilatura.utils import decode_file

    out = decode_file(raw)
    return out if isinstance(out, str) else raw.decode("utf-8", "replace")


def wrap_blocks(raw: bytes, shape: str) -> str:
    """Markdown/text as an HTML page, each block (md: paragraph, txt: line) in ``<p>``."""
    text = raw.decode("utf-8", "replace")
    blocks = re.split(r"\n\s*\n", text) if shape == "md" else text.splitlines()
    paras = (" ".join(b.split()) for b in blocks)
    body = "\n".join(f"<p>{htmlmod.escape(p)}</p>" for p in paras if p)
    return f"<html><body>{body}</body></html>"


def iso(value: object) -> str | None:
    """A date/datetime (or a string) as ISO 8601; naive datetimes are left naive."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def split_authors(value: object) -> list[str]:
    if not value:
        return []
    if isinstance(value, list | tuple):
        return [str(x).strip() for x in value if str(x).strip()]
    return [x.strip() for x in str(value).split(";") if x.strip()]


# ------------------------------------------------------------------ peers ----


@dataclass(frozen=True)
class Peer:
    """A comparison tool: ``extract`` is the timed call, ``convert`` makes the fields."""

    name: str
    shapes: tuple[str, ...]
    extract: Callable[[bytes, str | None, str], Any]  # (raw, url, shape) -> tool's answer
    convert: Callable[[Any], Fields]  # tool's answer -> title/authors/published/body
    provides: frozenset[str]  # fields the tool gives at all (others shown as "–")
    package: str | None = None  # distribution name, for the version and the "installed" check


def _trafilatura_extract(raw: bytes, url: str | None, shape: str) -> Any:
    import trafilatura

    src: bytes | str = raw if shape == "html" else wrap_blocks(raw, shape)
    return trafilatura.extract(src, url=url, output_format="json", with_metadata=True)


def _trafilatura_unwrapped(raw: bytes, url: str | None, shape: str) -> Any:
    import trafilatura

    return trafilatura.extract(raw, url=url, output_format="json", with_metadata=True)


def _trafilatura_convert(out: Any) -> Fields:
    if not out:
        return {"title": None, "authors": [], "published": None, "body": ""}
    j = json.loads(out)
    return {
        "title": j.get("title"),
        "authors": split_authors(j.get("author")),
        "published": j.get("date"),
        "body": j.get("text") or "",
    }


def _readability_extract(raw: bytes, url: str | None, shape: str) -> Any:
    from readability import Document

    doc = Document(raw, url=url)
    return doc.summary(), doc.short_title()


def _readability_convert(out: Any) -> Fields:
    summary, title = out
    return {"title": title, "authors": [], "published": None, "body": html_to_text(summary)}


def _newspaper_extract(raw: bytes, url: str | None, shape: str) -> Any:
    from newspaper import Article

    # fetch_images=False: by default parse() downloads every candidate image to size it, which
    # here (no network) costs seconds per page in failed requests and is no part of the text
    art = Article(url or PLACEHOLDER_URL, fetch_images=False)
    art.download(input_html=decode_html(raw))
    art.parse()
    return art


def _newspaper_convert(art: Any) -> Fields:
    return {
        "title": art.title,
        "authors": split_authors(art.authors),
        "published": iso(art.publish_date),
        "body": art.text or "",
    }


_GOOSE: list[Any] = []


def _goose_extract(raw: bytes, url: str | None, shape: str) -> Any:
    if not _GOOSE:
        from goose3 import Goose

        _GOOSE.append(Goose())  # one instance for the run, like a crawler would keep
    return _GOOSE[0].extract(raw_html=decode_html(raw))


def _goose_convert(art: Any) -> Fields:
    when = art.publish_datetime_utc
    if isinstance(when, datetime) and when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return {
        "title": art.title,
        "authors": split_authors(art.authors),
        "published": iso(when) or iso(art.publish_date),
        "body": art.cleaned_text or "",
    }


def _raw_extract(raw: bytes, url: str | None, shape: str) -> Any:
    return raw.decode("utf-8", "replace")


def _raw_convert(text: Any) -> Fields:
    return {"title": None, "authors": [], "published": None, "body": text}


ALL_FIELDS = frozenset({"title", "authors", "published", "body"})

_TITLE_BODY = frozenset({"title", "body"})
PEERS: dict[str, Peer] = {
    p.name: p
    for p in (
        Peer(
            "trafilatura", SHAPES, _trafilatura_extract, _trafilatura_convert, ALL_FIELDS,
            package="trafilatura",
        ),
        Peer(
            "trafilatura_unwrapped", ("md", "txt"), _trafilatura_unwrapped, _trafilatura_convert,
            ALL_FIELDS, package="trafilatura",
        ),
        Peer(
            "readability", ("html",), _readability_extract, _readability_convert, _TITLE_BODY,
            package="readability-lxml",
        ),
        Peer(
            "newspaper4k", ("html",), _newspaper_extract, _newspaper_convert, ALL_FIELDS,
            package="newspaper4k",
        ),
        Peer("goose3", ("html",), _goose_extract, _goose_convert, ALL_FIELDS, package="goose3"),
        Peer("raw", ("md", "txt"), _raw_extract, _raw_convert, frozenset({"body"})),
    )
}  # fmt: skip
DEFAULT_PEERS = ("trafilatura", "readability", "newspaper4k", "goose3", "raw")


def version_of(package: str | None) -> str | None:
    """Installed version of a distribution, None when it is not installed."""
    if package is None:
        return "-"
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def installed(peer: Peer) -> bool:
    return version_of(peer.package) is not None


def run_peer(peer: Peer, case: Case, raw: bytes, shape: str, timeout: float | None) -> Fields:
    """One prediction line for ``score.py``; exceptions become ``error``."""
    url = case_url(case)
    try:
        with deadline(timeout):
            t0, c0 = time.perf_counter(), time.process_time()
            out = peer.extract(raw, url, shape)
            ms = (time.perf_counter() - t0) * 1000
            cpu_ms = (time.process_time() - c0) * 1000
    except PageTimeout:
        return {"id": case["id"], "error": "timeout"}
    except Exception as exc:  # a peer failing on a page is a result, not a crash
        return {"id": case["id"], "error": f"{type(exc).__name__}: {exc}"[:300]}
    try:
        fields = peer.convert(out)
    except Exception as exc:
        err = f"convert: {type(exc).__name__}: {exc}"[:300]
        return {"id": case["id"], "error": err, "ms": ms, "cpu_ms": cpu_ms}
    return {"id": case["id"], **fields, "ms": ms, "cpu_ms": cpu_ms}


# ------------------------------------------------------------------ running ----

Runner = Callable[[Case, bytes], Fields]


def interleaved(
    corpus: Path,
    cases: list[Case],
    shape: str,
    runners: dict[str, Runner],
    out_paths: dict[str, Path],
    *,
    progress: bool = True,
) -> None:
    """Run every runner on every page, page by page, writing one JSONL file per runner.

    The runners' order rotates by one each page. Each runner first runs once on the first
    page that has input, untimed and unrecorded (imports, lazy tables, caches).
    """
    names = list(runners)
    warm = next(((c, r) for c in cases if (r := read_input(corpus, c, shape)) is not None), None)
    if warm is not None:
        for name in names:
            with contextlib.suppress(Exception):
                runners[name](*warm)
    with contextlib.ExitStack() as stack:
        files = {n: stack.enter_context(out_paths[n].open("w", encoding="utf-8")) for n in names}
        for i, case in enumerate(cases):
            raw = read_input(corpus, case, shape)
            k = i % len(names)
            for name in names[k:] + names[:k]:
                if raw is None:
                    line: Fields = {"id": case["id"], "error": "no input"}
                else:
                    try:
                        line = runners[name](case, raw)
                    except Exception as exc:
                        line = {"id": case["id"], "error": f"{type(exc).__name__}: {exc}"[:300]}
                files[name].write(json.dumps(line, ensure_ascii=False) + "\n")
            if progress and ((i + 1) % 20 == 0 or i + 1 == len(cases)):
                print(f"  {shape}: {i + 1}/{len(cases)} pages", file=sys.stderr, flush=True)


def peer_runner(peer: Peer, shape: str, timeout: float | None) -> Runner:
    def run(case: Case, raw: bytes) -> Fields:
        return run_peer(peer, case, raw, shape, timeout)

    return run


def select_peers(spec: str, shape: str | None = None, *, warn: bool = True) -> list[Peer]:
    """Peers named in ``spec`` (comma-separated, or "all"), installed, for ``shape``."""
    names = list(PEERS) if spec == "all" else [x.strip() for x in spec.split(",") if x.strip()]
    out = []
    for name in names:
        if name not in PEERS:
            raise SystemExit(f"unknown peer {name!r}; known: {', '.join(PEERS)}")
        peer = PEERS[name]
        if not installed(peer):
            if warn:
                print(f"skipping {name}: {peer.package} is not installed", file=sys.stderr)
            continue
        if shape is None or shape in peer.shapes:
            out.append(peer)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join((__doc__ or "").splitlines()[1:]),
    )
    ap.add_argument("corpus", type=Path, help="folder with cases.jsonl")
    ap.add_argument("--shape", choices=SHAPES, default="html")
    ap.add_argument(
        "--peers",
        default=",".join(DEFAULT_PEERS),
        help=f"comma-separated, or 'all' (default: {','.join(DEFAULT_PEERS)}; "
        "peers that do not take the shape or are not installed are skipped)",
    )
    ap.add_argument("--out-dir", type=Path, default=Path("benchmarks/out"))
    ap.add_argument("--only", help="comma-separated case ids")
    ap.add_argument("--limit", type=int, help="first N pages only")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per page and peer")
    args = ap.parse_args()
    cases = load_cases(args.corpus)
    if args.only:
        only = set(args.only.split(","))
        cases = [c for c in cases if c["id"] in only]
    if args.limit:
        cases = cases[: args.limit]
    peers = select_peers(args.peers, args.shape)
    if not peers:
        raise SystemExit(f"no installed peer takes the {args.shape} shape")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    runners = {p.name: peer_runner(p, args.shape, args.timeout) for p in peers}
    paths = {p.name: args.out_dir / f"{p.name}-{args.shape}.jsonl" for p in peers}
    interleaved(args.corpus, cases, args.shape, runners, paths)
    for name, path in paths.items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()
