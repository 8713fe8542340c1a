"""Date parsing for metadata values (ISO 8601 and friends) and visible datelines.

Never invents: a value without a time stays a ``date``; a time without an offset stays naive
(an offset is only one the text gives: ISO "+02:00", "GMT+2", or a zone abbreviation printed
after the time that has one meaning, as listed in ``data/zones.json``).
All patterns are bounded (no nested repetition) and only run on short strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache

from .rules import months, weekdays, zones

__all__ = ["DateHit", "find_dates", "parse_iso", "plausible"]

When = datetime | date

_ISO = re.compile(
    r"^\s*(\d{4})-?(\d{2})-?(\d{2})"
    r"(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?\s*$",
    re.IGNORECASE,
)
_UPDATED_WORDS = (
    r"updated|last updated|modified|aktualisiert|zuletzt aktualisiert|geändert|"
    r"mis à jour|actualizado|actualización|aggiornato|bijgewerkt|atualizado|güncellenme|"
    r"oppdatert|uppdaterad|opdateret|zaktualizowano|обновлено|cập nhật"
)
# the label, then maybe the word for "on" ("Updated on", "Mis à jour le", "Aktualisiert am")
_UPDATED = re.compile(
    r"(?:" + _UPDATED_WORDS + r")(?:\s+(?:on|le|el|am|il|op|em|den|dnia|в))?\W{0,3}$",
    re.IGNORECASE,
)


def plausible(value: When) -> bool:
    """A publication date between 1990 and next year."""
    y = value.year
    return 1990 <= y <= date.today().year + 1


def _tz(s: str | None) -> timezone | None:
    if not s:
        return None
    if s.upper() == "Z":
        return timezone.utc
    sign = -1 if s[0] == "-" else 1
    digits = s[1:].replace(":", "")
    hours = int(digits[:2])
    mins = int(digits[2:4]) if len(digits) >= 4 else 0
    if hours > 14 or mins > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=mins))


def parse_iso(value: str) -> When | None:
    """Parse an ISO-8601-like machine date; None when it is not one or not plausible."""
    if len(value) > 64:
        return None
    m = _ISO.match(value)
    if m is None:
        return None
    y, mo, d, hh, mm, ss, tz = m.groups()
    try:
        if hh is None:
            out: When = date(int(y), int(mo), int(d))
        else:
            out = datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0), tzinfo=_tz(tz))
    except ValueError:
        return None
    return out if plausible(out) else None


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date found in visible text, its span, and whether a label says it is an update."""

    value: When
    start: int
    end: int
    updated: bool


# every pattern needs a four-digit year, and only 1990..next year is plausible: texts without
# one skip the month-name alternations (245 us per short text: 100k paragraphs took 25 s)
_YEAR = re.compile(r"(?:199|20\d)\d")
# what the first pattern needs after its month name: without it that pattern (which tries
# every month name at nearly every position, ~230 us per short text) cannot match
_DAY_YEAR = re.compile(r"\s\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}", re.IGNORECASE)
_SHORT_YEAR_DATE = r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d])(?!\.\d)"


def _clock(separators: str) -> str:
    """Hour, minute (one of ``separators`` between them), seconds, a.m./p.m., "Uhr"."""
    return (
        r"(\d{1,2})[" + separators + r"](\d{2})(?::(\d{2})(?![\d:]))?"
        r"(?:\s*([ap])\.?\s*m\.?)?(?:\s*uhr)?"
    )


# a time after the date; then (in _time()) a time-zone abbreviation or a UTC/GMT offset
_CLOCK = _clock(":.h")
_TIME_LEAD = r"\s*(?:,|um|à|a las|at|-|–|—|\||·|•)?\s*"
_UTC_OFFSET = r"(?:UTC|GMT)\s?([+\u2212-])\s?(\d{1,2})(?::?(\d{2}))?"  # "GMT+2", "UTC-05:30"
_OFFSET = re.compile(_UTC_OFFSET)

# the pre-check for texts without a four-digit year (the zone does not matter there)
_SHORT_YEAR = re.compile(_SHORT_YEAR_DATE + r"(?:" + _TIME_LEAD + _CLOCK + r")?")


@cache
def _zone() -> str:
    """A time zone as datelines print it after a time: "JST", "GMT", "UTC+2" (case kept)."""
    names = sorted(zones(), key=len, reverse=True)
    # the offset without its groups: the zone is one group, _zone_offset() reads its parts
    offset = re.sub(r"\((?!\?)", "(?:", _UTC_OFFSET)
    return r"(?-i:(" + offset + "|" + "|".join(names) + r")\b)"


def _time() -> str:
    """An optional time after a date: separator, clock, zone (groups: hh, mm, ss, ampm, zone)."""
    return r"(?:" + _TIME_LEAD + _CLOCK + r"(?:\s*" + _zone() + r")?)?"


