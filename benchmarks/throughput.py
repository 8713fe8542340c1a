"""Batch throughput and memory: newsclean against trafilatura, both through the same worker pool.

    python benchmarks/throughput.py                 # pages/s, in-process and jobs 1, 2 (~3 min)
    python benchmarks/throughput.py --long          # and peak memory over the corpus x50 (~8,000 pages)
    python benchmarks/throughput.py --warc-readers  # MB/s of the fastwarc, warcio and built-in readers
    python benchmarks/throughput.py --tools null    # the harness alone (reading pages, the pool)
    python benchmarks/throughput.py --rounds 5 --repeat 1   # the tools alternated, 5 rounds

With ``--rounds N`` every configuration runs N times, newsclean's and trafilatura's runs of a
configuration back to back (which one goes first alternates from round to round), and the
ratios are taken per round and reported as their median: on a shared host whose speed drifts by
tens of percent within minutes, a ratio of two runs seconds apart is what the drift cannot bias,
while one run of each tool minutes apart (the default, one round) can be off by 30 %.

Every configuration runs in a fresh child process (``--child``) so that each one starts from a
cold interpreter and its memory is measured alone. The parent samples, every 0.2 s, the RSS and
PSS (``/proc/<pid>/smaps_rollup``) of the child and all its descendants (forkserver, workers)
and reports the peaks. Pages are read lazily from the corpus (``cases.jsonl`` + gzipped HTML)
on every pass, so the input itself takes no memory however often the corpus is repeated. They
are handed over as stored, gzip-compressed, and each tool's worker decompresses its own pages
(newsclean's ``clean()`` takes gzip input; the trafilatura wrapper calls ``gzip.decompress``),
as a crawl pipeline decompresses in its workers: both rows include it, the parent does not.

Both tools run through newsclean's own pool (``newsclean.runner._run_pool``, what
``clean_many(jobs=N, timeout=30)`` uses): same batching, IPC, ordering and per-page timeouts.
newsclean returns the Article as JSON text; trafilatura ``extract(html, url=url)`` with its
default settings returns the body text. "in-process" is a plain loop without workers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"
WARMUP = (
    "<html><body><h1>Warm-up</h1><p>A short paragraph for the extractor to load.</p></body></html>"
)


# --- the work -----------------------------------------------------------------------------------


class TrafilaturaWork:
    """trafilatura.extract as a pool work function (picklable, with warm-up and preload)."""

    preload = ("newsclean.runner", "trafilatura")

    def warmup(self) -> None:
        import trafilatura

        trafilatura.extract(WARMUP)

    def __call__(
        self, index: int, raw: str | bytes, url: str | None, charset: str | None = None
    ) -> tuple[Any, ...]:
        # the pool passes the item's HTTP charset; trafilatura.extract takes none (the corpus
        # pages carry none either, so both tools decode the same bytes the same way)
        import trafilatura

        t0 = time.perf_counter()
        try:
            if isinstance(raw, bytes) and raw[:2] == b"\x1f\x8b":
                raw = gzip.decompress(raw)  # what newsclean's clean() does with gzip input
            text = trafilatura.extract(raw, url=url)
        except Exception as exc:
            return (index, "error", None, type(exc).__name__, None, str(exc), 0.0)
        ms = (time.perf_counter() - t0) * 1000
        if text is None:
            return (index, "rejected", None, "NoText", "no-text", "trafilatura found no text", ms)
        return (index, "ok", text, None, None, None, ms)


class NullWork:
    """Does nothing with the page: what the harness itself costs (reading the corpus, the pool's
    processes, IPC), to read the two tools' rows against."""

    preload = ("newsclean.runner",)

    def __call__(
        self, index: int, raw: str | bytes, url: str | None, charset: str | None = None
    ) -> tuple[Any, ...]:
        return (index, "ok", "", None, None, None, 0.0)


def newsclean_work() -> Any:
    from newsclean.runner import _Cleaner

    return _Cleaner(None, None)


def pages(corpus: Path, repeat: int) -> Iterator[tuple[str, bytes, str | None]]:
    """The corpus pages, ``repeat`` times, read from disk lazily."""
    cases = [json.loads(x) for x in (corpus / "cases.jsonl").read_text().splitlines() if x.strip()]
    for r in range(repeat):
        for c in cases:
            # passed as stored, gzip-compressed: each tool's worker decompresses its pages
            # (clean() takes gzip input; the trafilatura wrapper calls gzip.decompress)
            yield (f"{r}:{c['id']}", (corpus / c["html"]).read_bytes(), c.get("url"))


def child(tool: str, jobs: int, repeat: int, corpus: Path) -> None:
    """Run one configuration and print one JSON line: pages, seconds, statuses."""
    from newsclean.runner import _run_pool

    work = {"trafilatura": TrafilaturaWork, "null": NullWork}.get(tool, newsclean_work)()
    statuses: Counter[str] = Counter()
    n = 0
    t0 = time.perf_counter()
    if jobs == 0:  # in-process
        getattr(work, "warmup", lambda: None)()
        t0 = time.perf_counter()
        for i, (_, raw, url) in enumerate(pages(corpus, repeat)):
            statuses[work(i, raw, url, None)[1]] += 1
            n += 1
    else:
        for res in _run_pool(pages(corpus, repeat), jobs, 30.0, work, 4, None):
            assert res.index == n, "results out of order"
            statuses[res.status] += 1
            n += 1
    seconds = time.perf_counter() - t0
    print(json.dumps({"pages": n, "seconds": seconds, "statuses": dict(statuses)}), flush=True)


