"""Unit behaviour users rely on: date parsing, byline splitting, phrase matching, text reading."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from newsclean.dates import find_dates, parse_iso
from newsclean.names import parse_byline
from newsclean.readers import detect_format
from newsclean.readers.text import split_paragraphs
from newsclean.rules import match_phrase


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-06-26", date(2020, 6, 26)),
        ("2020-06-26T10:15:00Z", datetime(2020, 6, 26, 10, 15, tzinfo=timezone.utc)),
        (
            "2020-06-26T10:15:00-04:00",
            datetime(2020, 6, 26, 10, 15, tzinfo=timezone(timedelta(hours=-4))),
        ),
        (
            "2020-06-26T10:15:00.123+0200",
            datetime(2020, 6, 26, 10, 15, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2020-06-26 10:15", datetime(2020, 6, 26, 10, 15)),
        ("26.06.2020", None),
        ("1850-01-01", None),
        ("not a date", None),
    ],
)
def test_parse_iso(value: str, expected: object) -> None:
    """Machine dates keep exactly the precision and zone they were given."""
    assert parse_iso(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published June 26, 2020", date(2020, 6, 26)),
        ("26. Juni 2020, 14:30 Uhr", datetime(2020, 6, 26, 14, 30)),
        ("le 3 mars 2021 à 08h15", datetime(2021, 3, 3, 8, 15)),
        ("12 de diciembre de 2019", date(2019, 12, 12)),
        ("5 maggio 2022", date(2022, 5, 5)),
        ("14 października 2023", date(2023, 10, 14)),
        ("3 Kasım 2024", date(2024, 11, 3)),
        ("2025年1月14日（火）", date(2025, 1, 14)),
        ("28. 4. 2023, 18:41 Uhr", datetime(2023, 4, 28, 18, 41)),
        ("Jun. 5, 2021 3:07 PM", datetime(2021, 6, 5, 15, 7)),
        ("Associated PressApril 28, 2023", date(2023, 4, 28)),
    ],
)
def test_find_dates_in_datelines(text: str, expected: object) -> None:
    """Visible datelines in many languages give the date (and the time when written)."""
    hits = find_dates(text)
    assert hits
    assert hits[0].value == expected


_UTC = timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the time printed before the date
        ("Published : 22:04, 22 Apr 2024", datetime(2024, 4, 22, 22, 4)),
        ("11:10 am, Jan 11 2024", datetime(2024, 1, 11, 11, 10)),
        ("17h41 · 13 octobre 2024", datetime(2024, 10, 13, 17, 41)),
        # a zone after the time gives the offset; ambiguous abbreviations give none
        (
            "17:41 JST, October 13, 2024",
            datetime(2024, 10, 13, 17, 41, tzinfo=timezone(timedelta(hours=9))),
        ),
        (
            "Apr 22, 2024 10:00 am EDT",
            datetime(2024, 4, 22, 10, tzinfo=timezone(-timedelta(hours=4))),
        ),
        ("12 March 2024 • 14:30 GMT", datetime(2024, 3, 12, 14, 30, tzinfo=_UTC)),
        (
            "12 March 2024, 14:30 GMT+5:30",
            datetime(2024, 3, 12, 14, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
        (
            "27.04.24, 10:15 Uhr MESZ",
            datetime(2024, 4, 27, 10, 15, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2024-04-29 15:15 UTC", datetime(2024, 4, 29, 15, 15, tzinfo=_UTC)),
        ("June 3, 2024 9:30 pm IST", datetime(2024, 6, 3, 21, 30)),
        ("June 3, 2024 9:30 pm CST", datetime(2024, 6, 3, 21, 30)),
        # "est" is a word in French, not Eastern Standard Time: zones are upper case
        ("le 13 mars 2024 à 17h41 est", datetime(2024, 3, 13, 17, 41)),
        # a weekday between the time and the date
        (
            "Updated 3:15 PM EDT, Mon April 29, 2024",
            datetime(2024, 4, 29, 15, 15, tzinfo=timezone(-timedelta(hours=4))),
        ),
        ("22:04, Mo 22. April 2024", datetime(2024, 4, 22, 22, 4)),
        # seconds, before a.m./p.m. too
        ("2024-04-29 15:15:07", datetime(2024, 4, 29, 15, 15, 7)),
        (
            "April 29, 2024 3:15:42 PM EDT",
            datetime(2024, 4, 29, 15, 15, 42, tzinfo=timezone(-timedelta(hours=4))),
        ),
        ("15:15:09, 29 Apr 2024", datetime(2024, 4, 29, 15, 15, 9)),
        ("29.04.2024 15:15:61", datetime(2024, 4, 29, 15, 15)),
        # a.m./p.m. after a numeric date
        ("04/29/2024 3:15 PM", datetime(2024, 4, 29, 15, 15)),
        # a number before the date that is not a time of day
        ("01:48 min 05. November 2024", date(2024, 11, 5)),
        ("Score 2:1, 5 May 2024", date(2024, 5, 5)),
    ],
)
def test_find_dates_times_and_zones(text: str, expected: object) -> None:
    """Times before the date, zones after the time, a.m./p.m. after numeric dates."""
    hits = find_dates(text, month_first=True)
    assert len(hits) == 1
    value = hits[0].value
    assert value == expected
    # equality of aware datetimes ignores the offset: compare it too
    assert getattr(value, "tzinfo", None) == getattr(expected, "tzinfo", None)


def test_time_before_date_keeps_the_updated_label() -> None:
    """'Updated 08:41, 06 Jan 2026': the label stands before the time, the hit is the update."""
    hits = find_dates("08:39, 06 Jan 2026 Updated 08:41, 06 Jan 2026")
    assert [(h.value, h.updated) for h in hits] == [
        (datetime(2026, 1, 6, 8, 39), False),
        (datetime(2026, 1, 6, 8, 41), True),
    ]
    assert hits[0].start == 0


@pytest.mark.parametrize(
    "text",
    [
        "Aktualisiert am 28. April 2023, 20:22 Uhr",
        "Updated on June 26, 2020",
        "Mis à jour le 3 mars 2021 à 08h15",
        "Actualizado el 12 de diciembre de 2019",
    ],
)
def test_updated_label_with_its_preposition(text: str) -> None:
    """'Aktualisiert am', 'Updated on', 'Mis à jour le': the word for "on" keeps the label."""
    hits = find_dates(text)
    assert len(hits) == 1
    assert hits[0].updated


def test_updated_label_is_recognised() -> None:
    """'Updated' before a date marks it as the update, not the publication."""
    hits = find_dates("Published June 26, 2020Updated July 29, 2020")
    assert [(h.value, h.updated) for h in hits] == [
        (date(2020, 6, 26), False),
        (date(2020, 7, 29), True),
    ]


@pytest.mark.parametrize(
    ("byline", "persons", "agencies"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"], []),
        ("Von Anna Müller und Jonas Weber, dpa", ["Anna Müller", "Jonas Weber"], ["dpa"]),
        ("Par Marie Dupont (AFP)", ["Marie Dupont"], ["AFP"]),
        ("By AFP", [], ["AFP"]),
        ("Jane Doe, Staff Writer", ["Jane Doe"], []),
        ("By Jane Doe jane.doe@example.com", ["Jane Doe"], []),
        ("kle / uh (afp, rtre)", [], ["AFP", "Reuters"]),
        ("By Jane Doe published 19 May 2026", ["Jane Doe"], []),
        ("Von Anna Müller, veröffentlicht am 3. Mai", ["Anna Müller"], []),
        ("Jane Doe Lifestyle Writer", ["Jane Doe"], []),
        # a role word inside one word is part of the name; after a name it is a compound role
        ("Krautreporter", ["Krautreporter"], []),
        ("Jane Doe Sportreporterin", ["Jane Doe"], []),
        ("By Jane Doe, Senior Political Reporter", ["Jane Doe"], []),
        ("John Roe Chief Sports Correspondent", ["John Roe"], []),
        ("Senior Political Reporter", [], []),
        ("By Jane Doe in Kyiv and Reuters", ["Jane Doe"], ["Reuters"]),
        ("Kommentar von Anna Müller", ["Anna Müller"], []),
        ("Analysis by Jane Doe", ["Jane Doe"], []),
        ("Associated Press in Lisbon", [], ["AP"]),
        ("Von Anna Müller aus Berlin", ["Anna Müller"], []),
        ("Reporter", [], []),
    ],
)
def test_parse_byline(byline: str, persons: list[str], agencies: list[str]) -> None:
    """Bylines split into persons and agencies; roles, e-mails and openers are dropped."""
    credit = parse_byline(byline)
    assert credit.persons == persons
    assert credit.agencies == agencies


def test_byline_organisation_is_not_a_person() -> None:
    """A newsroom credited in a byline is an organisation."""
    credit = parse_byline("By New York Times")
    assert credit.persons == []
    assert credit.organisations == ["New York Times"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Advertisement", "advertisement"),
        ("Share on Facebook", "share-buttons"),
        ("Lesen Sie auch: Ein ganz anderer Artikel", "related-links"),
        ("Please enter your comment!", "comment-form"),
        ("Wir verwenden Cookies, um Ihnen ein besseres Erlebnis zu bieten", "cookie-prompt"),
        ("Abonnez-vous à notre newsletter", "newsletter-prompt"),
    ],
)
def test_phrase_catalogue(line: str, reason: str) -> None:
    """Common UI lines in several languages are found in the catalogues."""
    hit = match_phrase(line)
    assert hit is not None
    assert hit.reason == reason


@pytest.mark.parametrize("line", ["Facebook and Twitter", "Share 2 photos", "Facebook users"])
def test_share_bar_needs_service_words_and_counts_only(line: str) -> None:
    """A line of share services and counts is a share bar; any other word makes it text."""
    hit = match_phrase(line)
    assert hit is None or hit.reason != "share-buttons"


def test_phrase_catalogue_leaves_prose_alone() -> None:
    """A sentence that merely starts like a UI phrase is not UI when it is long."""
    line = "Read more about how the council plans to pay for the new tram lines, which will cost more than the last three bridges combined."
    assert match_phrase(line) is None


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    """Lines cut near one width are joined back; blank lines separate paragraphs."""
    text = (
        "The city council voted on Tuesday to expand the tram network by three\n"
        "new lines, a decision that ends years of debate about public transport\n"
        "in the region.\n\n"
        "Construction is expected to begin next spring, and the first line should\n"
        "open within four years, officials said on Tuesday after the long vote.\n"
    )
    paras = [p[0] for p in split_paragraphs(text)]
    assert paras == [
        "The city council voted on Tuesday to expand the tram network by three new lines, a decision that ends years of debate about public transport in the region.",
        "Construction is expected to begin next spring, and the first line should open within four years, officials said on Tuesday after the long vote.",
    ]


def test_one_line_per_block_text_keeps_lines_apart() -> None:
    """In copies of pages, each line is its own block."""
    text = "Home\nWorld\nA headline for the story\nThe first paragraph of the story is a long line of prose that goes on.\n"
    assert [p[0] for p in split_paragraphs(text)] == text.strip().split("\n")


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("<p>One paragraph.</p><p>Another <a href='/x'>link</a>.</p>", "html"),
        ("# Title\n\nSome text with a [link](https://example.org).", "markdown"),
        ('<div class="x">\n\nText with [a link](/a) and **bold**.\n\n</div>', "markdown"),
        ("Just some text.\n\nAnother paragraph.", "text"),
        ("* menu item\n* another item\n\nA paragraph of text.", "text"),
    ],
)
def test_detect_format(text: str, fmt: str) -> None:
    """The input's shape is detected from its content."""
    assert detect_format(text) == fmt


