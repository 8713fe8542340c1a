"""HTML pages: metadata from structured data, body selection, captions, hidden text."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

import newsclean

PARAS = [
    "The city council voted on Tuesday to expand the tram network by three new lines, a decision that ends years of debate.",
    "Construction is expected to begin next spring, and the first line should open within four years, officials said.",
    "Opponents argued that the money would be better spent on buses, which can be rerouted as the city grows.",
    "Supporters countered that trams carry more passengers and attract riders who would never take a bus.",
]


def page(
    *,
    head: str = "",
    article: str = "",
    before: str = "",
    after: str = "",
) -> str:
    """A page with navigation, an article container and a footer."""
    nav = "".join(f'<li><a href="/{w}">{w}</a></li>' for w in ("news", "sport", "culture", "money"))
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>"
        f"<nav class='menu'><ul>{nav}</ul></nav>{before}"
        f"<main><article class='story'>{article}</article></main>{after}"
        "<footer class='site-footer'><p>© 2025 Example Media Group. All rights reserved.</p></footer>"
        "</body></html>"
    )


def paras(items: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def json_ld(obj: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_json_ld_metadata_wins_and_records_its_origin() -> None:
    """JSON-LD headline, authors, dates and publisher are used, with their origin recorded."""
    ld = json_ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": "Council approves three new tram lines",
            "author": [
                {"@type": "Person", "name": "Ana Silva"},
                {"@type": "Person", "name": "Tom Berg"},
            ],
            "datePublished": "2025-03-04T09:30:00+01:00",
            "dateModified": "2025-03-04T12:00:00+01:00",
            "publisher": {"@type": "Organization", "name": "Example Daily"},
        }
    )
    a = newsclean.clean(
        page(head=ld, article="<h1>Council approves three new tram lines</h1>" + paras(PARAS))
    )
    assert a.title == "Council approves three new tram lines"
    assert [p.name for p in a.authors] == ["Ana Silva", "Tom Berg"]
    assert a.published == datetime(2025, 3, 4, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert a.updated == datetime(2025, 3, 4, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    assert a.source.publisher == "Example Daily"
    origins = {o.field: o.origin for o in a.provenance.origins}
    assert origins["authors"] == "json-ld:author"
    assert origins["published"] == "json-ld:datePublished"


def test_og_title_site_name_is_stripped() -> None:
    """Without a displayed headline, og:title loses the site name named by og:site_name."""
    head = (
        '<meta property="og:title" content="Tram lines approved | Example Daily">'
        '<meta property="og:site_name" content="Example Daily">'
    )
    a = newsclean.clean(page(head=head, article=paras(PARAS)))
    assert a.title == "Tram lines approved"


def test_date_without_time_stays_a_date() -> None:
    """A date-only value is a date: no time and no zone are invented."""
    head = '<meta property="article:published_time" content="2024-11-05">'
    a = newsclean.clean(page(head=head, article=paras(PARAS)))
    assert a.published == date(2024, 11, 5)
    assert not isinstance(a.published, datetime)


def test_time_without_offset_stays_naive() -> None:
    """A time without an offset is kept as written, without a zone."""
    head = '<meta property="article:published_time" content="2024-11-05T08:15:00">'
    a = newsclean.clean(page(head=head, article=paras(PARAS)))
    assert a.published == datetime(2024, 11, 5, 8, 15)


def test_visible_byline_splits_names_and_agencies() -> None:
    """'By Jane Doe and John Roe, Reuters' gives two persons and an agency."""
    article = (
        "<h1>Tram lines approved</h1><p class='byline'>By Jane Doe and John Roe, Reuters</p>"
        + paras(PARAS)
    )
    a = newsclean.clean(page(article=article))
    assert [p.name for p in a.authors] == ["Jane Doe", "John Roe"]
    assert a.source.agencies == ("Reuters",)
    assert "By Jane Doe" not in a.body


def test_navigation_footer_and_related_links_are_removed() -> None:
    """Menus, a related-links box and the footer leave the body, each with a reason."""
    related = "<aside class='related'><h3>Related</h3><ul><li><a href='/x'>Bus fares rise again</a></li></ul></aside>"
    a = newsclean.clean(page(article="<h1>Trams</h1>" + paras(PARAS), after=related))
    assert [p.text for p in a.paragraphs] == PARAS
    reasons = {r.text: r.reason for r in a.provenance.removed}
    assert "money" in reasons
    assert "Bus fares rise again" in reasons


def test_figure_caption_and_credit_become_an_image() -> None:
    """A <figure> with its caption and credit is an image, not body text."""
    fig = (
        "<figure><img src='https://example.org/tram.jpg' alt=''>"
        "<figcaption>A tram in the city centre. <span class='credit'>Photo: Jane Doe</span></figcaption></figure>"
    )
    a = newsclean.clean(page(article="<h1>Trams</h1>" + paras(PARAS[:2]) + fig + paras(PARAS[2:])))
    assert len(a.images) == 1
    img = a.images[0]
    assert img.url == "https://example.org/tram.jpg"
    assert img.caption is not None
    assert img.caption.startswith("A tram in the city centre")
    assert img.credit == "Jane Doe"
    assert "tram in the city centre" not in a.body


def test_figcaption_outside_figure_becomes_an_image() -> None:
    """A figcaption in a plain <div> (no <figure>) is a caption, not body text."""
    fig = (
        "<div class='media'><img src='https://example.org/tram.jpg' alt=''>"
        "<figcaption><span>A tram in the city centre</span>"
        "<span class='credit'> (<div>Image: Jane Doe/Example Pictures)</div></span></figcaption></div>"
    )
    byline = "<div class='caption'>By Ana Silva</div>"
    a = newsclean.clean(
        page(article="<h1>Trams</h1>" + byline + paras(PARAS[:2]) + fig + paras(PARAS[2:]))
    )
    assert [p.text for p in a.paragraphs] == PARAS
    assert {(i.caption, i.credit) for i in a.images} == {
        ("A tram in the city centre", None),
        (None, "Jane Doe/Example Pictures"),
    }
    assert [p.name for p in a.authors] == ["Ana Silva"]


def test_hidden_and_screen_reader_text_is_not_body() -> None:
    """Text hidden by style or only for screen readers is not part of the article."""
    article = (
        "<h1>Trams</h1>"
        + paras(PARAS)
        + "<p style='display:none'>Hidden promotional text that nobody sees on the page.</p>"
    )
    article = article.replace(
        "officials said.", "officials said.<span class='sr-only'> (opens in a new window)</span>"
    )
    a = newsclean.clean(page(article=article))
    assert "Hidden promotional text" not in a.body
    assert "opens in a new window" not in a.body


@pytest.mark.parametrize("cls", ["hidden", "intro-body__premium hidden", "d-none"])
def test_display_none_utility_classes_hide_text(cls: str) -> None:
    """Text under the CSS frameworks' display:none classes is not part of the article."""
    promo = (
        f"<div class='{cls}'><p>Unlimited online access to every story, with one account.</p></div>"
    )
    a = newsclean.clean(
        page(article="<h1>Trams</h1>" + paras(PARAS[:2]) + promo + paras(PARAS[2:]))
    )
    assert [p.text for p in a.paragraphs] == PARAS


