"""Compare newsclean with its peers on the development corpus: one command, one run.

    python benchmarks/compare.py                       # html, md, txt; newsclean vs trafilatura (+ raw)
    python benchmarks/compare.py --peers all --out-md /tmp/table.md
    python benchmarks/compare.py --shapes html --peers trafilatura,readability --limit 20

For each shape, newsclean (``benchmarks/eval_newsclean.py``'s ``prediction``) and the peers
run in this process page by page, interleaved (the order rotating each page) so that machine
noise hits every tool alike. Predictions go to ``--out-dir`` as ``<tool>-<shape>.jsonl``
(with ``-score.json`` and ``-doc.jsonl`` from the corpus scorer); the markdown table, with
newsclean's worst pages per shape, is printed and written to ``<out-dir>/compare.md`` and to
``--out-md``. Time ratios are against trafilatura measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import peers as peerlib  # noqa: E402
from eval_newsclean import prediction as newsclean_prediction  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "eval" / "dev"
DEFAULT_PEERS = "trafilatura,raw"
NEWSCLEAN = "newsclean"
BASELINE = "trafilatura"
DASH = "–"


def load_scorer(path: Path) -> ModuleType:
    """The corpus's ``score.py`` as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("corpus_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer from {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def newsclean_runner(timeout: float | None) -> peerlib.Runner:
    def run(case: peerlib.Case, raw: bytes) -> peerlib.Fields:
        try:
            with peerlib.deadline(timeout):
                c0 = time.process_time()
                line = newsclean_prediction(case, raw)
                line["cpu_ms"] = (time.process_time() - c0) * 1000
                return line
        except peerlib.PageTimeout:
            return {"id": case["id"], "error": "timeout"}
        except Exception as exc:  # prediction() only catches NewscleanError
            return {"id": case["id"], "error": f"{type(exc).__name__}: {exc}"[:300]}

    return run


# ------------------------------------------------------------------ formatting ----


def f3(x: float | None) -> str:
    return DASH if x is None else f"{x:.3f}"


def fms(x: float | None) -> str:
    if x is None:
        return DASH
    return f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:.0f}"


def ratio(a: float | None, b: float | None) -> str:
    if a is None or not b:
        return DASH
    return f"{a / b:.2f}×"


def cell(text: str) -> str:
    """Text that is safe inside a markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


class Result:
    """One tool on one shape: its predictions and the scorer's numbers."""

    def __init__(self, tool: str, shape: str, provides: frozenset[str], path: Path) -> None:
        self.tool, self.shape, self.provides, self.path = tool, shape, provides, path
        self.preds: dict[str, dict[str, Any]] = {}
        self.res: dict[str, Any] = {}
        self.per_doc: dict[str, dict[str, Any]] = {}

    def score(self, scorer: ModuleType, cases: list[peerlib.Case]) -> None:
        preds = scorer.load_jsonl(str(self.path))
        self.preds = {p["id"]: p for p in preds}
        self.res, per_doc = scorer.score(cases, preds)
        self.per_doc = {r["id"]: r for r in per_doc}
        stem = self.path.with_suffix("")
        Path(f"{stem}-score.json").write_text(json.dumps(self.res, indent=2, sort_keys=True))
        with open(f"{stem}-doc.jsonl", "w", encoding="utf-8") as f:
            for r in per_doc:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")

    def empty_bodies(self) -> int:
        """Scored pages whose predicted body is empty (errors included)."""
        return sum(
            1 for i in self.per_doc if not str(self.preds.get(i, {}).get("body") or "").strip()
        )

    def median_cpu_ms(self) -> float | None:
        """Median CPU ms over the scored pages timed without error (like the scorer's ms)."""
        xs = [
            float(p["cpu_ms"])
            for i in self.per_doc
            if isinstance((p := self.preds.get(i, {})).get("cpu_ms"), int | float)
            and not p.get("error")
        ]
        return statistics.median(xs) if xs else None

    def row(self, base: Result | None) -> list[str]:
        r, has = self.res, self.provides
        b = r.get("body") or {}
        t = r.get("title") or {}
        a = r.get("authors") or {}
        d = r.get("published") or {}
        tm = r["timing"]
        med, p95 = tm["median_ms"], tm["p95_ms"]
        bmed = base.res["timing"]["median_ms"] if base else None
        bp95 = base.res["timing"]["p95_ms"] if base else None
        cpu, bcpu = self.median_cpu_ms(), base.median_cpu_ms() if base else None
        return [
            self.tool,
            self.shape,
            f3(b.get("precision")),
            f3(b.get("recall")),
            f3(b.get("f1")),
            f3(b.get("f1_doc")),
            str(self.empty_bodies()),
            f3(t.get("exact")) if "title" in has else DASH,
            f3(a.get("precision")) if "authors" in has else DASH,
            f3(a.get("recall")) if "authors" in has else DASH,
            f3(a.get("f1")) if "authors" in has else DASH,
            f3(d.get("same_day")) if "published" in has else DASH,
            f3(d.get("same_minute")) if "published" in has else DASH,
            fms(med),
            fms(p95),
            ratio(med, bmed),
            ratio(p95, bp95),
            fms(cpu),
            ratio(cpu, bcpu),
            str(r["errors"] + r["timeouts"]),
        ]


