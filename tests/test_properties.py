"""Property tests over the seeds: idempotence, conservation, invariance, only documented errors."""

from __future__ import annotations

import html
import itertools
import re
import textwrap
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import Article

from .conftest import seed_path

WORD = re.compile(r"\w+")

# Junk lines a reader would not notice as part of the article: our own list, in several
# languages, not copied from the seeds or the catalogues' files.
JUNK_LINES = [
    "Advertisement",
    "Share this article",
    "Sign up for our newsletter",
    "Read more",
    "Anzeige",
    "Artikel teilen",
    "Lesen Sie auch",
    "Publicité",
    "Partager sur Facebook",
    "Publicidad",
    "Compartir en Twitter",
    "Skip to main content",
    "Leave a comment",
    "Accept all cookies",
    "Subscribe now",
]


def _paragraphs(prefix: str) -> list[str]:
    return [p.text for p in newsclean.clean(seed_path(prefix).read_bytes()).paragraphs]


def _words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text))


def _all_text(a: Article) -> str:
    return "\n".join([a.body, *(r.text for r in a.provenance.removed)])


BODY_000 = _paragraphs("000")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_idempotent_on_markdown_rendering(prefix: str) -> None:
    """Cleaning an article's own markdown gives the same title, subtitle and body."""
    a = newsclean.clean(seed_path(prefix).read_bytes())
    b = newsclean.clean(a.to_markdown())
    assert (b.title, b.subtitle, b.body) == (a.title, a.subtitle, a.body)


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_idempotent_on_body_text(prefix: str) -> None:
    """Cleaning the cleaned body (as plain text) changes nothing."""
    a = newsclean.clean(seed_path(prefix).read_bytes())
    assert newsclean.clean(a.body).body == a.body


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_conservation_of_words_in_text_seeds(prefix: str) -> None:
    """Every word of a text input is in exactly one place: body or a removed block."""
    raw = seed_path(prefix).read_text(encoding="utf-8")
    a = newsclean.clean(raw)
    assert _words(_all_text(a)) == _words(raw)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_block_has_a_known_role(prefix: str) -> None:
    """Every removed block carries a role, a reason code and the stage that decided it."""
    a = newsclean.clean(seed_path(prefix).read_bytes())
    for r in a.provenance.removed:
        assert r.role, r
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.reason), r
        assert r.stage in a.provenance.stages


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_deterministic_and_json_round_trip(prefix: str) -> None:
    """The same input gives the same JSON, and the JSON reads back to an equal Article."""
    raw = seed_path(prefix).read_bytes()
    a, b = newsclean.clean(raw), newsclean.clean(raw)
    assert a.model_dump_json() == b.model_dump_json()
    assert Article.model_validate_json(a.model_dump_json()) == a


@given(
    st.lists(
        st.tuples(st.integers(min_value=1, max_value=15), st.sampled_from(JUNK_LINES)),
        min_size=1,
        max_size=6,
    )
)
def test_junk_lines_between_paragraphs_do_not_change_the_body(
    inserts: list[tuple[int, str]],
) -> None:
    """UI lines inserted between paragraphs are removed and the body stays the same."""
    lines = list(BODY_000)
    for pos, junk in sorted(inserts, reverse=True):
        lines.insert(pos, junk)
    a = newsclean.clean("\n\n".join(lines))
    assert [p.text for p in a.paragraphs] == BODY_000


@given(st.integers(min_value=45, max_value=110))
def test_rewrapping_paragraphs_does_not_change_the_body(width: int) -> None:
    """Hard-wrapping every paragraph at another width gives the same paragraphs back."""
    wrapped = "\n\n".join(textwrap.fill(p, width=width) for p in BODY_000)
    a = newsclean.clean(wrapped)
    assert [p.text for p in a.paragraphs] == BODY_000


@given(st.sets(st.integers(min_value=0, max_value=15), min_size=1, max_size=8))
def test_mojibake_is_repaired(damaged: set[int]) -> None:
    """Paragraphs decoded with the wrong codec (UTF-8 read as cp1252) are repaired."""
    lines = [
        p.encode("utf-8").decode("cp1252", errors="ignore") if i in damaged else p
        for i, p in enumerate(BODY_000)
    ]
    # only paragraphs whose damage is reversible count: cp1252 has holes
    ok = [
        i not in damaged
        or p.encode("utf-8").decode("cp1252", errors="ignore").encode("cp1252") == p.encode("utf-8")
        for i, p in enumerate(BODY_000)
    ]
    a = newsclean.clean("\n".join(lines))
    got = [p.text for p in a.paragraphs]
    assert len(got) == len(BODY_000)
    for i, p in enumerate(BODY_000):
        if ok[i]:
            assert got[i] == p


@given(
    st.booleans(),
    st.sets(st.integers(min_value=0, max_value=15), max_size=8),
    st.sets(st.integers(min_value=0, max_value=15), max_size=8),
)
def test_invisible_noise_does_not_change_the_body(
    crlf: bool, nbsp: set[int], zero_width: set[int]
) -> None:
    """CRLF line ends, no-break spaces and zero-width characters leave the body as it was."""
    lines = []
    for i, p in enumerate(BODY_000):
        if i in nbsp:
            p = p.replace(" ", "\u00a0", 3)
        if i in zero_width:
            p = p[:10] + "\u200b" + p[10:]
        lines.append(p)
    text = ("\r\n" if crlf else "\n").join(lines)
    assert [p.text for p in newsclean.clean(text).paragraphs] == BODY_000