@pytest.mark.parametrize("cls", ["hidden-xs", "overflow-hidden", "unhidden"])
def test_similar_classes_do_not_hide_text(cls: str) -> None:
    """Classes that only contain the word (responsive or overflow utilities) hide nothing."""
    text = "Unlimited online access to every story was promised by the council, officials said."
    block = f"<div class='{cls}'><p>{text}</p></div>"
    a = newsclean.clean(
        page(article="<h1>Trams</h1>" + paras(PARAS[:2]) + block + paras(PARAS[2:]))
    )
    assert [p.text for p in a.paragraphs] == [*PARAS[:2], text, *PARAS[2:]]


def test_json_ld_article_body_guides_the_body() -> None:
    """Text that JSON-LD articleBody carries is body even outside the chosen container."""
    long_paras = [p + " " + p for p in PARAS]
    ld = json_ld(
        {"@type": "NewsArticle", "headline": "Trams", "articleBody": "\n\n".join(long_paras)}
    )
    promo = "<p>Subscribers get unlimited access to every story on our website and in our apps, from only a few euros.</p>"
    article = "<h1>Trams</h1><div class='intro'><p>" + long_paras[0] + "</p></div>"
    article += "<div class='text'>" + paras(long_paras[1:]) + promo + "</div>"
    a = newsclean.clean(page(head=ld, article=article))
    assert [p.text for p in a.paragraphs] == long_paras
    assert any(r.reason == "not-in-article-body" for r in a.provenance.removed)


def test_lead_left_out_of_article_body_is_kept() -> None:
    """The standfirst between headline and article text stays body when articleBody omits it."""
    long_paras = [p + " " + p for p in PARAS]
    ld = json_ld(
        {"@type": "NewsArticle", "headline": "Trams", "articleBody": "\n\n".join(long_paras)}
    )
    lead = "The city is getting three new tram lines. Here is what changes for commuters."
    promo = "<p>Subscribers get unlimited access to every story on our website and in our apps, from only a few euros.</p>"
    article = (
        "<h1>Council approves three new tram lines</h1><p class='byline'>By Ana Silva</p>"
        f"<p>{lead}</p>" + paras(long_paras) + promo
    )
    a = newsclean.clean(page(head=ld, article=article))
    assert [p.text for p in a.paragraphs] == [lead, *long_paras]
    kept = [r for r in a.provenance.removed if r.reason == "not-in-article-body"]
    assert [r.text for r in kept] == [promo[3:-4]]


def test_prose_between_headline_and_article_body_is_no_lead() -> None:
    """Prose too long for a standfirst that articleBody leaves out is not taken for a lead."""
    long_paras = [p + " " + p for p in PARAS]
    ld = json_ld(
        {"@type": "NewsArticle", "headline": "Trams", "articleBody": "\n\n".join(long_paras)}
    )
    other = (
        "Elsewhere in the region, farmers reported a late harvest after weeks of heavy rain, "
        "and several roads were closed while crews repaired the damage to bridges and culverts."
    )
    other = " ".join([other] * 4)  # 112 words: longer than any standfirst
    article = f"<h1>Council approves three new tram lines</h1><p>{other}</p>" + paras(long_paras)
    a = newsclean.clean(page(head=ld, article=article))
    assert [p.text for p in a.paragraphs] == long_paras


def test_script_shell_takes_the_body_from_json_ld() -> None:
    """A page whose article lives only in JSON-LD articleBody gets that text as its body."""
    text = PARAS + [p.replace("Tuesday", "Monday") + " More follows." for p in PARAS]
    ld = json_ld({"@type": "NewsArticle", "headline": "Trams", "articleBody": "\n".join(text)})
    shell = f"<html><head>{ld}</head><body><div id='app'>Loading…</div><script>render()</script></body></html>"
    a = newsclean.clean(shell)
    assert [p.text for p in a.paragraphs] == text
    assert any("articleBody" in n for n in a.provenance.notes)