def test_byline_keeps_the_credited_agency_spelling() -> None:
    """An agency written out in a byline keeps that spelling beside its canonical name."""
    credit = parse_byline("By Jane Doe and The Associated Press")
    assert credit.persons == ["Jane Doe"]
    assert credit.agencies == ["AP"]
    assert credit.credited == {"AP": "The Associated Press"}


def test_signoff_codes_have_no_credited_spelling() -> None:
    """Agency codes in a sign-off are codes, not a spelling to keep: only the canonical name."""
    credit = parse_byline("kle / uh (afp, rtre)")
    assert credit.agencies == ["AFP", "Reuters"]
    assert credit.credited == {}


def test_name_particles_stay_inside_names() -> None:
    """A lower-case particle inside a name ("del", "van") does not make it a non-name."""
    credit = parse_byline("By Chus del Pino and Anna van Berg")
    assert credit.persons == ["Chus del Pino", "Anna van Berg"]


def test_lower_case_words_still_are_not_names() -> None:
    """Only particles between capitalised words pass: a lower-case phrase is no name."""
    assert parse_byline("By the team of editors").persons == []


def test_desk_role_is_stripped_with_its_desk_word() -> None:
    """'News Reporter' after a name goes whole: the desk word does not stay on the name."""
    credit = parse_byline("By Jane Doe News Reporter and John Roe Political Editor")
    assert credit.persons == ["Jane Doe", "John Roe"]


