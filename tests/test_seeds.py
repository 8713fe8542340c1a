"""The seed acceptance: what each of the five seed shapes must give (issue: newsclean 0.1)."""

from __future__ import annotations

from datetime import date

import pytest

import newsclean
from newsclean import Article

from .conftest import seed_path


def _clean(prefix: str) -> Article:
    return newsclean.clean(seed_path(prefix).read_bytes())


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return {p: _clean(p) for p in ("000", "001", "002", "003", "004")}


def _removed_texts(a: Article) -> list[str]:
    return [r.text for r in a.provenance.removed]


# ------------------------------------------------------------------ 000: clean rewrite ----


def test_000_invents_no_metadata(seeds: dict[str, Article]) -> None:
    """A bare rewrite has no title, authors or date, and none is invented."""
    a = seeds["000"]
    assert (a.title, a.authors, a.published) == (None, (), None)


def test_000_keeps_all_16_lines_as_body(seeds: dict[str, Article]) -> None:
    """Every line of the clean rewrite is a body paragraph, in order."""
    a = seeds["000"]
    lines = [x for x in seed_path("000").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(lines) == 16
    assert [p.text for p in a.paragraphs] == [x.strip() for x in lines]
    assert a.provenance.removed == ()


def test_000_attributes_the_new_york_times(seeds: dict[str, Article]) -> None:
    """'reported by The New York Times' credits the outlet the story is based on."""
    assert "The New York Times" in seeds["000"].source.attributed_to


# --------------------------------------------------------------- 001: text scrape ----


def test_001_title(seeds: dict[str, Article]) -> None:
    """The first line is the headline."""
    assert seeds["001"].title == "Russia pays Taliban to kill American soldiers in Afghanistan"


def test_001_body_span(seeds: dict[str, Article]) -> None:
    """The body runs from the first article sentence to the last one, nothing around it."""
    a = seeds["001"]
    assert a.paragraphs[0].text.startswith("American intelligence officials have concluded")
    assert a.paragraphs[-1].text.endswith("bulwark against Russian aggression in Europe.")


@pytest.mark.parametrize(
    "line",
    [
        "American troops in Afghanistan",
        "U.S. troops in Afghanistan going home after unwinnable war against Taliban",
        "By New York Times",
        "Load more",
    ],
)
def test_001_headline_lines_byline_and_load_more_are_not_body(
    seeds: dict[str, Article], line: str
) -> None:
    """Related headlines, the byline and 'Load more' are removed with a reason."""
    a = seeds["001"]
    assert line not in a.body
    assert line in _removed_texts(a)


def test_001_new_york_times_is_credited_not_a_person(seeds: dict[str, Article]) -> None:
    """'By New York Times' credits an outlet, not a person."""
    a = seeds["001"]
    assert a.authors == ()
    credited = a.source.agencies + a.source.organisations + a.source.attributed_to
    assert any("New York Times" in c for c in credited)


# ----------------------------------------------------- 002: pandoc markdown dump ----


def test_002_title_and_subtitle(seeds: dict[str, Article]) -> None:
    """Headline and standfirst come from the dump's heading and the paragraph under it."""
    a = seeds["002"]
    assert a.title == (
        "Russia Secretly Offered Afghan Militants Bounties to Kill U.S. Troops, Intelligence Says"
    )
    assert a.subtitle == (
        "The Trump administration has been deliberating for months about what to do about "
        "a stunning intelligence assessment."
    )


def test_002_authors_and_contributor(seeds: dict[str, Article]) -> None:
    """The byline gives three authors; 'contributed reporting' gives a contributor."""
    a = seeds["002"]
    assert [p.name for p in a.authors] == ["Charlie Savage", "Eric Schmitt", "Michael Schwirtz"]
    assert [p.name for p in a.contributors] == ["Mujib Mashal"]


def test_002_dates_publisher_section(seeds: dict[str, Article]) -> None:
    """'Published June 26, 2020Updated July 29, 2020' gives both dates, no invented time."""
    a = seeds["002"]
    assert a.published == date(2020, 6, 26)
    assert a.updated == date(2020, 7, 29)
    assert a.source.publisher == "The New York Times"
    assert a.section == "Politics"


def test_002_images_with_captions_and_credits(seeds: dict[str, Article]) -> None:
    """Both photos become images with their caption and credit, out of the body."""
    a = seeds["002"]
    assert len(a.images) == 2
    first, second = a.images
    assert first.caption is not None
    assert first.caption.startswith("American troops in Afghanistan")
    assert first.credit == "Jim Huylebroek for The New York Times"
    assert second.credit == "Kirill Kallinikov/Host Photo Agency, via Getty Images"
    assert first.url is not None
    assert first.url.startswith("https://")
    assert "Credit" not in a.body


def test_002_body_span_and_unwrapped_lines(seeds: dict[str, Article]) -> None:
    """The body runs from the dateline to the last sentence, with whole paragraphs."""
    a = seeds["002"]
    assert a.paragraphs[0].text.startswith("WASHINGTON — American intelligence officials")
    assert a.paragraphs[-1].text.endswith("military aircraft from the other.")
    assert "\n" not in a.paragraphs[0].text
    assert "](" not in a.body
    assert "https://" not in a.body
    assert "Russian military intelligence unit secretly offered bounties to" in a.body


@pytest.mark.parametrize(
    "junk",
    [
        "Advertisement",
        "Continue reading the main story",
        "Supported by",
        "Skip to content",
        "Site Index",
        "Credit",
        "The New York Times Company",
        "Terms of Service",
        "<div",
        "contributed reporting",
    ],
)
def test_002_no_page_furniture_in_body(seeds: dict[str, Article], junk: str) -> None:
    """Masthead, ads, share tools, credits, site index and footer stay out of the body."""
    assert junk not in seeds["002"].body


# ---------------------------------------------------- 003: markdown with footer ----


def test_003_title_agency_date(seeds: dict[str, Article]) -> None:
    """'By AFP' is an agency, not a person; the date line gives the date."""
    a = seeds["003"]
    assert a.title == "Russia Spies Aided Taliban Attacks, U.S. Intel Says – NYT"
    assert a.authors == ()
    assert a.source.agencies == ("AFP",)
    assert a.published == date(2020, 6, 27)


def test_003_original_url_footer(seeds: dict[str, Article]) -> None:
    """The 'Original url' footer gives the canonical URL and domain, and leaves the body."""
    a = seeds["003"]
    assert a.source.canonical_url is not None
    assert a.source.canonical_url.startswith("https://www.themoscowtimes.com/2020/06/27/")
    assert a.source.domain == "themoscowtimes.com"
    assert "Original url" not in a.body


def test_003_caption_with_bold_credit_is_an_image(seeds: dict[str, Article]) -> None:
    """A caption ending in a bold agency credit becomes an image, not body."""
    a = seeds["003"]
    assert [(i.caption, i.credit) for i in a.images] == [
        ("Russia has been accused by the U.S. of providing small arms to the Taliban.", "Reuters")
    ]
    assert "providing small arms to the Taliban. Reuters" not in a.body


def test_003_body_span_without_related_links(seeds: dict[str, Article]) -> None:
    """Body from the first to the last article sentence, 'Related article' lines removed."""
    a = seeds["003"]
    assert a.paragraphs[0].text.startswith("U.S. intelligence has concluded")
    assert a.paragraphs[-1].text.endswith("it added in a later tweet.")
    assert "Related article" not in a.body


# ------------------------------------------------ 004: machine-translated page ----


def test_004_title_once_and_duplicate_marked(seeds: dict[str, Article]) -> None:
    """The repeated headline is the title once and a duplicate once."""
    a = seeds["004"]
    assert a.title == "Russian agents offered Taliban bonuses for attacks on U.S. Army"
    assert [r.role for r in a.provenance.removed if r.text == a.title].count("duplicate") == 1
    assert a.title not in a.body


def test_004_teaser_is_subtitle(seeds: dict[str, Article]) -> None:
    """The teaser under the headline is the subtitle."""
    a = seeds["004"]
    assert a.subtitle is not None
    assert a.subtitle.startswith("In Afghanistan, Russian intelligence agents")
    assert a.subtitle.endswith("government circles.")


def test_004_photo_credit_and_caption_form_an_image(seeds: dict[str, Article]) -> None:
    """'© picture-alliance / Zuma' and the caption line under it form one image."""
    a = seeds["004"]
    assert len(a.images) == 1
    assert a.images[0].credit == "picture-alliance / Zuma"
    assert (
        a.images[0].caption
        == "Graduates of a Taliban training camp in Farah province (archive image)"
    )


def test_004_subheadings_are_headings_in_body(seeds: dict[str, Article]) -> None:
    """Short section titles inside the body are heading paragraphs."""
    a = seeds["004"]
    headings = [p.text for p in a.paragraphs if p.kind == "heading"]
    assert headings == ["Kremlin denies it", "Looking for explanations"]


def test_004_signoff_gives_agencies(seeds: dict[str, Article]) -> None:
    """'kle / uh (afp, rtre,' credits AFP and Reuters and is not body."""
    a = seeds["004"]
    assert set(a.source.agencies) == {"AFP", "Reuters"}
    assert "kle / uh" not in a.body


def test_004_video_teaser_and_comment_form_removed(seeds: dict[str, Article]) -> None:
    """The video teaser and both comment-form lines are gone; the body ends on the article."""
    a = seeds["004"]
    assert "Video:" not in a.body
    assert "Please enter" not in a.body
    assert a.paragraphs[-1].text.endswith("withdraw their own troops from the country entirely.")
