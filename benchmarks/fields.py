"""Count what newsclean gives in the fields the scorer does not score, per input shape.

    python benchmarks/fields.py [--corpus ../shared/eval/dev]

Images (and how many have a caption of one or two words: mostly logos, buttons and labels
when the image list is not the article's), pages with a publisher, a language, a subtitle.
The corpus has no gold for these, so the counts show coverage and change, not correctness;
docs/benchmarks.md ("Fields the scorer does not score") records them.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

import newsclean

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"
SHAPES = ("html", "md", "txt")
COLUMNS = (
    "images",
    "pages with images",
    "captions of 1-2 words",
    "publisher",
    "language",
    "subtitle",
)


def count(corpus: Path) -> dict[str, Counter[str]]:
    """The counts per shape over every case of ``corpus``."""
    out = {shape: Counter[str]() for shape in SHAPES}
    for line in (corpus / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        for shape in SHAPES:
            path = corpus / case["html"].replace(".html.gz", f".{shape}.gz")
            a = newsclean.clean(gzip.decompress(path.read_bytes()), url=case.get("url"))
            c = out[shape]
            c["images"] += len(a.images)
            c["pages with images"] += bool(a.images)
            c["captions of 1-2 words"] += sum(
                1 for i in a.images if i.caption and len(i.caption.split()) <= 2
            )
            c["publisher"] += a.source.publisher is not None
            c["language"] += a.language is not None
            c["subtitle"] += a.subtitle is not None
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    counts = count(args.corpus)
    print("| shape | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    for shape in SHAPES:
        print(f"| {shape} | " + " | ".join(str(counts[shape][c]) for c in COLUMNS) + " |")


if __name__ == "__main__":
    main()
