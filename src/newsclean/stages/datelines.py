"""Published and updated dates: structured data first, visible datelines, the URL last.

Each stage records the value it settles on with its origin (``doc.set_field``) and marks the
blocks whose text went into metadata.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from ..dates import find_dates, parse_iso
from ..document import KEPT_ROLES, Block, Document
from ..names import PUBLISHED_LABEL
from ..textutil import is_sentence_like, word_count
from ._shared import (
    body_start,
    header_zone_end,
    origin_rank,
)

__all__ = ["find_dates_stage"]


_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|-)")


def find_dates_stage(doc: Document) -> Document:
    """Published and updated: structured data first, then datelines, then the URL."""
    order = ("json-ld", "meta", "html:time")

    for field in ("published", "updated"):
        best: tuple[int, Any, str] | None = None
        for c in doc.get(field):
            v = parse_iso(c.value) if isinstance(c.value, str) else None
            if v is None and isinstance(c.value, str):
                hits = find_dates(c.value)
                v = hits[0].value if hits else None
            if v is None:
                continue
            r = origin_rank(c.origin, order)
            if best is None or r < best[0]:
                best = (r, v, c.origin)
        if best is not None:
            doc.set_field(field, best[1], best[2])
    # visible datelines near the top
    ti = doc.flags.get("title_index", -1)
    # datelines sit just above or below the headline, or between it and the body
    start = body_start(doc)
    zone = _below_title_first(
        doc.blocks[max(0, min(ti if ti >= 0 else 10**9, start) - 6) : header_zone_end(doc) + 1],
        ti,
        start,
    )
    month_first = False
    for b in zone:
        # an embedded post's date is the post's, not the article's
        if b.role in ("title", "subtitle", "media") or word_count(b.text) > 20:
            continue
        hits = find_dates(b.text, month_first=month_first)
        if not hits:
            continue
        covered = sum(h.end - h.start for h in hits)
        labelled = bool(PUBLISHED_LABEL.search(b.text[: hits[0].start + 1]))
        if (
            b.role != "byline"
            and not labelled
            and (covered < 0.3 * len(b.text) or _mentions_date(b.text, hits[0].start))
        ):
            continue
        if b.role != "byline":
            doc.mark(b, "dateline", "dateline")
        for h in hits:
            field = "updated" if h.updated else "published"
            if field not in doc.fields or _refines(doc.fields[field][0], h.value):
                doc.set_field(field, h.value, "dateline-text")
        if "published" in doc.fields:
            break
    if "published" not in doc.fields:
        # a bare dateline anywhere after the headline (some pages print it under the article)
        for b in doc.blocks[max(0, ti) :]:
            if word_count(b.text) > 10 or b.role in ("title", "subtitle"):
                continue
            hits = find_dates(b.text)
            first = next((h for h in hits if not h.updated), None)
            if first is not None and sum(h.end - h.start for h in hits) >= 0.5 * len(b.text):
                # "Updated 20:49, 5 Aug 2024" alone is no publication date
                doc.set_field("published", first.value, "dateline-text")
                if b.role in KEPT_ROLES or b.reason in ("after-article", "before-article"):
                    doc.mark(b, "dateline", "dateline")
                break
    if "published" in doc.fields:
        _mark_labelled_repeats(doc, ti)
    else:
        for url in [doc.url, *(c.value for c in doc.get("canonical_url"))]:
            m = _URL_DATE.search(url or "")
            if m:
                try:
                    doc.set_field("published", date(int(m[1]), int(m[2]), int(m[3])), "url")
                    break
                except ValueError:
                    continue
    return doc


def _mark_labelled_repeats(doc: Document, ti: int) -> None:
    """Mark "Published 28.04.2024 at 08:52" lines in the body that repeat the article's dates.

    A short line that a publication label opens and a date of the article (its published or
    updated day) fills is metadata printed again (often under the article), not body text.
    """
    days = {_day(doc.fields[f][0]) for f in ("published", "updated") if f in doc.fields}
    for b in doc.blocks[max(0, ti) :]:
        if b.role not in KEPT_ROLES or word_count(b.text) > 10:
            continue
        if not PUBLISHED_LABEL.match(b.text.lstrip(" *-–—•·|")):
            continue
        hits = find_dates(b.text)
        covered = sum(h.end - h.start for h in hits)
        if hits and covered >= 0.5 * len(b.text) and all(_day(h.value) in days for h in hits):
            doc.mark(b, "dateline", "dateline")


def _day(value: Any) -> date | None:
    """The calendar day of a date or datetime (as written: no conversion of zones)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _mentions_date(text: str, start: int) -> bool:
    """A sentence that mentions a date after several words ("On air on 26.08.2024 at 6:00.")."""
    return word_count(text[:start]) >= 4 and is_sentence_like(text)


def _below_title_first(zone: list[Block], ti: int, start: int) -> list[Block]:
    """The dateline zone in search order: between headline and body, above it, in the body.

    A teaser of another story above the headline can carry its own date, so the header
    under the headline comes first; dates in the first paragraphs come last.
    """
    if ti < 0:
        return zone
    header = [b for b in zone if ti < b.index < start]
    above = [b for b in zone if b.index <= ti]
    return header + above + [b for b in zone if b.index >= start and b.index > ti]


def _refines(old: Any, new: Any) -> bool:
    """A visible date with a time refines a structured date-only value of the same day."""
    return type(old) is date and isinstance(new, datetime) and new.date() == old