def _zone_offset(name: str | None) -> timezone | None:
    """The UTC offset a printed zone names; None for no zone."""
    if not name:
        return None
    m = _OFFSET.fullmatch(name)
    if m is not None:
        sign = "-" if m[1] != "+" else "+"
        return _tz(f"{sign}{int(m[2]):02d}{m[3] or '00'}")
    offset = zones().get(name)
    return _tz(offset) if offset else None


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    names = sorted(months(), key=len, reverse=True)
    mon = r"(" + "|".join(re.escape(n) for n in names) + r")\.?"
    time = _time()
    return (
        # June 26, 2020 / Jun. 26 2020
        re.compile(
            # also "PressApril 28, 2023": a month glued to the word before it
            r"(?:\b|(?<=[a-z]))" + mon + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + time,
            re.IGNORECASE,
        ),
        # 26 June 2020 / 26. Juni 2020 / 26 de junio de 2020
        re.compile(
            r"\b(\d{1,2})(?:\.|st|nd|rd|th)?\s+(?:de\s+)?" + mon + r"\s+(?:de\s+)?(\d{4})" + time,
            re.IGNORECASE,
        ),
        # 2020-06-26 / 26.06.2020 / 26/06/2020 / 2020年6月26日 / 2020. 6. 26.
        re.compile(r"\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})" + time, re.IGNORECASE),
        re.compile(r"\b(\d{1,2})(?:\.\s?|/)(\d{1,2})(?:\.\s?|/)(\d{4})" + time, re.IGNORECASE),
        re.compile(
            r"(\d{4})\s*[年.]\s*(\d{1,2})\s*[月.]\s*(\d{1,2})\s*[日.]?" + time, re.IGNORECASE
        ),
        # 27.04.24 / 25.4.24: day, month and a two-digit year (German-speaking datelines)
        re.compile(_SHORT_YEAR_DATE + time, re.IGNORECASE),
    )


# how far before a date a time is looked for ("10:00 a.m. EDT, Wednesday, ": 27 characters)
_TIME_BEFORE_REACH = 40


@cache
def _time_before() -> re.Pattern[str]:
    """A time printed just before a date: "22:04, 22 Apr 2024", "17:41 JST, October 13, 2024",
    "3:15 PM EDT, Mon April 29, 2024".

    Only ":" or "h" between hour and minute, and only a separator or a weekday between time
    and date (another word there, as in "01:48 min 5 Nov 2024", makes the number something
    else).
    """
    days = "|".join(re.escape(d) for d in sorted(weekdays(), key=len, reverse=True))
    return re.compile(
        r"(?<![\d:.,])" + _clock(":h") + r"(?:\s*" + _zone() + r")?\s*[,|·•–—-]?\s*"
        r"(?:(?:" + days + r")\.?,?\s+)?$",
        re.IGNORECASE,
    )


def _build(
    y: int,
    mo: int,
    d: int,
    hh: str | None = None,
    mm: str | None = None,
    ss: str | None = None,
    ampm: str | None = None,
    zone: str | None = None,
) -> When | None:
    try:
        if hh is not None and mm is not None:
            h = int(hh)
            if ampm:
                h = h % 12 + (12 if ampm.lower() == "p" else 0)
            sec = int(ss) if ss and int(ss) < 60 else 0  # (":61" is no second: the minute stays)
            out: When = datetime(y, mo, d, h, int(mm), sec, tzinfo=_zone_offset(zone))
        else:
            out = date(y, mo, d)
    except ValueError:
        return None
    return out if plausible(out) else None


def find_dates(text: str, *, month_first: bool = False) -> list[DateHit]:
    """Dates written in ``text`` (a short string: a dateline or byline), in order."""
    if len(text) > 400:
        text = text[:400]
    if not _YEAR.search(text) and not _SHORT_YEAR.search(text):
        return []
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    mnames = months()
    for i, pat in enumerate(_patterns()):
        if i == 0 and not _DAY_YEAR.search(text):
            continue
        for m in pat.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groups()
            if i == 0:
                mo, d, y = mnames.get(g[0].casefold()), int(g[1]), int(g[2])
            elif i == 1:
                d, mo, y = int(g[0]), mnames.get(g[1].casefold()), int(g[2])
            elif i in (2, 4):
                y, mo, d = int(g[0]), int(g[1]), int(g[2])
            elif i == 5:
                d, mo, y = int(g[0]), int(g[1]), 2000 + int(g[2])
            else:
                a, b, y = int(g[0]), int(g[1]), int(g[2])
                if a > 12 or (not month_first and b <= 12):
                    d, mo = a, b
                else:
                    mo, d = a, b
            if mo is None:
                continue
            start = m.start()
            value = _build(y, mo, d, *g[3:8])
            if type(value) is date:
                # "22:04, 22 Apr 2024": the time is printed before the date
                t = _time_before().search(text, max(0, start - _TIME_BEFORE_REACH), start)
                if t is not None:
                    when = _build(y, mo, d, *t.groups())
                    if when is not None and not any(
                        s < m.end() and t.start() < e for s, e in taken
                    ):
                        start, value = t.start(), when
            if value is None:
                continue
            before = text[max(0, start - 30) : start]
            hits.append(DateHit(value, start, m.end(), bool(_UPDATED.search(before))))
            taken.append((start, m.end()))
    hits.sort(key=lambda h: h.start)
    return hits
