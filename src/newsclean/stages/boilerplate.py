"""Ad, UI and structural boilerplate stripping on blocks (every input format)."""

from __future__ import annotations

import re

from ..document import Document
from ..rules import match_phrase
from ..textutil import is_sentence_like, normalize_key, word_count

__all__ = ["strip_boilerplate"]

_MENU_SEPARATORS = re.compile(r"\s[|•·/»]\s")
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_URL_ONLY = re.compile(r"^\s*<?https?://\S+>?\s*$")
_TIMESTAMP_ONLY = re.compile(
    r"^\s*(?:\d{1,2}[:.]\d{2}|\d{1,2}\s*(?:min|h|std|hrs?|mins?)\.?(?:\s+ago)?)\s*$", re.IGNORECASE
)


def strip_boilerplate(doc: Document) -> Document:
    """Mark catalogue phrases (ads, UI, share, comments, ...), menus and repeated lines."""
    seen: dict[str, int] = {}
    for b in doc.blocks:
        if b.removed:
            continue
        text = b.text
        wc = word_count(text)
        if wc == 0:
            doc.mark(b, "ui", "no-words")
            continue
        hit = match_phrase(text) if wc <= 30 else None
        if hit is not None:
            doc.mark(b, hit.role, hit.reason)
            continue
        if _URL_ONLY.match(text):
            doc.mark(b, "navigation", "bare-url")
            continue
        if _TIMESTAMP_ONLY.match(text):
            doc.mark(b, "ui", "timestamp")
            continue
        if wc <= 40 and len(_MENU_SEPARATORS.findall(text)) >= 3 and not is_sentence_like(text):
            doc.mark(b, "navigation", "menu-line")
            continue
        if _COPYRIGHT.match(text) and wc <= 25:
            doc.mark(b, "footer", "copyright-line")
            continue
        if b.link_density >= 0.7 and wc <= 25 and b.kind != "caption":
            doc.mark(b, "related", "link-line")
            continue
        if wc >= 3:
            key = normalize_key(text)
            if key in seen:
                doc.mark(b, "duplicate", "repeated-line")
                continue
            seen[key] = b.index
    return doc
