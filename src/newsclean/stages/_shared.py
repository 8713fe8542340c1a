"""Helpers shared by the metadata stages (title, byline, datelines, source).

The article's header zone (where headline, byline, date and standfirst sit), site-name
stripping, title comparison keys, and the credit and dateline patterns more than one stage reads.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from ..document import Document
from ..names import agency_of, is_organisation
from ..rules import agencies
from ..textutil import is_sentence_like, normalize_key, word_count
from .images import CREDIT_LABELS

TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·•»]\s+|\s+[|]\s*|\s*[|]\s+")


HEADLINE_END = re.compile(r"[.;,]$")


HEADER_ZONE = 12  # blocks after the title searched for byline, date, standfirst


def body_start(doc: Document) -> int:
    for b in doc.blocks:
        if b.role is None and is_sentence_like(b.text):  # (no role: not removed either)
            return b.index
    return len(doc.blocks)


def strip_site(title: str, doc: Document, *, guess: bool = True) -> str:
    """Remove a site-name part ("Headline - Site") found by comparing with other candidates."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    others = {normalize_key(c.value) for c in doc.get("publisher") if isinstance(c.value, str)}
    host = site_domain(doc)
    if host:
        others.add(normalize_key(host.split(".")[0]))
    keep = [
        p
        for p in parts
        if normalize_key(p) not in others
        and not any(
            o and (o in normalize_key(p) and len(normalize_key(p)) <= len(o) + 12) for o in others
        )
    ]
    if keep and len(keep) < len(parts):
        # keep the original separators inside the remaining span
        first, last = keep[0], keep[-1]
        i, j = title.find(first), title.rfind(last)
        if 0 <= i <= j:
            return title[i : j + len(last)].strip()
    # no publisher known: the longest part is the headline when the rest is short
    longest = max(parts, key=len)
    if (
        guess
        and len(longest) >= 0.6 * len(title)
        and all(word_count(p) <= 4 for p in parts if p is not longest)
    ):
        return longest.strip()
    return title


def site_domain(doc: Document) -> str | None:
    url = doc.fields.get("canonical_url", (None, ""))[0] or doc.url
    for c in doc.get("canonical_url"):
        url = url or c.value
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return host[4:] if host.startswith("www.") else (host or None)


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)


def title_key(text: str) -> str:
    """normalize_key without soft hyphens and zero-width characters ("Heli\xadkopter")."""
    return normalize_key(text.translate(_INVISIBLE))


_CREDITISH = re.compile(r"©|/\s*(?:dpa|afp|ap|reuters)\b", re.I)


# a credit label ("Foto:", "Credits.") as the photo-credit stage knows them
_CREDIT_LABEL = re.compile(rf"\b(?:{CREDIT_LABELS})s?\b\s*[:.]", re.I)


_CREDIT_TAIL = 5  # words after a credit label that ends a caption ("Foto: Jane Doe/dpa")


_PHOTO_BY = re.compile(r"\b(?:photos?|pictures?|fotos?|bilder?)\s+(?:by|von|de|di)\b", re.I)


# where a person stands in the picture: "Jane Doe (r.)", "(left)", "v.l.n.r.", "(l-r)",
# "(from left)", "(von li nach re)"
_CAPTION_MARK = re.compile(
    r"\((?:r|l|m|li|re|links|rechts|mitte|left|right|centre|center|pictured)\.?\)|\bv\.\s?l\."
    r"|\((?:l|li)\.?\s?[-\u2013]\s?(?:r|re)\.?\)|\((?:von|from)\s(?:li|l|links|left)\b[^()]{0,20}\)",
    re.IGNORECASE,
)


# a photographer's credit "Jane Doe/agency": a name, a slash and one word, nothing else
_SLASH_CREDIT = re.compile(r"^\s*[^\W\d_][\w.'’ -]{2,40}/\s?[\w.-]{2,20}\s*$")


def creditish(text: str) -> bool:
    """A photo caption or credit line: credit words, or a photo agency named at its end."""
    if _CREDITISH.search(text) or _PHOTO_BY.search(text) or _SLASH_CREDIT.match(text):
        return True
    # "Foto: ..." opening the line or naming a credit at its end; "Erstes Bild: So könnte
    # ..." is a headline whose kicker ends in a credit word
    for m in _CREDIT_LABEL.finditer(text):
        if m.start() == 0 or word_count(text[m.end() :]) <= _CREDIT_TAIL:
            return True
    if _CAPTION_MARK.search(text):
        return True
    return bool(_photo_agency_re().search(text[-60:].casefold()))


@cache
def _photo_agency_re() -> re.Pattern[str]:
    """Photo agencies of five letters or more that are not news agencies ("getty images")."""
    names = sorted(
        (p for p in agencies().photo if len(p) >= 5 and agency_of(p) is None), key=len, reverse=True
    )
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in names) + r")\b")


def header_zone_end(doc: Document) -> int:
    """Last block index of the article's header: after the title and the body's start."""
    ti: int = doc.flags.get("title_index", -1)
    return max(ti, body_start(doc)) + HEADER_ZONE


SEGMENT = re.compile(r"\s*\|\s*|\s[/•·]\s|\s{2,}|\s¶\s")


# "Published 4 hours ago", "3h ago", "vor 3 Stunden": a dateline without a date
RELATIVE_TIME = re.compile(
    r"\b\d{1,3}\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|[smhd])\s+ago\b"
    r"|\bvor\s+\d{1,3}\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten)\b"
    r"|\b\d{1,3}\s+(?:minutes?|hours?|days?)\s*$"  # "Jane Doe 7 hours"
    r"|\b(?:heute|gestern|today|yesterday|aujourd'hui|hoy|ayer|oggi|ieri)\b\W{0,3}"
    r"(?:um|at|à|a las|alle)?\s*\d{1,2}[:.h]\d{2}",  # "Publiziert heute um 12:19 Uhr"
    re.IGNORECASE,
)


def is_org(name: str) -> bool:
    """Organisation or agency (re-exported for the assembler)."""
    return is_organisation(name) or agency_of(name) is not None


def origin_rank(origin: str, order: tuple[str, ...]) -> int:
    """Position of the first entry of ``order`` that ``origin`` starts with (else last)."""
    for i, o in enumerate(order):
        if origin.startswith(o):
            return i
    return len(order)