def test_places_beside_an_organisation_are_not_persons() -> None:
    """'example.de, Frankfurt, Germany' credits the organisation; the one-word places go."""
    credit = parse_byline("example.de, Frankfurt, Germany")
    assert credit.persons == []
    assert credit.organisations == ["example.de"]


def test_in_clause_after_a_credit_is_not_a_name() -> None:
    """'By Jane Doe, in Real Estate, Home Improvement' ends the credit at ', in'."""
    credit = parse_byline("By Jane Doe, in Real Estate, Home Improvement")
    assert credit.persons == ["Jane Doe"]


def test_slash_between_name_and_newsroom_splits() -> None:
    """'Jane Doe/ndr' credits Jane Doe; the lower-case newsroom code is no person."""
    assert parse_byline("Jane Doe/ndr").persons == ["Jane Doe"]


def test_bare_organisation_word_is_no_credit() -> None:
    """'By Example Daily with Agencies': 'Agencies' names no one."""
    credit = parse_byline("By Jane Doe and Agencies")
    assert credit.persons == ["Jane Doe"]
    assert credit.organisations == []


def test_spaced_dash_joins_two_credits_not_a_name() -> None:
    """'News - Jane Doe' is no person's name: a spaced dash never sits inside one."""
    assert parse_byline("Haberler - Anadolu Ajansı").persons == []