def _html_page(title: str, paragraphs: list[str], charset: str = "utf-8") -> str:
    nav = "".join(
        f'<li><a href="/{w.lower()}">{w}</a></li>'
        for w in ["Home", "World", "Sport", "Culture", "Opinion"]
    )
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}"><title>{html.escape(title)} | Example Daily</title></head>'
        f'<body><header class="site-header"><nav class="main-nav"><ul>{nav}</ul></nav></header>'
        f"<main><article><h1>{html.escape(title)}</h1>{body}</article>"
        '<aside class="related"><h3>More stories</h3><ul><li><a href="/a">Another story about something else</a></li>'
        '<li><a href="/b">Yet another headline here</a></li></ul></aside></main>'
        '<footer class="site-footer"><p>© 2024 Example Daily. All rights reserved.</p>'
        '<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul></footer>'
        "</body></html>"
    )


@given(st.integers(min_value=3, max_value=16))
def test_same_paragraphs_as_an_html_page(n: int) -> None:
    """The paragraphs served as an HTML page with navigation and footer give the same body."""
    title = "A headline for the test page"
    a = newsclean.clean(_html_page(title, BODY_000[:n]))
    assert a.title == title
    assert [p.text for p in a.paragraphs] == BODY_000[:n]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "windows-1252"])
def test_bytes_in_another_encoding_give_the_same_article(encoding: str) -> None:
    """The same page as str and as bytes in a declared encoding gives the same article."""
    paras = [p for p in BODY_000 if all(ord(c) < 0x2100 for c in p)][:8]
    page = _html_page("Encoding test headline", paras, charset=encoding)
    data = page.encode(encoding, errors="strict")
    a, b = newsclean.clean(page), newsclean.clean(data)
    assert (a.title, a.body) == (b.title, b.body)
    assert a.body == "\n\n".join(paras)


@given(st.one_of(st.text(max_size=2000), st.binary(max_size=2000)))
def test_only_documented_errors(raw: str | bytes) -> None:
    """Arbitrary str or bytes give an Article or a NewscleanError, nothing else."""
    try:
        a = newsclean.clean(raw)
    except newsclean.NewscleanError:
        return
    assert isinstance(a, Article)


# ---------------------------------------------------------------- datelines ----

_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_DAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def _twelve(t: datetime) -> str:
    """The time on a 12-hour clock: "3:07 pm"."""
    return f"{(t.hour % 12) or 12}:{t.minute:02d} {'pm' if t.hour >= 12 else 'am'}"


# ways pages print a date and its time; {zone} is where a printed zone goes
_DATELINE_SHAPES = [
    lambda t: f"{t:%H:%M}{{zone}}, {t.day} {_MONTHS_EN[t.month - 1]} {t.year}",
    lambda t: f"{_MONTHS_EN[t.month - 1]} {t.day}, {t.year} {_twelve(t)}{{zone}}",
    lambda t: f"{t:%d.%m.%Y}, {t:%H:%M} Uhr{{zone}}",
    lambda t: f"{t.day}. {t:%m}. {t.year} um {t:%H:%M}{{zone}}",
    lambda t: f"{t.day} {_MONTHS_FR[t.month - 1]} {t.year} à {t.hour}h{t:%M}{{zone}}",
    lambda t: f"{t:%Y-%m-%d} {t:%H:%M}{{zone}}",
    lambda t: (
        f"{_twelve(t)}{{zone}}, {_DAYS_EN[t.weekday()]} {_MONTHS_EN[t.month - 1]} {t.day}, {t.year}"
    ),
]
_ZONES = {"": None, " JST": 9 * 60, " EDT": -4 * 60, " UTC": 0, " GMT+5:30": 5 * 60 + 30}


@given(
    when=st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2025, 12, 31, 23, 59)).map(
        lambda d: d.replace(second=0, microsecond=0)
    ),
    shape=st.sampled_from(range(len(_DATELINE_SHAPES))),
    zone=st.sampled_from(sorted(_ZONES)),
    label=st.sampled_from(["", "Published ", "Veröffentlicht: ", "Mis à jour le "]),
)
@settings(max_examples=200)  # microseconds an example: more than the CI profile's 20
def test_datelines_give_their_date_time_and_zone(
    when: datetime, shape: int, zone: str, label: str
) -> None:
    """Every printed shape of a date and time reads back as that minute, in the printed zone."""
    from newsclean.dates import find_dates

    text = label + _DATELINE_SHAPES[shape](when).format(zone=zone)
    hits = find_dates(text, month_first=False)
    assert len(hits) == 1, text
    offset = _ZONES[zone]
    tz = timezone(timedelta(minutes=offset)) if offset is not None else None
    assert hits[0].value == when.replace(tzinfo=tz), text
    assert getattr(hits[0].value, "tzinfo", None) == tz, text
    assert hits[0].updated == label.startswith("Mis à jour"), text


@given(st.text(max_size=300))
@settings(max_examples=200)
def test_find_dates_is_total_and_ordered(text: str) -> None:
    """Any text gives plausible, ordered, non-overlapping hits inside it, and no exception."""
    from newsclean.dates import find_dates, plausible

    hits = find_dates(text)
    assert all(plausible(h.value) for h in hits)
    spans = [(h.start, h.end) for h in hits]
    assert spans == sorted(spans)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
