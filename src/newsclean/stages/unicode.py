"""Unicode repair: mojibake fixed without restyling (quotes and widths stay as written)."""

from __future__ import annotations

from ..document import Candidate, Document
from ..textutil import clean_inline, repair

__all__ = ["repair_unicode"]


def repair_unicode(doc: Document) -> Document:
    """Fix encoding damage in every block and string metadata candidate; NFC; whitespace."""
    changed = 0
    for b in doc.blocks:
        fixed = clean_inline(repair(b.text))
        if fixed != b.text:
            b.text = fixed
            changed += 1
    cands = []
    for c in doc.candidates:
        if isinstance(c.value, str) and c.field != "article_body":
            v = clean_inline(repair(c.value))
            cands.append(Candidate(c.field, v, c.origin) if v != c.value else c)
        else:
            cands.append(c)
    doc.candidates = cands
    if changed:
        doc.notes.append(f"unicode repaired in {changed} block(s)")
    return doc