def test_page_without_article_says_so() -> None:
    """A page with no prose gives an empty body and a note saying why."""
    nav = "".join(f"<li><a href='/{i}'>Section {i}</a></li>" for i in range(30))
    a = newsclean.clean(f"<html><body><ul>{nav}</ul></body></html>")
    assert a.paragraphs == ()
    assert any(n.startswith("not-an-article") for n in a.provenance.notes)


def test_http_charset_is_used_when_it_fits() -> None:
    """A charset from the HTTP header decodes bytes the page mislabels."""
    page = (
        "<html><head><meta charset='utf-8'></head><body><h1>Café crème</h1>"
        + paras(PARAS)
        + "</body></html>"
    )
    a = newsclean.clean(page.encode("latin-1"), charset="iso-8859-1")
    assert a.title == "Café crème"
    assert a.provenance.encoding is not None


def test_sections_of_short_paragraphs_stay_in_the_body() -> None:
    """Subheadings over short paragraphs do not split the article when a sidebar interrupts it."""
    short = [
        "Rebecca has lived in the city since she was a child, and she still lives in the same street.",
        "She works as a nurse at the central hospital, where she has led the night shift since 2020.",
        "She met her partner at school in 2012, when they were both sixteen and in the same class.",
        "They have two children together, a son and a daughter, and are expecting a third in May.",
    ]
    sections = (
        "<h2>Who is Rebecca?</h2>"
        + paras(short[:2])
        + "<h2>How did they meet?</h2>"
        + paras(short[2:])
    )
    sidebar = (
        "<div class='most-read'><h2>Most read</h2>"
        + "".join(
            f"<h3><a href='/s{i}'>Another story number {i} about something else</a></h3>"
            for i in range(4)
        )
        + "</div>"
    )
    long_paras = [p + " " + p for p in PARAS]
    article = "<h1>The nurse who became a local hero</h1>" + sections + sidebar + paras(long_paras)
    a = newsclean.clean(page(article=article))
    texts = [p.text for p in a.paragraphs]
    assert texts == ["Who is Rebecca?", *short[:2], "How did they meet?", *short[2:], *long_paras]


def test_paragraph_wrapped_alone_with_a_link_stays_between_article_paragraphs() -> None:
    """On pages that wrap each paragraph in its own block, one with an in-text link is kept."""
    linked = (
        "He has also accused other members of <a href='/other'>relying too much on the strength"
        " of the military</a> of their allies to underpin their own security."
    )
    texts = [p + " " + p for p in PARAS]
    wrap = "<div class='text-block'><div><div><p>{}</p></div></div></div>"
    blocks = [wrap.format(t) for t in texts[:2]] + [wrap.format(linked)]
    blocks += [wrap.format(t) for t in texts[2:]]
    a = newsclean.clean(
        page(article="<h1>Council approves three new tram lines</h1>" + "".join(blocks))
    )
    plain = "He has also accused other members of relying too much on the strength of the military of their allies to underpin their own security."
    assert [p.text for p in a.paragraphs] == [*texts[:2], plain, *texts[2:]]


def _meta_title(prop: str, value: str) -> str:
    return f'<meta property="{prop}" content="{value}">'


def test_kicker_span_heading_gives_the_headline_without_the_kicker() -> None:
    """A heading shown as kicker span + headline span reads as the og:title naming the headline alone."""
    head = _meta_title("og:title", "Council approves three new tram lines") + json_ld(
        {"@type": "NewsArticle", "headline": "Transport: Council approves three new tram lines"}
    )
    before = (
        "<nav class='breadcrumbs'><a href='/city'>City</a>"
        "<h1>Transport: Council approves three new tram lines</h1></nav>"
    )
    article = (
        "<h2><span class='top'>Transport</span><span aria-hidden='true'> – </span>"
        "<span class='main'>Council approves three new tram lines</span></h2>" + paras(PARAS)
    )
    a = newsclean.clean(page(head=head, before=before, article=article))
    assert a.title == "Council approves three new tram lines"


def test_kicker_joined_title_prefers_the_colon_spelling() -> None:
    """When only kicker and headline together match, the title joined by a colon is taken."""
    head = _meta_title("og:title", "City transport: New tram lines approved") + json_ld(
        {"@type": "NewsArticle", "headline": "City transport - New tram lines approved"}
    )
    article = "<h1><span>City transport</span> <span>New tram lines approved</span></h1>" + paras(
        PARAS
    )
    a = newsclean.clean(page(head=head, article=article))
    assert a.title == "City transport: New tram lines approved"


def test_section_suffix_of_the_declared_headline_is_dropped() -> None:
    """A JSON-LD headline with a "| Section" suffix loses it to the kicker heading that shows the title."""
    head = _meta_title("og:title", "Trams are back: Council approves three lines") + json_ld(
        {"@type": "NewsArticle", "headline": "Trams are back: Council approves three lines | City"}
    )
    article = (
        "<h1><span>Trams are back</span><span>: </span>"
        "<span>Council approves three lines</span></h1>" + paras(PARAS)
    )
    a = newsclean.clean(page(head=head, article=article))
    assert a.title == "Trams are back: Council approves three lines"


def _social(title: str) -> str:
    return _meta_title("og:title", title) + _meta_title("twitter:title", title)


