"""Plain-text reader: paragraphs from blank-line chunks; hard-wrapped lines joined back.

Two shapes are common: one line per block (copies of web pages, where a paragraph is one long
line and menus are many short ones) and hard-wrapped prose (every line cut near a fixed
width). The reader decides per document: when most lines end near one width, lines of a chunk
are joined into one paragraph; otherwise each line is its own block.
"""

from __future__ import annotations

import re
import statistics

from ..document import Block, Document
from ..textutil import clean_inline

__all__ = ["read_text", "split_paragraphs"]

_LIST_ITEM = re.compile(r"^\s*(?:[-*•·+]|\d{1,3}[.)])\s+")


def _wrap_width(lines: list[str]) -> int | None:
    """The width the text is hard-wrapped at, or None when it is not hard-wrapped."""
    lengths = [len(x.rstrip()) for x in lines if x.strip()]
    if len(lengths) < 4:
        return None
    longest = max(lengths)
    if longest > 160:
        return None
    long_lines = [n for n in lengths if n >= 30]
    if len(long_lines) < 3:
        return None
    width = int(statistics.quantiles(long_lines, n=10)[-1]) if len(long_lines) >= 10 else longest
    near = sum(1 for n in long_lines if n >= width - 20)
    # calibrated on the seeds and pandoc dumps: wrapped prose has most long lines near the width
    return width if near / len(long_lines) >= 0.5 else None


def split_paragraphs(text: str) -> list[tuple[str, int, int, int]]:
    """Paragraphs as (text, first line, last line, chunk number), 1-based line numbers.

    A chunk is a run of lines without a blank line between them.
    """
    lines = text.split("\n")
    width = _wrap_width(lines)
    out: list[tuple[str, int, int, int]] = []
    chunk: list[tuple[int, str]] = []
    chunk_no = [0]

    def end_chunk() -> None:
        if not chunk:
            return
        chunk_no[0] += 1
        c = chunk_no[0]
        if width is None:
            for n, line in chunk:
                out.append((line, n, n, c))
        else:
            cur: list[str] = []
            start = chunk[0][0]
            prev_len = width
            for n, line in chunk:
                starts_item = bool(_LIST_ITEM.match(line))
                if cur and (starts_item or prev_len < width - 25):
                    out.append((" ".join(cur), start, n - 1, c))
                    cur, start = [], n
                cur.append(line.strip())
                prev_len = len(line.rstrip())
            out.append((" ".join(cur), start, chunk[-1][0], c))
        chunk.clear()

    for i, line in enumerate(lines, start=1):
        if line.strip():
            chunk.append((i, line))
        else:
            end_chunk()
    end_chunk()
    return out


def read_text(doc: Document) -> Document:
    """Split ``doc.text`` into paragraph blocks with line numbers."""
    for raw, first, last, chunk in split_paragraphs(doc.text):
        text = clean_inline(raw)
        if not text:
            continue
        kind = "paragraph"
        marker = _LIST_ITEM.match(text)
        if marker:
            # the bullet or number is markup of the copy, not text of the item
            kind = "list_item"
            if not text[0].isdigit():  # "1. FC Köln" keeps its number
                text = text[marker.end() :] or text
        b = Block(
            index=len(doc.blocks),
            text=text,
            kind=kind,  # type: ignore[arg-type]
            where=f"line {first}" if first == last else f"lines {first}-{last}",
        )
        b.extra["chunk"] = chunk
        doc.blocks.append(b)
    return doc