# --- measuring ----------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out += [int(x) for x in fh.read().split()]
        except OSError:
            continue
    return out


def _tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


def _cpu_seconds(pid: int) -> float:
    """user + system CPU time of one process so far."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def _kb(path: str, key: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class Sampler(threading.Thread):
    """Samples RSS and PSS of a process tree every ``every`` seconds."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, int, int, int]] = []  # (t, rss kB, pss kB, processes)
        self.stop = threading.Event()
        #: last CPU seconds seen per process of the tree (processes come and go)
        self.cpu: dict[int, float] = {}

    def run(self) -> None:
        t0 = time.monotonic()
        while not self.stop.is_set():
            pids = _tree(self.pid)
            rss = sum(_kb(f"/proc/{p}/status", "VmRSS:") for p in pids)
            pss = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
            self.samples.append((time.monotonic() - t0, rss, pss, len(pids)))
            for p in pids:
                self.cpu[p] = max(self.cpu.get(p, 0.0), _cpu_seconds(p))
            self.stop.wait(self.every)


def measure(tool: str, jobs: int, repeat: int, corpus: Path) -> dict[str, Any]:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        tool,
        str(jobs),
        str(repeat),
        "--corpus",
        str(corpus),
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    out, _ = proc.communicate()
    sampler.stop.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"child {cmd} failed with {proc.returncode}")
    res: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    s = sampler.samples
    res["peak_rss_mb"] = max(x[1] for x in s) / 1024
    res["peak_pss_mb"] = max(x[2] for x in s) / 1024
    if len(s) >= 8:  # flatness: peak PSS in the 2nd quarter of the run vs the last quarter
        q = len(s) // 4
        res["pss_q2_mb"] = max(x[2] for x in s[q : 2 * q]) / 1024
        res["pss_q4_mb"] = max(x[2] for x in s[3 * q :]) / 1024
    res["rate"] = res["pages"] / res["seconds"]
    res["cpu_ms_per_page"] = 1000 * sum(sampler.cpu.values()) / max(1, res["pages"])
    return res


def _merge(
    rows: dict[tuple[str, str], dict[str, Any]], key: tuple[str, str], r: dict[str, Any]
) -> None:
    """Add one run to ``rows``: pages and seconds summed over rounds, peaks the highest."""
    old = rows.get(key)
    if old is None:
        rows[key] = dict(r)
        return
    cpu = old["cpu_ms_per_page"] * old["pages"] + r["cpu_ms_per_page"] * r["pages"]
    old["pages"] += r["pages"]
    old["seconds"] += r["seconds"]
    old["rate"] = old["pages"] / old["seconds"]
    old["cpu_ms_per_page"] = cpu / old["pages"]
    for k in ("peak_rss_mb", "peak_pss_mb"):
        old[k] = max(old[k], r[k])
    old["statuses"] = dict(Counter(old["statuses"]) + Counter(r["statuses"]))


def warc_readers(corpus: Path, repeat: int) -> None:
    """Time every installed WARC backend on the corpus written as .warc.gz and .warc."""
    import tempfile
    import uuid

    from newsclean.warc import available_backends, iter_warc

    def record(url: str, html: bytes) -> bytes:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(
            html
        )
        http += html
        head = (
            f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Target-URI: {url}\r\nWARC-Date: 2025-01-01T00:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
        )
        return head.encode() + http + b"\r\n\r\n"

    with tempfile.TemporaryDirectory() as tmp:
        gz, plain = Path(tmp) / "c.warc.gz", Path(tmp) / "c.warc"
        size = 0
        with gz.open("wb") as fz, plain.open("wb") as fp:
            for _, raw, url in pages(corpus, repeat):
                rec = record(url or "https://example.org/", raw)
                fz.write(gzip.compress(rec))
                fp.write(rec)
                size += len(raw)
        print(
            f"# WARC readers: {size / 1e6:.0f} MB of HTML in {gz.stat().st_size / 1e6:.0f} MB .warc.gz"
        )
        for path in (gz, plain):
            ref = None
            for backend in available_backends():
                t0 = time.perf_counter()
                got = [(p.url, p.html) for p in iter_warc(path, backend=backend)]  # type: ignore[arg-type]
                dt = time.perf_counter() - t0
                ref = ref or got
                print(
                    f"{path.name:10} {backend:9} {len(got)} pages {dt:6.2f} s "
                    f"{size / dt / 1e6:7.0f} MB/s  same pages: {got == ref}"
                )