def test_agreeing_social_titles_outvote_a_heading_nothing_else_names() -> None:
    """og:title and twitter:title agreeing on one wording beat an h1 no other source reads."""
    head = _social("Council approves three new tram lines after years of debate")
    article = "<h1>Tram plan: council backs three new lines</h1>" + paras(PARAS)
    a = newsclean.clean(page(head=head, article=article))
    assert a.title == "Council approves three new tram lines after years of debate"
    origins = {o.field: o.origin for o in a.provenance.origins}
    assert origins["title"] == "social-titles-outvote-heading"
    assert "Tram plan: council backs three new lines" not in [p.text for p in a.paragraphs]


def test_json_ld_headline_reading_the_heading_ties_with_the_social_titles() -> None:
    """A JSON-LD headline equal to the h1 makes two votes against two: the heading stays."""
    head = _social("Council approves three new tram lines after years of debate")
    head += json_ld(
        {"@type": "NewsArticle", "headline": "Tram plan: council backs three new lines"}
    )
    article = "<h1>Tram plan: council backs three new lines</h1>" + paras(PARAS)
    a = newsclean.clean(page(head=head, article=article))
    assert a.title == "Tram plan: council backs three new lines"


def test_json_ld_article_name_votes_with_the_social_titles() -> None:
    """A JSON-LD article name in the og:title's wording outvotes its headline and the h1."""
    head = _social("Council approves three new tram lines after years of debate")
    head += json_ld(
        {
            "@type": "NewsArticle",
            "headline": "Tram plan: council backs three new lines",
            "name": "Council approves three new tram lines after years of debate",
        }
    )
    article = "<h1>Tram plan: council backs three new lines</h1>" + paras(PARAS)
    a = newsclean.clean(page(head=head, article=article))
    assert a.title == "Council approves three new tram lines after years of debate"


def test_social_titles_naming_the_site_do_not_outvote_the_heading() -> None:
    """og:title and twitter:title that share no words with the h1 (the site's name) are no vote."""
    head = _social("Example Daily News and Sport")
    article = "<h1>Council approves three new tram lines</h1>" + paras(PARAS)
    a = newsclean.clean(page(head=head, article=article))
    assert a.title == "Council approves three new tram lines"


def test_lone_og_title_does_not_outvote_the_heading() -> None:
    """An og:title without an agreeing twitter:title leaves the displayed h1 as the title."""
    head = _meta_title("og:title", "Council approves three new tram lines after years of debate")
    article = "<h1>Tram plan: council backs three new lines</h1>" + paras(PARAS)
    a = newsclean.clean(page(head=head, article=article))
    assert a.title == "Tram plan: council backs three new lines"


def test_json_ld_headline_in_a_third_wording_keeps_its_place() -> None:
    """When the JSON-LD headline differs from both the h1 and the social titles, it wins."""
    head = _social("Council approves three new tram lines after years of debate")
    head += json_ld({"@type": "NewsArticle", "headline": "Three new tram lines for the city"})
    article = "<h1>Tram plan: council backs three new lines</h1>" + paras(PARAS)
    a = newsclean.clean(page(head=head, article=article))
    assert a.title == "Three new tram lines for the city"


def test_title_keeps_plain_quotes_when_the_metadata_uses_them() -> None:
    """The h1's typographic quotes give way to the plain quotes of the same og:title."""
    head = _meta_title("og:title", "Mayor's 'tram plan' approved | Example Daily")
    head += _meta_title("og:site_name", "Example Daily")
    article = "<h1>Mayor’s ‘tram plan’ approved</h1>" + paras(PARAS)
    a = newsclean.clean(page(head=head, article=article))
    assert a.title == "Mayor's 'tram plan' approved"


def test_typographic_quotes_stay_when_most_metadata_uses_them() -> None:
    """One plain og:title does not outvote a JSON-LD headline and <title> with typographic quotes."""
    head = "<title>Mayor’s ‘tram plan’ approved | Example Daily</title>"
    head += _meta_title("og:title", "Mayor's 'tram plan' approved")
    head += _meta_title("og:site_name", "Example Daily")
    head += json_ld({"@type": "NewsArticle", "headline": "Mayor’s ‘tram plan’ approved"})
    article = "<h1>Mayor’s ‘tram plan’ approved</h1>" + paras(PARAS)
    a = newsclean.clean(page(head=head, article=article))
    assert a.title == "Mayor’s ‘tram plan’ approved"


def test_typographic_quotes_stay_without_a_plain_spelling() -> None:
    """A title with typographic quotes keeps them when no metadata spells it otherwise."""
    article = "<h1>Mayor’s ‘tram plan’ approved</h1>" + paras(PARAS)
    a = newsclean.clean(page(article=article))
    assert a.title == "Mayor’s ‘tram plan’ approved"


def test_agency_keeps_the_spelling_the_page_credits() -> None:
    """A JSON-LD agency author is canonical in agencies and as written in agency_credits."""
    ld = json_ld(
        {
            "@type": "NewsArticle",
            "headline": "Tram lines approved",
            "author": [{"@type": "Organization", "name": "Deutsche Presse-Agentur"}],
        }
    )
    a = newsclean.clean(page(head=ld, article="<h1>Tram lines approved</h1>" + paras(PARAS)))
    assert a.source.agencies == ("dpa",)
    assert a.source.agency_credits == ("Deutsche Presse-Agentur",)


def test_meta_author_does_not_join_a_json_ld_agency_credit() -> None:
    """A meta author naming the site adds no organisation when JSON-LD credits an agency."""
    head = '<meta name="author" content="Example Daily">' + json_ld(
        {"@type": "NewsArticle", "author": {"@type": "Organization", "name": "dpa"}}
    )
    a = newsclean.clean(page(head=head, article="<h1>Tram lines approved</h1>" + paras(PARAS)))
    assert a.source.agencies == ("dpa",)
    assert a.source.organisations == ()