def test_no_catalogue_phrase_sits_in_two_categories() -> None:
    """An exact phrase has one category: "Das könnte Sie auch interessieren" listed as UI and
    as related was read as UI, and the teasers under it stayed in the article."""
    import json
    from importlib import resources

    folder = resources.files("newsclean").joinpath("data/phrases")
    for f in folder.iterdir():
        data = json.loads(f.read_text("utf-8"))
        seen: dict[str, str] = {}
        for cat, entries in data.items():
            if cat.startswith("_"):
                continue
            for phrase in entries.get("exact", []):
                assert phrase not in seen, f"{f.name}: {phrase!r} in {seen[phrase]} and {cat}"
                seen[phrase] = cat


@pytest.mark.parametrize("enabled", [True, False])
def test_clean_restores_the_callers_gc_setting(enabled: bool) -> None:
    """clean() pauses the cyclic GC for the page and leaves it as it found it, also on error."""
    import gc

    import newsclean

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        newsclean.clean("<h1>Hello</h1><p>This is the first paragraph of a short story.</p>")
        assert gc.isenabled() is enabled
        with pytest.raises(newsclean.NewscleanError):
            newsclean.clean(b"\x1f\x8b\x08\x00 gzip bytes")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_no_gc_collection_runs_inside_clean() -> None:
    """No cyclic-GC collection runs during a page, even with a threshold that would force many."""
    import gc

    import newsclean

    starts: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            starts.append(info["generation"])

    old = gc.get_threshold()
    gc.set_threshold(10)
    gc.callbacks.append(count)
    try:
        newsclean.clean("<h1>Hello</h1>" + "<p>A paragraph of a short story, told twice.</p>" * 50)
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*old)
    assert starts == []


@pytest.mark.parametrize(
    ("text", "words", "length"),
    [
        ("The council voted on Tuesday.", 5, 29),
        ("Der Stadtrat stimmte zu.", 4, 24),
        # Chinese and Japanese: two characters a word, two units of length a character
        ("工事は来年の春に始まる。", 6, 23),
        ("Jリーグは3月に開幕する。", 7, 23),  # "J", "3", then 4 and 6 characters
        ("시의회는 화요일에 투표했다.", 3, 15),  # Korean is written with spaces
    ],
)
def test_word_count_and_text_length_of_scripts_without_spaces(
    text: str, words: int, length: int
) -> None:
    """Japanese and Chinese text counts as much as the same text in a spaced language."""
    from newsclean.textutil import text_length, word_count

    assert word_count(text) == words
    assert text_length(text) == length