def _compile_newsclean() -> None:
    """Byte-compile newsclean's modules, as ``pip install`` does for every package it installs.

    From a source checkout (an editable install) under ``PYTHONDONTWRITEBYTECODE=1`` no
    ``.pyc`` is ever written, and every process of every run compiled newsclean's source again
    on import (2.1 M instructions a page in-process on the corpus x1) while trafilatura's
    site-packages came precompiled. ``compileall`` writes the cache whatever that variable says.
    """
    import compileall

    import newsclean

    compileall.compile_dir(Path(newsclean.__file__).parent, quiet=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with cases.jsonl")
    ap.add_argument("--repeat", type=int, default=2, help="corpus passes for the speed runs")
    ap.add_argument("--long", action="store_true", help="also the long memory run (jobs 2)")
    ap.add_argument("--long-repeat", type=int, default=50, help="corpus passes for --long")
    ap.add_argument("--tools", default="newsclean,trafilatura")
    ap.add_argument(
        "--rounds", type=int, default=1, help="alternate the tools' runs this many times"
    )
    ap.add_argument("--warc-readers", action="store_true", help="only time the WARC backends")
    ap.add_argument("--child", nargs=3, metavar=("TOOL", "JOBS", "REPEAT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), int(args.child[2]), args.corpus)
        return
    if args.warc_readers:
        warc_readers(args.corpus, 5)
        return
    tools = args.tools.split(",")
    _compile_newsclean()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"# {platform.python_version()}, {os.cpu_count()} CPUs, load average {load:.2f} at start; "
        f"corpus {args.corpus} x{args.repeat}"
    )
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    per_round: dict[str, list[tuple[float, float]]] = {}  # label -> (speed, CPU) ratios a round
    for rnd in range(args.rounds):
        for jobs in (0, 1, 2):
            label = "in-process" if jobs == 0 else f"jobs={jobs}"
            run: dict[str, dict[str, Any]] = {}
            for tool in tools if rnd % 2 == 0 else tools[::-1]:
                r = run[tool] = measure(tool, jobs, args.repeat, args.corpus)
                _merge(rows, (tool, label), r)
                prefix = f"[{rnd + 1}/{args.rounds}] " if args.rounds > 1 else ""
                print(
                    f"{prefix}{tool:12} {label:10} {r['pages']:6} pages {r['seconds']:7.1f} s "
                    f"{r['rate']:7.1f} pages/s {r['cpu_ms_per_page']:6.1f} CPU ms/page  peak RSS {r['peak_rss_mb']:6.0f} MB  "
                    f"PSS {r['peak_pss_mb']:6.0f} MB  {r['statuses']}",
                    flush=True,
                )
            if "newsclean" in run and "trafilatura" in run:
                n, t = run["newsclean"], run["trafilatura"]
                per_round.setdefault(label, []).append(
                    (n["rate"] / t["rate"], n["cpu_ms_per_page"] / t["cpu_ms_per_page"])
                )
    if args.long:
        for tool in tools:
            label = f"long x{args.long_repeat}"
            r = rows[(tool, label)] = measure(tool, 2, args.long_repeat, args.corpus)
            print(
                f"{tool:12} {label:10} {r['pages']:6} pages {r['seconds']:7.1f} s "
                f"{r['rate']:7.1f} pages/s {r['cpu_ms_per_page']:6.1f} CPU ms/page  peak RSS {r['peak_rss_mb']:6.0f} MB  "
                f"PSS {r['peak_pss_mb']:6.0f} MB (2nd quarter {r.get('pss_q2_mb', 0):.0f}, "
                f"last quarter {r.get('pss_q4_mb', 0):.0f})  {r['statuses']}",
                flush=True,
            )
    if "newsclean" in tools and "trafilatura" in tools:
        print(
            "\n# ratios newsclean / trafilatura"
            + (" (median of rounds)" if args.rounds > 1 else "")
        )
        for (tool, label), r in rows.items():
            if tool != "newsclean" or ("trafilatura", label) not in rows:
                continue
            t = rows[("trafilatura", label)]
            ratios = per_round.get(label)
            if ratios:  # the speed runs: median of the rounds' ratios (one round: that ratio)
                speed = statistics.median(x[0] for x in ratios)
                cpu = statistics.median(x[1] for x in ratios)
                spread = (
                    f"  (rounds: CPU {', '.join(f'{x[1]:.3f}' for x in ratios)})"
                    if len(ratios) > 1
                    else ""
                )
            else:
                speed, cpu, spread = (
                    r["rate"] / t["rate"],
                    r["cpu_ms_per_page"] / t["cpu_ms_per_page"],
                    "",
                )
            print(
                f"{label:10} speed {speed:.2f}x  CPU per page {cpu:.3f}x  "
                f"peak RSS {r['peak_rss_mb'] / t['peak_rss_mb']:.2f}x  "
                f"peak PSS {r['peak_pss_mb'] / t['peak_pss_mb']:.2f}x{spread}"
            )
        scaling = {
            tool: rows[(tool, "jobs=2")]["rate"] / rows[(tool, "jobs=1")]["rate"]
            for tool in tools
            if (tool, "jobs=1") in rows and (tool, "jobs=2") in rows
        }
        if scaling:
            print("scaling 1 -> 2 jobs: " + ", ".join(f"{k} {v:.2f}x" for k, v in scaling.items()))


if __name__ == "__main__":
    main()