def test_section_word_beside_a_dateline_is_no_author() -> None:
    """A one-word section name in a dateline ("Politics | 4 March 2025") is not a person."""
    article = "<h1>Tram lines approved</h1><p>Politics | 4 March 2025</p>" + paras(PARAS)
    a = newsclean.clean(page(article=article))
    assert a.authors == ()


def test_name_in_a_dateline_is_an_author() -> None:
    """A full name in a dateline ("Jane Doe | 4 March 2025") is taken as the author."""
    article = "<h1>Tram lines approved</h1><p>Jane Doe | 4 March 2025</p>" + paras(PARAS)
    a = newsclean.clean(page(article=article))
    assert [p.name for p in a.authors] == ["Jane Doe"]


def test_agency_credit_stops_the_dateline_name_guess() -> None:
    """When structured data credits an agency, a name beside the dateline is not guessed."""
    head = json_ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "AFP"}})
    article = "<h1>Tram lines approved</h1><p>Jane Doe | 4 March 2025</p>" + paras(PARAS)
    a = newsclean.clean(page(head=head, article=article))
    assert a.authors == ()
    assert a.source.agencies == ("AFP",)


def test_byline_naming_the_site_is_the_newsroom() -> None:
    """'By Jane Doe, EXAMPLE CITY' on example.com: the site's newsroom is no person."""
    article = "<h1>Tram lines approved</h1><p class='byline'>By Jane Doe, EXAMPLE CITY</p>" + paras(
        PARAS
    )
    a = newsclean.clean(page(article=article), url="https://www.example.com/news/trams")
    assert [p.name for p in a.authors] == ["Jane Doe"]
    assert a.source.organisations == ("EXAMPLE CITY",)


def test_surname_equal_to_the_site_name_stays_a_person() -> None:
    """A person whose surname is the site's name ('Anna Example') is still a person."""
    article = "<h1>Tram lines approved</h1><p class='byline'>By Anna Example</p>" + paras(PARAS)
    a = newsclean.clean(page(article=article), url="https://www.example.com/news/trams")
    assert [p.name for p in a.authors] == ["Anna Example"]


def test_meta_author_wins_over_teaser_microdata() -> None:
    """Authors marked with itemprop in teasers do not join the page's meta author."""
    head = '<meta name="author" content="Jane Doe">'
    teaser = (
        "<aside class='related'><div itemprop='author'>John Roe</div>"
        "<div itemprop='author'>Mia Fox</div></aside>"
    )
    a = newsclean.clean(
        page(head=head, article="<h1>Tram lines approved</h1>" + paras(PARAS), after=teaser)
    )
    assert [p.name for p in a.authors] == ["Jane Doe"]


def test_h1_shown_as_the_alternative_headline_wins() -> None:
    """When the h1 is the JSON-LD alternativeHeadline, the displayed h1 is the title."""
    ld = json_ld(
        {
            "@type": "NewsArticle",
            "headline": "Tram vote: three lines",
            "alternativeHeadline": "Council approves three new tram lines after years of debate",
        }
    )
    article = "<h1>Council approves three new tram lines after years of debate</h1>" + paras(PARAS)
    a = newsclean.clean(page(head=ld, article=article))
    assert a.title == "Council approves three new tram lines after years of debate"


def test_json_ld_headline_wins_over_an_unrelated_h1() -> None:
    """Without an alternativeHeadline naming it, an h1 unlike the JSON-LD headline loses."""
    ld = json_ld({"@type": "NewsArticle", "headline": "Tram vote: three lines"})
    article = "<h1>Council approves three new tram lines after years of debate</h1>" + paras(PARAS)
    a = newsclean.clean(page(head=ld, article=article))
    assert a.title == "Tram vote: three lines"


def test_names_only_line_under_the_headline_credits_the_authors() -> None:
    """A line of names only between headline and text ("Jane Doe/John Roe") gives the authors."""
    article = "<h1>Tram lines approved</h1><p>Jane Doe/John Roe</p>" + paras(PARAS)
    a = newsclean.clean(page(article=article))
    assert [p.name for p in a.authors] == ["Jane Doe", "John Roe"]
    assert "Jane Doe" not in a.body


def test_linked_line_under_the_headline_is_no_name_line() -> None:
    """A capitalised link line under the headline ("Back Home") is navigation, no author."""
    article = "<h1>Tram lines approved</h1><p><a href='/'>Back Home</a></p>" + paras(PARAS)
    a = newsclean.clean(page(article=article))
    assert a.authors == ()


def test_bold_name_closing_the_article_is_its_signature() -> None:
    """A bold name alone after the last paragraph is the author's signature."""
    article = "<h1>Tram lines approved</h1>" + paras(PARAS) + "<p><strong>Jane Doe</strong></p>"
    a = newsclean.clean(page(article=article))
    assert [p.name for p in a.authors] == ["Jane Doe"]
    assert not a.body.endswith("Jane Doe")


def test_bold_capitals_closing_the_article_are_no_signature() -> None:
    """An all-capitals bold line at the end reads as a heading, not as a name."""
    article = "<h1>Tram lines approved</h1>" + paras(PARAS) + "<p><strong>SECOND VOTE</strong></p>"
    a = newsclean.clean(page(article=article))
    assert a.authors == ()