HEADER = [
    "tool", "shape", "body P", "body R", "body F1", "F1/doc", "empty body", "title exact",
    "authors P", "authors R", "authors F1", "date same-day", "date same-minute",
    "median ms", "p95 ms", "median ×traf", "p95 ×traf", "cpu median ms", "cpu ×traf", "err",
]  # fmt: skip


def worst_pages(
    nc: Result, base: Result | None, scorer: ModuleType, cases: dict[str, peerlib.Case], n: int
) -> list[str]:
    rows = [
        (r["body"]["f1"], i)
        for i, r in nc.per_doc.items()
        if r.get("body") and r["body"]["f1"] is not None
    ]
    rows.sort()
    out: list[list[str]] = []
    for f1, i in rows[:n]:
        d = nc.per_doc[i]["body"]
        pred = nc.preds.get(i, {})
        gold_toks = len(scorer.tokens(cases[i]["gold"]["body"]))
        pred_toks = len(scorer.tokens(pred.get("body") or ""))
        bf1 = None
        if base and base.per_doc.get(i, {}).get("body"):
            bf1 = base.per_doc[i]["body"]["f1"]
        out.append(
            [
                f"`{i}`",
                f3(f1),
                f3(d["p"]),
                f3(d["r"]),
                str(pred_toks),
                str(gold_toks),
                f3(bf1),
                cell(str(pred.get("error") or ""))[:100],
            ]
        )
    header = ["page", "F1", "P", "R", "pred tokens", "gold tokens", "traf F1", "error"]
    return md_table(header, out)


# ------------------------------------------------------------------ run facts ----


def git_facts() -> str:
    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "src")
    return f"{head}" + (" + uncommitted changes in src/" if dirty else "")


def cpu_facts() -> str:
    n = os.cpu_count()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = n
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{usable} usable cores ({n} reported){', ' + model if model else ''}"


def facts(tools: list[str], argv: list[str]) -> list[str]:
    versions = [f"newsclean {peerlib.version_of('newsclean')} (git {git_facts()})"]
    for name in tools:
        peer = peerlib.PEERS.get(name)
        if peer and peer.package and f"{peer.package} " not in " ".join(versions):
            versions.append(f"{peer.package} {peerlib.version_of(peer.package)}")
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return [
        f"- date: {now}",
        f"- command: `{' '.join(shlex.quote(a) for a in argv)}`",
        f"- machine: {cpu_facts()}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}",
        f"- versions: {', '.join(versions)}",
    ]


