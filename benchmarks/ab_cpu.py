"""CPU time of the working tree's newsclean against another commit's, and trafilatura's.

    python benchmarks/ab_cpu.py REV [--passes 4]     # e.g. REV = main, HEAD~3, a hash

The commit's ``src/newsclean`` is exported (``git archive``) into a temporary folder as the
package ``nc_base`` (the package imports itself relatively, and its data files are read from
the installed ``newsclean``, so they must be the same in both). Both versions and trafilatura
then run in this one process on the HTML corpus, page by page, the order rotating each page,
with ``time.process_time`` around each call (newsclean returns the Article's JSON, trafilatura
``extract(html, url=url)``), so that load from other work on the host hits all three alike.
Prints, per pass over the corpus and overall, CPU ms a page and the ratios new/old,
old/trafilatura and new/trafilatura. Both versions are byte-compiled first.
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "dev"


def _export(rev: str, dest: Path) -> None:
    """``src/newsclean`` of ``rev`` as the package ``dest/nc_base``."""
    tar = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "src/newsclean"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as tf:
        tf.extractall(dest, filter="data")
    (dest / "src" / "newsclean").rename(dest / "nc_base")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rev", help="the commit to compare with (git revision)")
    ap.add_argument("--passes", type=int, default=4, help="passes over the corpus")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with cases.jsonl")
    args = ap.parse_args()

    import trafilatura

    import newsclean
    import newsclean.runner

    tmp = Path(tempfile.mkdtemp(prefix="ab_cpu-"))
    _export(args.rev, tmp)
    sys.path.insert(0, str(tmp))
    import nc_base.runner  # type: ignore[import-not-found]

    for pkg in (Path(newsclean.__file__).parent, tmp / "nc_base"):
        compileall.compile_dir(pkg, quiet=1)
    cases = [
        json.loads(x) for x in (args.corpus / "cases.jsonl").read_text().splitlines() if x.strip()
    ]
    pages = [((args.corpus / c["html"]).read_bytes(), c.get("url")) for c in cases]
    old, new = nc_base.runner._Cleaner(None, None), newsclean.runner._Cleaner(None, None)
    old.warmup()
    new.warmup()

    def traf(raw: bytes, url: str | None) -> Any:
        return trafilatura.extract(gzip.decompress(raw), url=url)

    tools: dict[str, Callable[[bytes, str | None], Any]] = {
        "old": lambda raw, url: old(0, raw, url, None),
        "new": lambda raw, url: new(0, raw, url, None),
        "traf": traf,
    }
    names = list(tools)
    for raw, url in pages[:10]:  # warm every tool's caches and lazy imports
        for f in tools.values():
            f(raw, url)
    total = dict.fromkeys(names, 0.0)
    k = 0
    for p in range(args.passes):
        cpu = dict.fromkeys(names, 0.0)
        for raw, url in pages:
            for n in names[k % 3 :] + names[: k % 3]:
                t0 = time.process_time()
                tools[n](raw, url)
                cpu[n] += time.process_time() - t0
            k += 1
        for n in names:
            total[n] += cpu[n]
        print(_line(f"pass {p}", cpu, len(pages)), flush=True)
    print(_line("all", total, len(pages) * args.passes))


def _line(label: str, cpu: dict[str, float], pages: int) -> str:
    ms = "  ".join(f"{n} {cpu[n] / pages * 1000:.2f} ms" for n in cpu)
    return (
        f"{label}: {ms}  new/old {cpu['new'] / cpu['old']:.3f}  "
        f"old/traf {cpu['old'] / cpu['traf']:.3f}  new/traf {cpu['new'] / cpu['traf']:.3f}"
    )


if __name__ == "__main__":
    main()