def test_long_reader_comment_does_not_outweigh_a_short_article() -> None:
    """A container inside the comment section gives way to the article outside it."""
    comment = (
        "Well, I have lived here for forty years, and I can tell you, with all respect, that the "
        "council, the mayor, the planners, and, frankly, everyone else involved, have never once, "
        "in all that time, listened to us, the people who actually live, work, shop, and pay taxes "
        "here, so why, I ask you, should we believe them now, when, again, nobody asked, nobody "
        "listened, and nobody, as usual, will be held responsible, for anything, at all, ever?"
    )
    comments = (
        "<section class='community'><ul>"
        + "".join(f"<li><div class='message text'><p>{comment}</p></div></li>" for _ in range(2))
        + "</ul></section>"
    )
    article = "<h1>Council approves three new tram lines</h1>" + paras(PARAS[:3])
    html = page(article=article, after=comments)
    a = newsclean.clean(html)
    assert [p.text for p in a.paragraphs] == PARAS[:3]


def test_comments_state_flag_on_the_article_hides_nothing() -> None:
    """A class like 'comments-enabled' on the article container is no comment section."""
    html = page(article="<h1>Trams</h1>" + paras(PARAS)).replace(
        "<main>", "<main class='comments-enabled'>"
    )
    assert [p.text for p in newsclean.clean(html).paragraphs] == PARAS


@pytest.mark.parametrize("with_article_body", [False, True])
def test_fact_box_inside_the_article_is_not_body(with_article_body: bool) -> None:
    """A box the page names as a fact box stays out of the body, even when articleBody has it."""
    box_text = (
        "Tram lines in numbers: the network has 12 lines, 180 stops and carries about "
        "300,000 passengers a day, according to the transport authority."
    )
    box = f"<div class='infobox'><h3>Key figures</h3><p>{box_text}</p></div>"
    long_paras = [p + " " + p for p in PARAS]  # articleBody is followed from 800 characters
    head = ""
    if with_article_body:
        head = json_ld(
            {
                "@type": "NewsArticle",
                "headline": "Trams",
                "articleBody": "\n\n".join([*long_paras, box_text]),
            }
        )
    a = newsclean.clean(page(head=head, article="<h1>Trams</h1>" + paras(long_paras) + box))
    assert [p.text for p in a.paragraphs] == long_paras
    assert {r.text for r in a.provenance.removed if r.reason == "fact-box"} >= {box_text}


def test_label_and_link_line_is_not_body() -> None:
    """A "LABEL | linked headline" line inside the article is a read-more line, in any language."""
    line = "<p><strong>FUNDA OLUNYE UDABA LAPHA |</strong> <a href='/x'>Kuboshwe abahlanu</a></p>"
    inline = (
        "<p>The council published <a href='/report'>its full report</a> on Tuesday, "
        "a week before the vote.</p>"
    )
    a = newsclean.clean(
        page(article="<h1>Trams</h1>" + paras(PARAS[:2]) + line + inline + paras(PARAS[2:]))
    )
    kept = "The council published its full report on Tuesday, a week before the vote."
    assert [p.text for p in a.paragraphs] == [*PARAS[:2], kept, *PARAS[2:]]
    gone = [r for r in a.provenance.removed if r.text.startswith("FUNDA")]
    assert [r.reason for r in gone] == ["link-line"]


def test_standfirst_worded_unlike_the_description_is_the_subtitle() -> None:
    """The teaser under the headline, set apart by the dateline under it, is the subtitle even
    when og:description words the story otherwise."""
    head = (
        '<meta property="og:description" content="Three tram lines approved after a long debate.">'
    )
    lead = "The council said yes to the trams. Work on the first line starts in spring."
    header = (
        "<h1>Council approves three new tram lines</h1>"
        f"<p>{lead}</p><p>Springfield, May 6, 2025</p>"
    )
    # the article text sits in its own container after the header, as on many CMS pages
    html = (
        "<html><head>" + head + "</head><body><header>" + header + "</header>"
        "<div class='article-body'>" + paras(PARAS) + "</div></body></html>"
    )
    a = newsclean.clean(html)
    assert a.subtitle == lead
    assert {o.field: o.origin for o in a.provenance.origins}["subtitle"] == "block-after-headline"
    assert [p.text for p in a.paragraphs] == PARAS


def test_long_paragraph_dense_with_links_is_article_text() -> None:
    """A long sentence whose names all link to topic pages opens the article, not a teaser."""
    names = ["Ana Silva", "Ben Okafor", "Chen Wei", "Dara Quinn", "Eli Novak", "Femi Adeyemi"]
    linked = ", ".join(f"<a href='/topic/{i}'>{n}</a>" for i, n in enumerate(names))
    dense = (
        f"<p>After the vote, {linked}, <a href='/topic/council'>the city council</a> and "
        "<a href='/topic/union'>the transport workers union</a> met at "
        "<a href='/topic/hall'>the old town hall</a> to plan the work.</p>"
    )
    first = "<p>TRAMTOWN — The council approved three tram lines on Tuesday.</p>"
    article = "<h1>Trams</h1><p>May 6, 2025</p>" + first + dense + paras(PARAS)
    a = newsclean.clean(page(article=article))
    texts = [p.text for p in a.paragraphs]
    assert texts[0] == "TRAMTOWN — The council approved three tram lines on Tuesday."
    assert texts[1].startswith("After the vote, Ana Silva, Ben Okafor")
    assert texts[2:] == PARAS


def test_standfirst_set_as_a_subheading_is_the_subtitle() -> None:
    """An h2 right under the headline that repeats og:description is the standfirst."""
    lead = "Three new tram lines were approved after years of debate among residents."
    head = f'<meta property="og:description" content="{lead}">'
    article = f"<h1>Council approves three new tram lines</h1><h2>{lead}</h2>" + paras(PARAS)
    a = newsclean.clean(page(head=head, article=article))
    assert a.subtitle == lead
    assert [p.text for p in a.paragraphs] == PARAS


