"""Body tidying: what no stage claimed is body; short lines inside the body become headings."""

from __future__ import annotations

import re

from ..document import KEPT_ROLES, Document
from ..textutil import is_sentence_like, word_count

__all__ = ["tidy_body"]

_END_PUNCT = re.compile(r"[.!?…:;,]\s*[\"”»’']?$")


def tidy_body(doc: Document) -> Document:
    """Give every unclaimed block the body or heading role."""
    live = [b for b in doc.blocks if b.role in KEPT_ROLES]
    for i, b in enumerate(live):
        if b.role is not None:
            continue
        if b.kind == "heading":
            doc.mark(b, "heading", "subheading")
            continue
        nxt = live[i + 1] if i + 1 < len(live) else None
        if (
            doc.tree is None
            and b.kind == "paragraph"
            and 1 <= word_count(b.text) <= 12
            and not _END_PUNCT.search(b.text)
            and nxt is not None
            and is_sentence_like(nxt.text)
            and i > 0
        ):
            b.kind = "heading"
            doc.mark(b, "heading", "short-line-before-paragraph")
            continue
        doc.mark(b, "body", "article-text")
    return doc
