"""Unicode repair: mojibake fixed without restyling (quotes and widths stay as written)."""

from __future__ import annotations

import unicodedata

from ..document import Candidate, Document
from ..textutil import clean_inline, may_be_damaged, repair

__all__ = ["repair_unicode"]


def _fix(text: str, damaged: bool) -> str:
    if text.isascii():
        return text
    if damaged:
        return clean_inline(repair(text))
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def repair_unicode(doc: Document) -> Document:
    """Fix encoding damage in every block and string metadata candidate; NFC; whitespace."""
    # one look at the whole text first: most pages have no encoding damage at all
    damaged = may_be_damaged("\n".join(b.text for b in doc.blocks if not b.text.isascii()))
    changed = 0
    for b in doc.blocks:
        fixed = _fix(b.text, damaged)
        if fixed != b.text:
            b.text = fixed
            changed += 1
    cands = []
    for c in doc.candidates:
        if isinstance(c.value, str) and c.field != "article_body":
            v = _fix(c.value, may_be_damaged(c.value))
            cands.append(Candidate(c.field, v, c.origin) if v != c.value else c)
        else:
            cands.append(c)
    doc.candidates = cands
    if changed:
        doc.notes.append(f"unicode repaired in {changed} block(s)")
    return doc