def test_article_cut_into_segments_between_ads_is_whole() -> None:
    """Segments of the article container's own class, split by ad slots, all belong to it,
    the first too when a captioned photo makes it less dense with prose."""
    caption = "The tram depot on Monday morning, where the first of the new trams were delivered"
    first = (
        "<div class='story-block'><figure><img src='/t.jpg'>"
        f"<figcaption>{caption}</figcaption></figure><p>{PARAS[0]}</p></div>"
    )
    ad = "<div class='ad-slot'><p>Advertisement</p></div>"
    rest = "".join(f"<div class='story-block'>{paras(PARAS[i : i + 2])}</div>" for i in (1, 3))
    more = [f"In the second district, {p[0].lower()}{p[1:]}" for p in PARAS]
    rest += f"{ad}<div class='story-block'>{paras(more)}</div>"
    html = (
        "<html><body><h1>Trams</h1><div class='story'>"
        f"{first}{ad}{rest}</div><footer><p>About us</p></footer></body></html>"
    )
    a = newsclean.clean(html)
    assert [p.text for p in a.paragraphs] == [*PARAS, *more]
    assert [i.caption for i in a.images] == [caption]


def test_related_box_in_mid_article_does_not_end_it() -> None:
    """Paragraphs after a related-stories box inside the article are still the article."""
    box = (
        "<aside class='related'><h3>Elsewhere in the city</h3><ul>"
        "<li><a href='/a'>Buses get new routes</a></li><li><a href='/b'>Bridge to close</a></li>"
        "</ul></aside>"
    )
    before = [" ".join(PARAS[i:] + PARAS[:i]) for i in range(4)]
    # the article goes on in paragraphs shorter than before the box, as teasers would be,
    # one of them too short to count as prose
    after = [
        "The mayor said he was not impressed by the vote on Tuesday, and that he would ask "
        "the council to think again. " + PARAS[1],
        "That was not all.",
        "Work on the first line is expected to start in May, once the contracts are signed "
        "with the builders. " + PARAS[2],
    ]
    a = newsclean.clean(page(article="<h1>Trams</h1>" + paras(before) + box + paras(after)))
    assert [p.text for p in a.paragraphs] == [*before, *after]


def test_teasers_after_a_read_more_label_are_cut_even_after_a_bio() -> None:
    """After "Keep Reading", a short bio then linked headlines and summaries are teasers."""
    before = [" ".join(PARAS[i:] + PARAS[:i]) for i in range(4)]
    bio = "Jane Doe covers city politics and transport for the paper."
    teasers = "".join(
        f"<h2><a href='/s{i}'>Other story number {i} about the city</a></h2>"
        f"<p>A summary of other story {i}, which is about something else: the harbour, "
        "the schools and the price of bread.</p>"
        for i in range(4)
    )
    article = "<h1>Trams</h1>" + paras(before) + "<p>Keep Reading</p>" + f"<p>{bio}</p>" + teasers
    a = newsclean.clean(page(article=article))
    assert [p.text for p in a.paragraphs] == before


def test_teaser_summary_between_linked_headline_and_read_more_is_not_body() -> None:
    """A paragraph between a linked headline and a "Read more" line is a teaser's summary."""
    summary = (
        "The harbour authority has approved a plan to dredge the old channel, which has been "
        "closed to larger ships for ten years."
    )
    teaser = (
        "<div><h2><a href='/harbour'>Harbour channel to reopen</a></h2>"
        f"<p>{summary}</p><p>Read more</p></div>"
    )
    a = newsclean.clean(page(article="<h1>Trams</h1>" + paras(PARAS) + teaser + teaser))
    assert [p.text for p in a.paragraphs] == PARAS
    assert "teaser-summary" in {r.reason for r in a.provenance.removed if r.text == summary}


def _shell(state: object, shown: str = "") -> str:
    """A script-rendered page: nothing (or ``shown``) visible, the article in a JSON state."""
    return (
        "<html><head><title>Council approves three new tram lines</title></head><body>"
        f"<div id='__next'>{shown}</div><script id='__NEXT_DATA__' type='application/json'>"
        f"{json.dumps(state)}</script></body></html>"
    )


@pytest.mark.parametrize("shape", ["html-string", "paragraph-list"])
def test_empty_shell_takes_the_article_from_its_json_state(shape: str) -> None:
    """A page whose article lives only in a Next.js-style JSON state gets that text as body."""
    body: object = "".join(f"<p>{p}</p>" for p in PARAS)
    if shape == "paragraph-list":
        body = [{"type": "paragraph", "text": p} for p in PARAS]
    state = {"props": {"pageProps": {"article": {"title": "Trams", "body": body}}}}
    a = newsclean.clean(_shell(state))
    assert [p.text for p in a.paragraphs] == PARAS
    assert any("json-state:script#__NEXT_DATA__" in n for n in a.provenance.notes)


def test_json_state_is_ignored_when_the_page_shows_the_article() -> None:
    """The JSON state is a fallback: a page that shows its article keeps the visible text."""
    other = [f"In another story, {p[0].lower()}{p[1:]}" for p in PARAS]
    state = {"props": {"pageProps": {"article": {"body": "".join(f"<p>{p}</p>" for p in other)}}}}
    a = newsclean.clean(
        _shell(state, shown="<article><h1>Trams</h1>" + paras(PARAS) + "</article>")
    )
    assert [p.text for p in a.paragraphs] == PARAS


