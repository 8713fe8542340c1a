"""Run newsclean over a corpus folder in the development-corpus format and write predictions.

    python benchmarks/eval_newsclean.py ../shared/eval/dev --shape html --out benchmarks/out/nc-html.jsonl
    python ../shared/eval/score.py benchmarks/out/nc-html.jsonl ../shared/eval/dev/cases.jsonl

The prediction's body puts the subtitle (standfirst) first, as the corpus gold does; authors
are persons plus credited agencies (as the page spells them: ``source.agency_credits``), and
credited organisations when no person is named (the gold's convention).
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

import newsclean

SUFFIX = {"html": ".html.gz", "md": ".md.gz", "txt": ".txt.gz"}


def prediction(case: dict[str, object], raw: bytes) -> dict[str, object]:
    """One prediction line for ``score.py``."""
    t0 = time.perf_counter()
    try:
        art = newsclean.clean(raw, url=str(case.get("url") or "") or None)
    except newsclean.NewscleanError as exc:
        return {"id": case["id"], "error": f"{type(exc).__name__}: {exc}"}
    ms = (time.perf_counter() - t0) * 1000
    body = art.body
    if art.subtitle:
        body = art.subtitle + "\n\n" + body
    # the corpus credits agencies and, when no person is named, organisations as authors
    authors = [p.name for p in art.authors] + list(art.source.agency_credits)
    if not art.authors:
        authors += list(art.source.organisations)
    return {
        "id": case["id"],
        "title": art.title,
        "authors": authors,
        "published": art.published.isoformat() if art.published else None,
        "body": body,
        "ms": ms,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="folder with cases.jsonl")
    ap.add_argument("--shape", choices=sorted(SUFFIX), default="html")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--only", help="comma-separated case ids")
    args = ap.parse_args()
    only = set(args.only.split(",")) if args.only else None
    args.out.parent.mkdir(parents=True, exist_ok=True)
    cases = [
        json.loads(x) for x in (args.corpus / "cases.jsonl").read_text().splitlines() if x.strip()
    ]
    with args.out.open("w", encoding="utf-8") as out:
        for case in cases:
            if only and case["id"] not in only:
                continue
            path = args.corpus / (str(case["html"]).removesuffix(".html.gz") + SUFFIX[args.shape])
            if not path.exists():
                out.write(json.dumps({"id": case["id"], "error": "no input"}) + "\n")
                continue
            raw = gzip.decompress(path.read_bytes())
            out.write(json.dumps(prediction(case, raw), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