# ------------------------------------------------------------------ main ----


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join((__doc__ or "").splitlines()[1:]),
    )
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with cases.jsonl")
    ap.add_argument("--scorer", type=Path, help="score.py (default: <corpus>/../score.py)")
    ap.add_argument("--shapes", default="html,md,txt", help="comma-separated (html,md,txt)")
    ap.add_argument(
        "--peers",
        default=DEFAULT_PEERS,
        help=f"comma-separated or 'all' (default {DEFAULT_PEERS}; known: {', '.join(peerlib.PEERS)}); "
        "a peer runs on the shapes it takes, if installed",
    )
    ap.add_argument("--out-dir", type=Path, default=HERE / "out")
    ap.add_argument("--out-md", type=Path, help="also write the markdown report here")
    ap.add_argument("--only", help="comma-separated case ids")
    ap.add_argument("--limit", type=int, help="first N pages only")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per page and tool")
    ap.add_argument("--worst", type=int, default=10, help="newsclean's N worst pages per shape")
    args = ap.parse_args(argv)

    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    for s in shapes:
        if s not in peerlib.SHAPES:
            raise SystemExit(f"unknown shape {s!r}")
    scorer = load_scorer(args.scorer or args.corpus.parent / "score.py")
    cases = peerlib.load_cases(args.corpus)
    if args.only:
        only = set(args.only.split(","))
        cases = [c for c in cases if c["id"] in only]
    if args.limit:
        cases = cases[: args.limit]
    by_id = {c["id"]: c for c in cases}
    args.out_dir.mkdir(parents=True, exist_ok=True)
    peerlib.select_peers(args.peers)  # validates names, says which are not installed

    results: dict[str, list[Result]] = {}
    tools_seen: list[str] = [NEWSCLEAN]
    for shape in shapes:
        peers = peerlib.select_peers(args.peers, shape, warn=False)
        runners = {NEWSCLEAN: newsclean_runner(args.timeout)}
        runners |= {p.name: peerlib.peer_runner(p, shape, args.timeout) for p in peers}
        provides = {NEWSCLEAN: peerlib.ALL_FIELDS} | {p.name: p.provides for p in peers}
        paths = {name: args.out_dir / f"{name}-{shape}.jsonl" for name in runners}
        tools_seen += [p.name for p in peers if p.name not in tools_seen]
        print(f"{shape}: {', '.join(runners)} on {len(cases)} pages", file=sys.stderr)
        peerlib.interleaved(args.corpus, cases, shape, runners, paths)
        results[shape] = []
        for name in runners:
            r = Result(name, shape, provides[name], paths[name])
            r.score(scorer, cases)
            results[shape].append(r)

    lines = ["## Results", ""]
    lines += facts(tools_seen, ["python", "benchmarks/compare.py", *(argv or sys.argv[1:])])
    lines += [f"- pages: {len(cases)} per shape, corpus `{args.corpus}`", ""]
    rows = []
    for shape in shapes:
        base = next((r for r in results[shape] if r.tool == BASELINE), None)
        rows += [r.row(base) for r in results[shape]]
    lines += md_table(HEADER, rows)
    lines += ["", "## newsclean's worst pages by body F1", ""]
    for shape in shapes:
        nc = results[shape][0]
        base = next((r for r in results[shape] if r.tool == BASELINE), None)
        f1s = [d["body"]["f1"] for d in nc.per_doc.values() if d.get("body")]
        zero = sum(1 for f in f1s if f is not None and f == 0)
        lines += [
            f"### {shape}",
            "",
            f"{zero} of {len(f1s)} pages score body F1 0; median page F1 "
            f"{f3(statistics.median([f for f in f1s if f is not None]) if f1s else None)}.",
            "",
        ]
        lines += worst_pages(nc, base, scorer, by_id, args.worst)
        lines.append("")
    report = "\n".join(lines)
    print(report)
    (args.out_dir / "compare.md").write_text(report, encoding="utf-8")
    if args.out_md:
        args.out_md.parent.mkdir(parents=True, exist_ok=True)
        args.out_md.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