@pytest.mark.parametrize("folder", ["author", "autoren", "autores", "auteurs", "autori"])
def test_links_to_author_pages_credit_the_authors(folder: str) -> None:
    """Links to author pages under the headline name the authors, in the site's language."""
    links = (
        f"<p><a href='/{folder}/jane-doe'>Jane Doe</a>, "
        f"<a href='/{folder}/chus-del-pino.html'>Chus del Pino</a></p>"
    )
    article = "<h1>Tram lines approved</h1>" + links + paras(PARAS)
    a = newsclean.clean(page(article=article))
    assert [p.name for p in a.authors] == ["Jane Doe", "Chus del Pino"]


def test_metadata_title_cut_from_the_headline_is_the_title() -> None:
    """An og:title that is the headline with words cut from its middle is the edited headline."""
    shown = "Council approves three new tram lines for the old town after years of debate"
    head = _social("Council approves three tram lines for the old town after years of debate")
    head += json_ld({"@type": "NewsArticle", "headline": shown})
    a = newsclean.clean(page(head=head, article=f"<h1>{shown}</h1>" + paras(PARAS)))
    assert a.title == "Council approves three tram lines for the old town after years of debate"
    origins = {o.field: o.origin for o in a.provenance.origins}
    assert origins["title"] == "metadata-cuts-headline"
    # the heading it was read from is still the headline, not body text
    assert shown not in [p.text for p in a.paragraphs]


@pytest.mark.parametrize(
    "other",
    [
        # the end is cut: a shorter headline, no edit
        "Council approves three new tram lines for the old town after years",
        # the start is cut (a kicker)
        "Approves three new tram lines for the old town after years of debate",
        # first and last word only: a label
        "Council debate",
        # too much cut from the middle: another, shorter headline
        "Council approves three tram lines after years of debate",
    ],
)
def test_shorter_metadata_titles_that_are_no_cut_leave_the_headline(other: str) -> None:
    """Only a cut from the middle that keeps most of the words replaces the displayed headline."""
    shown = "Council approves three new tram lines for the old town after years of debate"
    head = _meta_title("og:title", other) + json_ld({"@type": "NewsArticle", "headline": shown})
    a = newsclean.clean(page(head=head, article=f"<h1>{shown}</h1>" + paras(PARAS)))
    assert a.title == shown


def test_html_title_element_cut_from_the_headline_leaves_it() -> None:
    """The <title> element follows the SEO wording: its cut does not replace the headline."""
    shown = "Council approves three new tram lines for the old town after years of debate"
    head = "<title>Council approves three tram lines for the old town after years of debate</title>"
    a = newsclean.clean(page(head=head, article=f"<h1>{shown}</h1>" + paras(PARAS)))
    assert a.title == shown


def test_h1_wins_when_og_title_and_json_ld_headline_disagree() -> None:
    """Three wordings, og:title and JSON-LD headline telling the story apart: the page's h1."""
    shown = "How the city's trams will cope with the next heat wave"
    head = _meta_title("og:title", "When rails buckle and concrete cracks: a summer of repairs")
    head += json_ld(
        {"@type": "NewsArticle", "headline": "Transport chaos in the heat: old trams at risk"}
    )
    a = newsclean.clean(page(head=head, article=f"<h1>{shown}</h1>" + paras(PARAS)))
    assert a.title == shown
    origins = {o.field: o.origin for o in a.provenance.origins}
    assert origins["title"] == "h1-over-disagreeing-metadata"


def test_json_ld_headline_wins_when_og_title_words_it_alike() -> None:
    """og:title and JSON-LD headline in nearly the same words agree: the declared one stays."""
    head = _meta_title("og:title", "Trams and heat: latest news and updates on the network")
    head += json_ld({"@type": "NewsArticle", "headline": "Trams and heat: news and updates"})
    article = "<h1>Live: tram depot closed after heat damage +++ buses replace line 4</h1>"
    a = newsclean.clean(page(head=head, article=article + paras(PARAS)))
    assert a.title == "Trams and heat: news and updates"


def test_json_ld_in_a_cdata_wrapper_is_read() -> None:
    """'//<![CDATA[ ... //]]>' around a JSON-LD script (XHTML-era templates) is no damage."""
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "2024-08-22T12:00:00+02:00"})
    head = f'<script type="application/ld+json">//<![CDATA[\n{ld}\n//]]></script>'
    a = newsclean.clean(page(head=head, article=paras(PARAS)))
    assert a.published == datetime(2024, 8, 22, 10, tzinfo=timezone.utc)
    origins = {o.field: o.origin for o in a.provenance.origins}
    assert origins["published"] == "json-ld:datePublished"
    assert not [n for n in a.provenance.notes if n.startswith("json-ld")]


def test_json_ld_person_named_like_the_site_leaves_the_author_to_the_meta_tag() -> None:
    """A JSON-LD "Person" author that is the site's name is its newsroom, not the author."""
    ld = json_ld(
        {
            "@type": "NewsArticle",
            "author": {"@type": "Person", "name": "Example Daily"},
            "publisher": {"@type": "Organization", "name": "Example Daily"},
        }
    )
    head = ld + '<meta name="author" content="Jane Walker">'
    a = newsclean.clean(page(head=head, article=paras(PARAS)), url="https://exampledaily.com/a/1")
    assert [p.name for p in a.authors] == ["Jane Walker"]
    assert a.source.organisations == ("Example Daily",)
    origins = {o.field: o.origin for o in a.provenance.origins}
    assert origins["authors"] == "meta:author"
    assert origins["organisations"] == "json-ld:author"
