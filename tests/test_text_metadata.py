"""Metadata of plain-text copies and markdown dumps: headline, byline and dateline lines."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import newsclean

from .pages import md_dump

_MENU = "Home\nNews\nSport\nWeather\nSign in\n"
_LEAD = (
    "The city council voted on Tuesday to expand the tram network by three new lines, "
    "a decision that ends years of debate about public transport in the region.\n"
    "Construction is expected to begin next spring, and the first line should open "
    "within four years, officials said after the long and heated vote.\n"
)


def _copy(*lines: str) -> str:
    """A text copy: a menu, the given header lines, then the article's lead."""
    return _MENU + "".join(line + "\n" for line in lines) + _LEAD


def test_headline_above_standfirst_wins_over_standfirst() -> None:
    """The shorter line above a longer restatement is the headline, not the standfirst."""
    text = _copy(
        "Council backs three new tram lines for the region",
        "The council voted to expand the tram network by three new lines after years of debate",
        "By Jane Walker",
        "April 26, 2024",
    )
    art = newsclean.clean(text)
    assert art.title == "Council backs three new tram lines for the region"


def test_pun_headline_heading_byline_and_date_is_found_without_lead_words() -> None:
    """A headline sharing no word with the lead is still taken above the byline and date."""
    text = _copy(
        "Breakpoint: Help, the zealots are coming!", "By Jane Walker - April 26, 2024 at 08:52"
    )
    art = newsclean.clean(text)
    assert art.title == "Breakpoint: Help, the zealots are coming!"


def test_headline_echoed_in_breadcrumb_is_found_among_related_lines() -> None:
    """A headline printed again (breadcrumb) above the byline is taken even after a 'Related' label."""
    text = (
        "Related topics\n"
        "Transport\n"
        "City\n"
        "Trams return to the old town after forty years\n"
        "By Jane Walker\n"
        "April 26, 2024\n"
        + _LEAD
        + "More from the city\n"
        + "1. Trams return to the old town after forty years\n"
    )
    art = newsclean.clean(text)
    assert art.title == "Trams return to the old town after forty years"


def test_byline_and_photo_credit_lines_are_not_headlines() -> None:
    """'Name | Published 4 hours ago' and 'Jane Doe/agency' are credits, never the headline."""
    text = _copy(
        "Trams return to the old town after forty years",
        "Jane Walker | Published 4 hours ago",
        "Tom Baker/Reuters",
    )
    art = newsclean.clean(text)
    assert art.title == "Trams return to the old town after forty years"


def test_cjk_headline_of_a_text_copy() -> None:
    """A Japanese headline (no spaces between words) is counted by characters and found."""
    text = (
        "ホーム\n社会\n"
        "東京の路面電車、四十年ぶりに旧市街へ戻る\n"
        "2025年1月13日 20時01分\n"
        "東京都は十三日、路面電車の路線を旧市街まで延ばす計画を正式に決定した。"
        "四十年ぶりに路面電車が戻ることになり、住民からは歓迎の声が上がっている。\n"
        "工事は来年春に始まり、最初の区間は四年以内に開業する見通しだという。"
        "都の担当者は、費用は国と分担すると説明した。\n"
    )
    art = newsclean.clean(text)
    assert art.title == "東京の路面電車、四十年ぶりに旧市街へ戻る"


def test_name_with_role_beside_dateline_is_the_author() -> None:
    """An unprefixed 'Jane Walker Deputy Editor' line next to the dateline credits Jane Walker."""
    text = _copy(
        "Trams return to the old town after forty years",
        "Jane Walker Deputy Editor",
        "08:39, 06 Jan 2026",
    )
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Jane Walker"]


def test_name_before_date_in_dateline_is_the_author() -> None:
    """'Stefan Brandt, 26.04.2024 10:00 Uhr' names the author before the date."""
    text = _copy(
        "Trams return to the old town after forty years", "Stefan Brandt, 26.04.2024 10:00 Uhr"
    )
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Stefan Brandt"]


def test_capitalised_words_the_body_uses_are_not_an_author() -> None:
    """'Current Issue' beside a dateline is not a name: the body writes 'current' and 'issue'."""
    lead = (
        "The current timetable was the issue at the council meeting on Tuesday, where members "
        "argued for hours about the tram network and its three new lines.\n"
        "Construction is expected to begin next spring, and the first line should open "
        "within four years, officials said after the long and heated vote.\n"
    )
    text = _MENU + "Trams return to the old town after forty years\n"
    text += "Current Issue\n" + "April 26, 2024\n" + lead
    art = newsclean.clean(text)
    assert art.authors == ()


def test_two_digit_year_dateline() -> None:
    """'Veröffentlicht am 27.04.24 um 07:39 Uhr' is 27 April 2024, 07:39."""
    from datetime import datetime

    text = _copy(
        "Trams return to the old town after forty years", "Veröffentlicht am 27.04.24 um 07:39 Uhr"
    )
    art = newsclean.clean(text)
    assert art.published == datetime(2024, 4, 27, 7, 39)


def test_section_link_glued_to_byline_name_is_cut() -> None:
    """'By Jane WalkerNews' (a copy dropped the space before a link) credits Jane Walker."""
    text = _copy(
        "Trams return to the old town after forty years", "By Jane WalkerNews", "April 26, 2024"
    )
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Jane Walker"]


def test_name_after_date_and_ui_words_beside_dateline() -> None:
    """'… 14:26 Uhr, Tobias Brandt' credits him; a 'Teilen Drucken' line beside it does not."""
    text = _copy(
        "Trams return to the old town after forty years",
        "Teilen Drucken",
        "Artikel veröffentlicht am 28. April 2024, 14:26 Uhr, Tobias Brandt",
    )
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Tobias Brandt"]


def test_markdown_label_h1_gives_way_to_the_headline_heading() -> None:
    """A one-word h1 printed again on the page ('Roma') is a section label: the h2 headline wins."""
    md = (
        "# Roma\n\n[Roma](/roma) [Cronaca](/cronaca)\n\nRoma\n\n"
        "## Trams return to the old town after forty years\n\n"
        "The city council voted on Tuesday to expand the tram network by three new lines, "
        "a decision that ends years of debate about public transport in the region.\n\n"
        "Construction is expected to begin next spring, and the first line should open "
        "within four years, officials said after the long and heated vote.\n"
    )
    art = newsclean.clean(md)
    assert art.title == "Trams return to the old town after forty years"


def test_markdown_glued_kicker_is_dropped_when_breadcrumb_has_bare_headline() -> None:
    """'# Premier League Liverpool lose at Everton' loses the kicker the breadcrumb leaves out."""
    md = (
        "-   [Football](/football)\n-   [Premier League](/pl)\n"
        "-   Liverpool lose at Everton in the title race\n\n"
        "# Premier League Liverpool lose at Everton in the title race\n\n"
        "Liverpool lost the Merseyside derby on Wednesday night, a defeat that leaves their "
        "title hopes hanging by a thread with only a handful of games to play.\n\n"
        "The visitors had most of the ball but could not find a way past a defence that "
        "held firm until the final whistle, the manager said after the game.\n"
    )
    art = newsclean.clean(md)
    assert art.title == "Liverpool lose at Everton in the title race"


def test_dateline_under_headline_wins_over_teaser_date_above() -> None:
    """A related story's date above the headline loses to the dateline under it."""
    from datetime import date

    text = _copy(
        "Council approves new budget for the harbour",
        "January 16, 2023",
        "Politics",
        "Trams return to the old town after forty years",
        "By Jane Walker",
        "April 28, 2023",
    )
    art = newsclean.clean(text)
    assert art.published == date(2023, 4, 28)


def test_repeated_menu_line_above_headline_does_not_make_it_a_standfirst() -> None:
    """A menu line printed twice above the headline is no headline; the standfirst under it is."""
    text = (
        "Weather Climate Environment Science Health Lab\n"
        "Home\n"
        "Weather Climate Environment Science Health Lab\n"
        "Council backs three new tram lines for the region\n"
        "The council voted to expand the tram network by three new lines after years of debate\n"
        "By Jane Walker\n"
        "April 26, 2024\n" + _LEAD
    )
    art = newsclean.clean(text)
    assert art.title == "Council backs three new tram lines for the region"


def test_caption_with_position_marker_is_not_the_headline() -> None:
    """'Jane Doe (r.) and the mayor ...' is a photo caption, not the headline above it."""
    text = _copy(
        "Trams are back",
        "By Jane Walker",
        "April 26, 2024",
        "Jane Doe (r.) and the mayor at the tram depot after the council vote on Tuesday",
    )
    art = newsclean.clean(text)
    assert (
        art.title
        != "Jane Doe (r.) and the mayor at the tram depot after the council vote on Tuesday"
    )


@pytest.mark.parametrize("marker", ["(von li nach re)", "(l-r)", "(from left)"])
def test_caption_naming_people_from_left_is_not_the_headline(marker: str) -> None:
    """'Board members (von li nach re): ...' is a photo caption, however the position is said."""
    caption = f"Board members {marker}: Jane Doe, John Roe and Mary Major at the tram depot"
    art = newsclean.clean(_copy("Trams are back", "By Jane Walker", "April 26, 2024", caption))
    assert art.title != caption


def test_caption_under_the_byline_that_the_lead_repeats_is_not_the_headline() -> None:
    """The headline above the byline wins over a caption under it that shares the lead's words."""
    text = _copy(
        "Why one city finally said yes to trams",
        "By Jane Walker",
        "The council voted to expand the tram network by three new lines. Jane Walker",
        "2024-04-26T11:36:01Z",
    )
    assert newsclean.clean(text).title == "Why one city finally said yes to trams"


def test_byline_running_into_its_dateline_gives_the_name() -> None:
    """'By Jane Walker published 26 April 2024' credits Jane Walker, not nobody."""
    text = _copy("Council backs three new tram lines", "By Jane Walker published 26 April 2024")
    art = newsclean.clean(text)
    assert [a.name for a in art.authors] == ["Jane Walker"]


def test_menu_items_run_together_are_not_the_headline() -> None:
    """A copy's menu printed without spaces ('HomeNewsSportWeather ...') is no headline."""
    menu = "HomeNewsSportWeatherCultureTravel Podcasts Videos Contact Privacy Policy Imprint"
    art = newsclean.clean(_copy(menu, "By Jane Walker", "April 26, 2024"))
    assert art.title != menu


def test_name_with_relative_time_dateline_is_the_author() -> None:
    """'Jane Walker|Published 4 hours ago' credits Jane Walker though it carries no date."""
    text = _copy(
        "Trams return to the old town after forty years", "Jane Walker|Published 4 hours ago"
    )
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Jane Walker"]


def test_name_signed_under_the_text_is_the_author() -> None:
    """A plain 'Jane Walker' line right under the last paragraph signs the article."""
    text = _copy("Trams return to the old town after forty years")
    text += "The mayor said the city would now look for more money, because the budget for the "
    text += "next four years does not yet cover the cost of the new depot and its workshops.\n"
    text += "Jane Walker\n" + "More from the city\n"
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Jane Walker"]


def test_capitals_line_under_the_text_is_not_an_author() -> None:
    """'RECOMMENDED VIDEO' under the text is page furniture, not a signature."""
    text = _copy("Trams return to the old town after forty years")
    text += "RECOMMENDED VIDEO\n" + "More from the city\n"
    art = newsclean.clean(text)
    assert art.authors == ()


def test_share_link_after_byline_name_is_cut() -> None:
    """'By Jane Walker Twitter' (the byline's social link) credits Jane Walker."""
    text = _copy(
        "Trams return to the old town after forty years", "By Jane Walker Twitter", "April 26, 2024"
    )
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Jane Walker"]


def test_timed_teaser_above_headline_does_not_demote_it() -> None:
    """A '3h ago Other story' teaser above the headline is no headline; the standfirst is."""
    text = _copy(
        "3h ago Why the harbour plan was a necessary evil for the whole region",
        "Council backs three new tram lines for the region",
        "The council voted to expand the tram network by three new lines after years of debate",
        "By Jane Walker",
        "April 26, 2024",
    )
    art = newsclean.clean(text)
    assert art.title == "Council backs three new tram lines for the region"


def test_markdown_spaced_colon_kicker_is_dropped_when_breadcrumb_has_bare_headline() -> None:
    """'# Culture : Headline' becomes 'Headline' when the breadcrumb names it so, with no ':' left."""
    md = (
        "1.  [Home](/)\n2.  [Culture](/culture)\n"
        "3.  [What the Philippines reads](/culture/what-the-philippines-reads)\n\n"
        "#  Culture :   What the Philippines reads \n\n"
        "The guest of honour at this year's book fair is a country of readers, writers and "
        "publishers that few visitors know well, the organisers said on Tuesday.\n\n"
        "More than a hundred authors travel to the fair, where they will present books in "
        "several languages to an audience that has rarely heard of them before.\n"
    )
    art = newsclean.clean(md)
    assert art.title == "What the Philippines reads"


def test_agency_glued_after_last_byline_name_is_not_part_of_it() -> None:
    """'By Jane Walker and Tom Baker The Associated Press' credits Tom Baker, not 'Tom Baker The...'."""
    text = _copy(
        "Trams return to the old town after forty years",
        "By Jane Walker and Tom Baker The Associated Press",
        "April 26, 2024",
    )
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Jane Walker", "Tom Baker"]


def test_second_name_line_under_byline_label() -> None:
    """'Von' / 'Jasper Brandt' / 'Barbara Schneider': both lines name authors."""
    text = _copy(
        "Trams return to the old town after forty years",
        "Von",
        "Jasper Brandt",
        "Barbara Schneider",
    )
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Jasper Brandt", "Barbara Schneider"]


def test_byline_glued_to_name_beside_dateline() -> None:
    """'byJane Walker' next to the dateline (a copy dropped the space) credits Jane Walker."""
    text = _copy(
        "Trams return to the old town after forty years", "byJane Walker", "April 24, 2019"
    )
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Jane Walker"]


def test_name_beside_today_dateline_and_genre_word_before_byline() -> None:
    """'Publiziert heute um 12:19 Uhr' marks a dateline; 'Kolumne von Jane Walker' credits her."""
    text = _copy(
        "Trams return to the old town after forty years",
        "Kolumne von Jane Walker",
        "Publiziert heute um 12:19 Uhr",
    )
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Jane Walker"]


def test_name_with_bare_relative_time_is_the_author() -> None:
    """'Kyle Brandt 7 hours' under the headline credits Kyle Brandt."""
    text = _copy("Trams return to the old town after forty years", "Kyle Brandt 7 hours")
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Kyle Brandt"]


def test_agency_line_of_its_own_credits_the_agency() -> None:
    """A line that is only 'dpa' under the text of an unsigned article credits dpa."""
    text = _MENU + "Trams return to the old town after forty years\n" + "April 26, 2024\n"
    text += _LEAD + "The mayor said the city would now look for more money, because the budget for "
    text += "the next four years does not yet cover the cost of the new depot and its workshops.\n"
    text += "dpa\n" + "More from the city\n"
    art = newsclean.clean(text)
    assert art.authors == ()
    assert list(art.source.agencies) == ["dpa"]


def test_agency_line_does_not_override_a_byline() -> None:
    """With a byline, a 'Quelle: dpa' line is a photo source, not a credit for the article."""
    text = _copy(
        "Trams return to the old town after forty years",
        "By Jane Walker",
        "April 26, 2024",
        "Quelle: dpa",
    )
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Jane Walker"]
    assert "dpa" not in art.source.agencies


def test_one_word_name_beside_full_names_is_dropped() -> None:
    """'By Jane Walker' and a stray 'von Zeichen' line credit Jane Walker only."""
    text = _copy(
        "Trams return to the old town after forty years",
        "By Jane Walker",
        "von Zeichen",
        "April 26, 2024",
    )
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == ["Jane Walker"]


def test_run_of_author_lines_above_dateline() -> None:
    """Two 'Name – Journalist' lines and a tagline above the dateline credit both names."""
    text = _MENU + "Trams return to the old town after forty years\n"
    text += "Jane Walker – Journalist\n" + "Tom Baker – Journalist\n" + "We report from the city\n"
    text += "Published 05.08.2024, 13.05\n" + _LEAD
    art = newsclean.clean(text)
    assert sorted(p.name for p in art.authors) == ["Jane Walker", "Tom Baker"]


_MD_LEAD = (
    "The city council voted on Tuesday to expand the tram network by three new lines, "
    "a decision that ends years of debate about public transport in the region.\n\n"
    "Construction is expected to begin next spring, and the first line should open "
    "within four years, officials said after the long and heated vote.\n"
)


def test_markdown_breadcrumb_h1_gives_way_to_the_displayed_headline() -> None:
    """An h1 ending a breadcrumb list is the page's title: the h2 above the standfirst wins."""
    md = (
        "-   [Home](/)\n-   [Politics](/politics/)\n"
        "-   # Tram vote: council backs new lines – what it means for you\n\n"
        "Tram network\n\n"
        "## Three new tram lines for the region after years of debate\n\n"
        "By Jane Walker\n\n" + _MD_LEAD
    )
    art = newsclean.clean(md)
    assert art.title == "Three new tram lines for the region after years of debate"


def test_markdown_breadcrumb_h1_with_kicker_of_the_h2_stays_the_headline() -> None:
    """A breadcrumb h1 'Kicker: Headline' over the h2 'Headline' is the headline with its kicker."""
    md = (
        "-   [Home](/)\n-   [Politics](/politics/)\n"
        "-   # Tram vote: Three new tram lines for the region after years of debate\n\n"
        "## Three new tram lines for the region after years of debate\n\n"
        "By Jane Walker\n\n" + _MD_LEAD
    )
    art = newsclean.clean(md)
    assert art.title == "Tram vote: Three new tram lines for the region after years of debate"


def test_text_breadcrumb_end_gives_way_to_the_displayed_headline() -> None:
    """A list item ending a 'Home / Politics' trail is the page's title, not the displayed headline."""
    text = _copy(
        "* Home\n* Politics",
        "* City council votes to expand the tram network by three new lines",
        "Tram network",
        "Council backs three new tram lines after years of debate",
        "By Jane Walker",
        "April 26, 2024",
    )
    art = newsclean.clean(text)
    assert art.title == "Council backs three new tram lines after years of debate"


def test_text_breadcrumb_end_with_kicker_of_the_headline_stays_the_headline() -> None:
    """A trail's last item 'Kicker: Headline' over the line 'Headline' is the headline with its kicker."""
    text = _copy(
        "* Home\n* Politics",
        "* Tram vote: Three new tram lines for the region after years of debate",
        "Three new tram lines for the region after years of debate",
        "By Jane Walker",
        "April 26, 2024",
    )
    art = newsclean.clean(text)
    assert art.title == "Tram vote: Three new tram lines for the region after years of debate"


def test_credit_word_inside_a_headline_does_not_make_it_a_credit() -> None:
    """'First image: ...' (here a list item) is a headline; a credit label opens or ends a line."""
    text = _copy(
        "* First image: this is how the new tram network could look",
        "Transport",
        "By Jane Walker",
        "April 26, 2024",
    )
    art = newsclean.clean(text)
    assert art.title == "First image: this is how the new tram network could look"


def test_headline_split_at_the_colon_is_joined_to_its_kicker() -> None:
    """A line ': Headline' continues the short kicker line above: the title reads 'Kicker: Headline'."""
    text = _copy(
        "Back on track",
        ": Trams return to the old town after forty years",
        "By Jane Walker",
        "April 26, 2024",
    )
    art = newsclean.clean(text)
    assert art.title == "Back on track: Trams return to the old town after forty years"


def test_standfirst_printed_under_the_byline_is_not_the_headline() -> None:
    """The line under 'by Jane Walker' is a standfirst; the headline is printed above the byline."""
    text = _copy(
        "City council backs new tram lines after years of debate",
        "by Jane Walker",
        "The council voted on Tuesday to expand the tram network by three new lines",
        "April 26, 2024",
    )
    art = newsclean.clean(text)
    assert art.title == "City council backs new tram lines after years of debate"


def test_devanagari_headline_of_a_text_copy() -> None:
    """Hindi words keep their vowel signs: the headline shares words with the lead and is found."""
    text = (
        "ताज़ा खबरें यहां देखें अभी\nहोम\nदेश\n"
        "पटना में नई ट्राम लाइनों को मंजूरी मिली\n"
        "26 April 2024\n"
        "पटना नगर निगम ने मंगलवार को ट्राम नेटवर्क में तीन नई लाइनों को मंजूरी दी, जिससे "
        "वर्षों से चल रही बहस खत्म हो गई और लोगों ने इसका स्वागत किया।\n"
        "निर्माण अगले वसंत में शुरू होने की उम्मीद है, और पहली लाइन चार वर्षों के भीतर "
        "खुल जाएगी, अधिकारियों ने लंबी बैठक के बाद बताया।\n"
    )
    art = newsclean.clean(text)
    assert art.title == "पटना में नई ट्राम लाइनों को मंजूरी मिली"


def test_markdown_short_h1_gives_way_to_a_headline_printed_twice() -> None:
    """A two-word h1 printed once ('Article details') loses to the next h2 the page prints twice."""
    md = (
        "## Trams return to the old town after forty years\n\n"
        "[Home](/) [City](/city)\n\n"
        "# Article details\n\n"
        "City\n\n"
        "## Trams return to the old town after forty years\n\n" + _MD_LEAD
    )
    art = newsclean.clean(md)
    assert art.title == "Trams return to the old town after forty years"


def test_french_spaced_colon_of_the_headline_is_kept() -> None:
    """A page whose prose spaces ':' and '?' (French typography) keeps 'Tramway : ...' as written."""
    text = (
        "Accueil\nActualités\n"
        "Tramway : le conseil approuve trois nouvelles lignes\n"
        "Par Jeanne Martin\n"
        "26 avril 2024\n"
        "Le conseil municipal a voté mardi l'extension du tramway : trois nouvelles lignes "
        "seront construites, une décision qui met fin à des années de débat.\n"
        "Pourquoi maintenant ? Les travaux doivent commencer au printemps prochain, et la "
        "première ligne ouvrira d'ici quatre ans, selon la mairie : un calendrier serré.\n"
    )
    art = newsclean.clean(text)
    assert art.title == "Tramway : le conseil approuve trois nouvelles lignes"


def test_headline_under_a_ticker_line_read_as_the_start() -> None:
    """A ticker line read as the body's start does not hide the (echoed) headline four lines below."""
    from newsclean.document import Block, Document
    from newsclean.stages.title import find_title

    ticker = "#1 Why did the storm close the coast road, the mayor asks. #2 Trains are late."
    lines = [
        ("Home", True),
        (ticker, False),
        (ticker, True),
        ("Business", True),
        ("Council backs three new tram lines for the region", False),
        ("The council will spend 900 million to link the suburbs with the old town", False),
        ("26 April 2024 - 14:19", False),
        ("Jane Walker Transport editor", False),
        *((p, False) for p in _LEAD.splitlines()),
        ("Most read", True),
        ("1. Council backs three new tram lines for the region Business", True),
    ]
    doc = Document(raw="", text="", format="text")
    for i, (text, boilerplate) in enumerate(lines):
        doc.blocks.append(Block(index=i, text=text))
        if boilerplate:
            doc.mark(doc.blocks[-1], "boilerplate", "before-article")
    assert find_title(doc).fields["title"][0] == "Council backs three new tram lines for the region"


def test_markdown_glued_kicker_is_dropped_where_an_image_title_splits_it() -> None:
    """An image titled 'Kicker: Headline' shows where a heading glued the two with a space."""
    md = (
        "-   [Football](/football)\n\n"
        "# Premier League Liverpool lose at Everton in the title race\n\n"
        '![The derby on Wednesday.](/derby.jpg "Premier League: Liverpool lose at Everton '
        'in the title race")\n\n'
        "Liverpool lost the Merseyside derby on Wednesday night, a defeat that leaves their "
        "title hopes hanging by a thread with only a handful of games to play.\n\n"
        "The visitors had most of the ball but could not find a way past a defence that "
        "held firm until the final whistle, the manager said after the game.\n"
    )
    art = newsclean.clean(md)
    assert art.title == "Liverpool lose at Everton in the title race"


def test_markdown_heading_keeping_its_colon_is_not_split_by_an_image_title() -> None:
    """A heading 'Kicker: Headline' that the image title repeats is the site's own wording."""
    md = (
        "-   [Football](/football)\n\n"
        "# Premier League: Liverpool lose at Everton in the title race\n\n"
        '![The derby on Wednesday.](/derby.jpg "Premier League: Liverpool lose at Everton '
        'in the title race")\n\n'
        "Liverpool lost the Merseyside derby on Wednesday night, a defeat that leaves their "
        "title hopes hanging by a thread with only a handful of games to play.\n\n"
        "The visitors had most of the ball but could not find a way past a defence that "
        "held firm until the final whistle, the manager said after the game.\n"
    )
    art = newsclean.clean(md)
    assert art.title == "Premier League: Liverpool lose at Everton in the title race"


def test_headline_over_a_standfirst_that_shares_more_words_with_the_lead() -> None:
    """The line a standfirst sits under is the headline, though the standfirst echoes the lead."""
    text = _copy(
        "Features",
        "Home to a famous harbour. Now the city wants to move people faster",
        "Can a small city build a tram network from scratch in only a few years?",
        "By Jane Walker",
        "April 26, 2024",
    )
    art = newsclean.clean(text)
    assert art.title == "Home to a famous harbour. Now the city wants to move people faster"


def test_link_with_new_window_note_is_no_headline() -> None:
    """A line carrying '(opens in a new window)' is a link, however much the lead repeats it."""
    text = (
        "Tram plans for the region (opens in a new window)\n"
        "Council backs three new tram lines\n"
        "By Jane Walker\n"
        "April 26, 2024\n"
        "The council backed plans for three new tram lines in the region (opens in a new window) "
        "on Tuesday, after years of debate about the tram plans and their cost to the city.\n"
        "Construction of the tram lines for the region is expected to start next spring, "
        "officials said, and the first line should open (opens in a new window) in 2028.\n"
        "Opponents argued that buses would serve the region better and cost far less to run, "
        "while supporters said trams carry more passengers on the busiest routes.\n"
    )
    assert newsclean.clean(text).title == "Council backs three new tram lines"


_TRAM_LEAD = (
    "The city council voted on Tuesday to expand the tram network by three new lines, a "
    "decision that ends years of debate about public transport in the region.\n\n"
    "Construction is expected to begin next spring, and the first line should open within "
    "four years, officials said after the long and heated vote.\n"
)


def test_markdown_heading_with_a_glued_kicker_colon_gets_its_space() -> None:
    """A dump's "Kicker:Headline" (a kicker span ending in a colon) reads "Kicker: Headline"."""
    art = newsclean.clean("# Tram plan:Council backs three new lines\n\n" + _TRAM_LEAD)
    assert art.title == "Tram plan: Council backs three new lines"


def test_abbreviation_case_ending_keeps_its_colon() -> None:
    """Case endings ("EU:s", "Yle:n"), "re:publica" and a colon between CJK keep their colons."""
    heading = "EU:s plan for re:publica and Yle:n tram lines, 東京都知事:新しい政策"
    art = newsclean.clean(f"# {heading}\n\n" + _TRAM_LEAD)
    assert art.title == heading


def test_search_form_line_is_ui_text_not_the_headline() -> None:
    """A search form's "Search for: Search" line (printed twice in the header) is UI text."""
    text = (
        "Home\nNews\nSport\nSearch for: Search\nDonate\nSearch for: Search\n\n"
        "Column: Help, the trams are coming!\n\n"
        "Column by Jane Walker - 28.04.2024 at 08:52\n\n"
        "Bible verses and baby nappies instead of double burdens and constant stress: the "
        "content of the influencers awakens a longing for a more relaxed life, they say.\n\n"
        + _TRAM_LEAD
    )
    art = newsclean.clean(text)
    assert art.title != "Search for: Search"
    searches = [r for r in art.provenance.removed if r.text == "Search for: Search"]
    assert searches
    assert all(r.role == "ui" for r in searches)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        (
            "東京都は月曜日、新しい路面電車の路線を三つ建設すると発表しました。工事は来年の春に始まります。",
            "ja",
        ),
        (
            "서울시는 월요일에 새로운 노면전차 노선 세 개를 건설한다고 발표했습니다. 공사는 내년 봄에 시작됩니다.",
            "ko",
        ),
        (
            "Городской совет во вторник проголосовал за расширение трамвайной сети на три новые линии.",
            "ru",
        ),
        (
            "Міська рада у вівторок проголосувала за розширення трамвайної мережі на три нові лінії.",
            "uk",
        ),
        (
            "Το δημοτικό συμβούλιο ψήφισε την Τρίτη την επέκταση του δικτύου του τραμ με τρεις νέες γραμμές.",
            "el",
        ),
        (
            "Belediye meclisi salı günü tramvay ağını üç yeni hatla genişletmek için oy verdi ve bu karar ile yıllardır süren tartışma da sona erdi.",
            "tr",
        ),
        (
            "Hội đồng thành phố đã bỏ phiếu vào thứ Ba để mở rộng mạng lưới xe điện với ba tuyến mới, và đây là một quyết định của người dân.",
            "vi",
        ),
        (  # isiZulu
            "Umkhandlu uthe ukuthi uzokwakha imizila emithathu yezitimela futhi lokhu kuzosiza "
            "abantu kakhulu, kodwa abanye bathi akwanele ngoba izindleko ziphezulu, "
            "njengoba kusho umkhulumeli.",
            "zu",
        ),
        (  # isiXhosa
            "Ibhunga lithe ukuba liza kwakha imigca emithathu yoololiwe kwaye oku kuza kunceda "
            "abantu kakhulu, kodwa abanye bathi akwanelanga kuba iindleko ziphezulu.",
            "xh",
        ),
    ],
)
def test_language_of_a_text_copy_is_guessed_from_its_letters_or_words(
    sentence: str, lang: str
) -> None:
    """Without a declared language, the body's script or function words tell it."""
    a = newsclean.clean(sentence)
    assert a.language == lang
    assert {o.field: o.origin for o in a.provenance.origins}["language"] in (
        "script-guess",
        "stopword-guess",
    )


_GERMAN = [
    "Der Stadtrat hat am Dienstag beschlossen, das Straßenbahnnetz um drei neue Linien zu "
    "erweitern, und damit eine jahrelange Debatte unter den Anwohnern beendet.",
    "Die Bauarbeiten sollen im nächsten Frühjahr beginnen, und die erste Linie soll in vier "
    "Jahren eröffnet werden, wie die Verwaltung auf einer Pressekonferenz sagte.",
    "Die Gegner meinten, das Geld wäre für Busse besser ausgegeben, die man umleiten kann, "
    "wenn die Stadt wächst, und die im Betrieb viel weniger kosten.",
]
_LOREM = [
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed eiusmod tempor incididunt "
    "labore dolore magna aliqua, enim minim veniam quis nostrud exercitation ullamco.",
    "Duis aute irure dolor reprehenderit voluptate velit esse cillum dolore fugiat nulla "
    "pariatur, excepteur sint occaecat cupidatat non proident, sunt culpa qui officia.",
    "Sed perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque "
    "laudantium, totam rem aperiam, eaque ipsa quae illo inventore veritatis quasi.",
]


@pytest.mark.parametrize(
    ("declared", "paras", "lang", "origin"),
    [
        ("de", _GERMAN, "de", "html-lang"),  # the declaration the text bears out stays
        ("en", _GERMAN, "de", "stopword-guess"),  # a template's "en" over German text
        ("en", _LOREM, None, None),  # text in no listed language: no language rather than "en"
        ("en", _GERMAN[:1], "en", "html-lang"),  # too few words to contradict it
        ("yo", _LOREM, "yo", "html-lang"),  # a language without a list cannot be checked
    ],
)
def test_declared_language_is_checked_against_the_text(
    declared: str, paras: list[str], lang: str | None, origin: str | None
) -> None:
    """A page's declared language stands unless the text has none of its function words."""
    body = "".join(f"<p>{p}</p>" for p in paras)
    page = f"<html lang='{declared}'><body><article><h1>Tram</h1>{body}</article></body></html>"
    a = newsclean.clean(page)
    assert a.language == lang
    assert {o.field: o.origin for o in a.provenance.origins}.get("language") == origin
    assert any("is not the text's" in n for n in a.provenance.notes) == (origin != "html-lang")


@pytest.mark.parametrize(
    ("line", "card"),
    [
        ("Jane Walker – Journalist in Paris Journalist in Paris", True),
        ("Jane Walker, Staff Writer", True),
        ("Jane Walker | Redakteurin", True),
        ("Trump – Reporter grilled at press conference", False),  # one name: a kicker
        ("Jane Walker – Reporter finds the old tram depot empty after years of waiting", False),
        ("Journalists protest in Paris over new press law", False),
    ],
)
def test_author_card(line: str, card: bool) -> None:
    """A full name and a role, as printed beside an author's photo, is an author card."""
    from newsclean.names import is_author_card

    assert is_author_card(line) is card


def test_author_card_over_the_dateline_is_no_headline() -> None:
    """An author card sits right above the dateline, where a headline would: it is a byline."""
    a = newsclean.clean(_copy("Jane Walker – Journalist in Paris", "April 26, 2024"))
    assert a.title is None
    assert [p.name for p in a.authors] == ["Jane Walker"]


def test_dateline_under_the_headline_names_the_author_not_one_above() -> None:
    """The page's own date line above the headline does not make its neighbour an author."""
    text = _copy(
        "Tuesday, 26 November 2024",
        "Regional Politics",
        "Trams return to the old town after forty years of buses",
        "Jane Walker",
        "Tue, 26 November 2024 9:27PM",
    )
    a = newsclean.clean(text)
    assert a.title == "Trams return to the old town after forty years of buses"
    assert [p.name for p in a.authors] == ["Jane Walker"]


def test_markdown_dump_keeps_the_microdata_author() -> None:
    """A pandoc dump keeps the page's <div itemprop="author"> lines: they name the author."""
    md = md_dump(
        "# Trams return to the old town after forty years",
        *_LEAD.strip().split("\n"),
        '<div class="box" itemscope="itemscope" itemtype="http://schema.org/Person" '
        'itemprop="author">',
        "#### Jane Walker",
        "##### Redakteurin",
        "</div>",
    )
    a = newsclean.clean(md)
    assert a.provenance.input_format == "markdown"
    assert [p.name for p in a.authors] == ["Jane Walker"]
    assert {o.field: o.origin for o in a.provenance.origins}["authors"] == "microdata:author"


def test_markdown_dump_keeps_the_microdata_date() -> None:
    """A dump's <div itemprop="datePublished" content="…"> gives the time and zone."""
    md = md_dump(
        "# Trams return to the old town after forty years",
        '<div class="info" itemprop="datePublished" content="2024-04-28T13:00:00Z">',
        "By Jane Walker",
        "28 Apr 2024",
        "</div>",
        *_LEAD.strip().split("\n"),
    )
    a = newsclean.clean(md)
    assert a.published == datetime(2024, 4, 28, 13, 0, tzinfo=timezone.utc)
    assert {o.field: o.origin for o in a.provenance.origins}["published"] == (
        "microdata:datePublished"
    )


def test_headline_again_with_its_kicker_is_no_standfirst() -> None:
    """'Kicker : Headline' under the headline is the headline again, not a standfirst."""
    text = _copy(
        "Trams return to the old town after forty years",
        "Transport : Trams return to the old town after forty years",
        "By Jane Walker",
        "April 26, 2024",
    )
    a = newsclean.clean(text)
    assert a.title == "Trams return to the old town after forty years"
    assert a.subtitle is None
    reasons = {r.text: r.reason for r in a.provenance.removed}
    assert reasons["Transport : Trams return to the old town after forty years"] == (
        "repeated-title"
    )


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        (
            "© 2024 The Daily Example, a division of Example Media Inc. All rights reserved.",
            "The Daily Example",
        ),
        ("© Copyright 2024 The Example Times Inc. All rights reserved.", "The Example Times"),
        ("© Example Verlag GmbH & Co. KG 2026. Alle Rechte vorbehalten.", "Example Verlag"),
        ("© 1997—2024 Example.de", "Example.de"),
        ("Copyright © 2024 - example.com", "example.com"),
        ("© 2024 Smith, Jones & Co. Ltd.", "Smith, Jones & Co"),
        ("© 2026 Agence France-Presse", None),  # an agency's notice credits its copy
        ("© 2026 an Example Media company", None),
        ("Our journalists strive for accuracy", None),
    ],
)
def test_copyright_owner(line: str, owner: str | None) -> None:
    """A copyright notice names its owner up to the legal form, a year or the rights clause."""
    from newsclean.stages.source import _copyright_owner

    assert _copyright_owner(line) == owner


def test_publisher_of_a_text_copy_is_its_footer_copyright() -> None:
    """Without metadata, the last copyright notice of the page names the publisher."""
    text = _copy("Trams return to the old town after forty years") + "\n".join(
        [
            "© 2024 Example Wire Service",
            "About us",
            "Contact",
            "Privacy policy",
            "© 2024 The Daily Example, a division of Example Media Inc. All rights reserved.",
        ]
    )
    a = newsclean.clean(text)
    assert a.source.publisher == "The Daily Example"
    assert {o.field: o.origin for o in a.provenance.origins}["publisher"] == "copyright-line"
    assert a.images == ()  # a notice is no photo credit


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("**Jane Walker/John Roe**", ["Jane Walker", "John Roe"]),
        ("Jane Walker", ["Jane Walker"]),
        ("많이 본 뉴스", []),  # a teaser label of a script without capitals: no name
    ],
)
def test_markdown_name_line_under_the_headline(line: str, authors: list[str]) -> None:
    """A dump's line of names only, between headline and body, names the authors."""
    md = md_dump("# Trams return to the old town after forty years", line, *_LEAD.split("\n"))
    a = newsclean.clean(md)
    assert a.provenance.input_format == "markdown"
    assert [p.name for p in a.authors] == authors


@pytest.mark.parametrize(
    ("box", "authors"),
    [
        (["Jane Walker", "Journalist"], ["Jane Walker"]),
        (["Jane Walker", "Redakteurin"], ["Jane Walker"]),
        (["Paris", "Journalist"], []),  # one word: no full name
    ],
)
def test_author_box_name_over_role(box: list[str], authors: list[str]) -> None:
    """An author box (a full name over a line that is only a role) names the author."""
    text = _copy("Trams return to the old town after forty years") + "\n\n" + "\n\n".join(box)
    a = newsclean.clean(text)
    assert [p.name for p in a.authors] == authors
    origins = {o.field: o.origin for o in a.provenance.origins}
    assert origins.get("authors") == ("author-card" if authors else None)


def test_name_over_a_sentence_is_no_author_box() -> None:
    """Under the name, a sentence about the person is no role: the box rule does not apply."""
    text = (
        _copy("Trams return to the old town after forty years")
        + "\n\n"
        + "\n\n".join(
            ["Jane Walker", "Journalist in Paris and Berlin for twenty years", "Contact us"]
        )
    )
    a = newsclean.clean(text)
    assert {o.field: o.origin for o in a.provenance.origins}.get("authors") != "author-card"


def test_two_word_headline_echoed_by_breadcrumb_and_heading_dateline() -> None:
    """A two-word line that ends the breadcrumb trail and heads the dateline is the headline."""
    text = _copy(
        "You are here: Home » City council » Quiet Revolution",
        "Quiet Revolution",
        "Published: April 26, 2024, 15:25 in: City council | Comments: 0",
    )
    art = newsclean.clean(text)
    assert art.title == "Quiet Revolution"


def test_two_word_line_printed_once_is_not_a_headline() -> None:
    """A two-word label above the dateline, printed nowhere else, is not taken as headline."""
    art = newsclean.clean(_copy("Local Affairs", "Published: April 26, 2024"))
    assert art.title != "Local Affairs"


def test_breadcrumb_line_is_not_taken_as_headline() -> None:
    """A 'Home » Section » Headline' trail above the dateline is not the headline itself."""
    text = _copy(
        "Home » Transport » Council backs three new tram lines for the region",
        "Published: April 26, 2024",
    )
    title = newsclean.clean(text).title
    assert title is None or "»" not in title


def test_names_joined_on_a_line_beside_the_dateline_are_the_authors() -> None:
    """A line of two names joined as in a byline, next to the dateline, credits both."""
    text = _copy(
        "Council backs three new tram lines for the region",
        "Jane Walker and Tom Berry",
        "Published April 26, 2024 17:25",
    )
    assert [p.name for p in newsclean.clean(text).authors] == ["Jane Walker", "Tom Berry"]


def test_credit_line_closes_the_caption_above_not_the_byline_below() -> None:
    """In one printed paragraph 'caption / Photo: X / names', the caption is the line above."""
    text = _copy(
        "Council backs three new tram lines for the region",
        "",
        "A tram waits at the depot before its first run through the old town",
        "Photo: Ann Lee",
        "Jane Walker and Tom Berry",
        "Published April 26, 2024 17:25",
        "",
    )
    art = newsclean.clean(text)
    assert [(i.caption, i.credit) for i in art.images] == [
        ("A tram waits at the depot before its first run through the old town", "Ann Lee")
    ]
    assert [p.name for p in art.authors] == ["Jane Walker", "Tom Berry"]


def test_dump_name_lines_one_author_a_line() -> None:
    """Name lines under the headline, one author each and the last with the date, name all."""
    md = md_dump(
        "# Trams return to the old town after forty years",
        "Jane Walker",
        "Tom Berry",
        "Ann Lee, 26 April 2024, 17:25",
        *_LEAD.split("\n"),
    )
    a = newsclean.clean(md)
    assert [p.name for p in a.authors] == ["Jane Walker", "Tom Berry", "Ann Lee"]
    assert a.published is not None
    assert a.published.day == 26


def test_two_hangul_words_beside_the_dateline_are_not_a_name() -> None:
    """Korean names are one word: a two-word Hangul label beside the dateline is no author."""
    text = _copy(
        "Council backs three new tram lines for the region",
        "많이 본 뉴스",
        "Published April 26, 2024 17:25",
    )
    assert newsclean.clean(text).authors == ()


def test_masthead_date_far_above_the_headline_names_no_author() -> None:
    """A date in the masthead, far above the headline, does not make a line beside it a byline."""
    menu = [f"Section {n}" for n in ("One", "Two", "Three", "Four", "Five", "Six", "Seven")]
    text = (
        "Monday, 3 March 2025\n\nNova Terra\n\n"
        + "\n\n".join(menu * 3)
        + "\n\nCouncil backs three new tram lines for the region\n\n"
        + _LEAD
    )
    art = newsclean.clean(text)
    assert art.title == "Council backs three new tram lines for the region"
    assert art.authors == ()


@pytest.mark.parametrize(
    ("box", "authors"),
    [
        (
            ["Jane Walker", "Jane Walker is a staff writer covering transport and housing."],
            ["Jane Walker"],
        ),
        (["Tram Talk", "Tram Talk is our weekly show about the city and its transport."], []),
    ],
)
def test_author_box_under_the_text(box: list[str], authors: list[str]) -> None:
    """A name over a note that opens with the name and a role is the author; a blurb is not."""
    text = _copy("Council backs three new tram lines for the region") + "\n" + "\n\n".join(box)
    art = newsclean.clean(text)
    assert [p.name for p in art.authors] == authors
    if authors:
        assert box[1] not in art.body
        assert [r.reason for r in art.provenance.removed if r.text == box[1]] == ["author-note"]


def test_agency_named_in_the_dateline_is_credited_as_spelt_there() -> None:
    """'Associated Press April 26, 2024' credits the agency with that spelling, not '(AP)'."""
    text = _copy(
        "Council backs three new tram lines for the region",
        "Associated Press April 26, 2024",
        "",
        "SPRINGFIELD (AP) — The city council voted on Tuesday to expand the tram network.",
    )
    art = newsclean.clean(text)
    assert art.source.agencies == ("AP",)
    assert art.source.agency_credits == ("Associated Press",)


def test_closing_author_card_and_note_are_marked() -> None:
    """A name over a role line past the text's first third is the author's box, with its note."""
    from newsclean.core import prepare
    from newsclean.stages.byline import _closing_author_card

    from .pages import ARTICLE_PARAS

    card = ["Jane Walker", "Reporter", "She has covered transport for the paper for ten years."]
    early = ["Tom Berry", "Reporter"]  # the same shape in the first third: left alone
    doc = prepare("\n\n".join([*early, *ARTICLE_PARAS, *card, ARTICLE_PARAS[0]]))
    _closing_author_card(doc)
    reasons = [b.reason for b in doc.blocks]
    n = len(ARTICLE_PARAS)
    assert reasons[:2] == [None, None]
    assert reasons[2 : 2 + n] == [None] * n
    assert reasons[2 + n :] == ["author-card", "author-card", "author-note", None]


def test_time_printed_before_the_date_is_kept() -> None:
    """'Published: 22:04, 22 Apr 2024' is 22:04 on that day, not just the day."""
    text = _copy("Trams return to the old town after forty years", "Published: 22:04, 22 Apr 2024")
    assert newsclean.clean(text).published == datetime(2024, 4, 22, 22, 4)


def test_zone_printed_after_the_time_gives_the_offset() -> None:
    """'12:42 CET' is an aware time: the page says which zone it is in."""
    text = _copy("Trams return to the old town after forty years", "Sat 24 Feb 2024 12.42 CET")
    published = newsclean.clean(text).published
    assert published == datetime(2024, 2, 24, 11, 42, tzinfo=timezone.utc)
    assert isinstance(published, datetime)
    assert published.utcoffset() == timedelta(hours=1)


def test_sentence_mentioning_a_date_is_not_the_dateline() -> None:
    """A note in the header that mentions a broadcast date loses to the real dateline.

    Stage-level: the note sits between byline and body (where datelines are looked for
    first) and the date with its time covers a third of it, as a dateline's would.
    """
    from newsclean.document import Block, Document
    from newsclean.stages import find_dates_stage

    texts = [
        ("27.08.2024, 12:32 Uhr", None),
        ("Trams return to the old town after forty years", "title"),
        ("Von Jane Walker", "byline"),
        ("Über dieses Thema berichtet unser Radio am 26.08.2024 um 06:00 Uhr.", "boilerplate"),
        (_LEAD.splitlines()[0], None),
    ]
    blocks = [Block(index=i, text=t, role=r) for i, (t, r) in enumerate(texts)]
    doc = Document(raw="", text="", format="text", blocks=blocks, flags={"title_index": 1})
    doc = find_dates_stage(doc)
    assert doc.fields["published"][0] == datetime(2024, 8, 27, 12, 32)
    assert blocks[3].role == "boilerplate"


def test_update_line_alone_gives_no_publication_date() -> None:
    """A page that only prints 'Updated 20:49, 5 Aug 2024' has an update, not a publication."""
    text = _copy("Trams return to the old town after forty years", "* Updated 20:49, 5 Aug 2024")
    art = newsclean.clean(text)
    assert art.updated == datetime(2024, 8, 5, 20, 49)
    assert art.published is None


def test_published_line_repeated_under_the_article_leaves_the_body() -> None:
    """The dateline printed again after the text is metadata, not the article's last line."""
    text = (
        _copy(
            "Trams return to the old town after forty years",
            "Von Jane Walker, 28.04.2024, 08:52 Uhr",
        )
        + "\nVeröffentlicht 28.04.2024 um 08:52\n\n"
        + _LEAD.replace("council", "committee")
    )
    art = newsclean.clean(text)
    assert art.published == datetime(2024, 4, 28, 8, 52)
    assert not any("Veröffentlicht" in p.text for p in art.paragraphs)
    removed = [r for r in art.provenance.removed if r.text.startswith("Veröffentlicht")]
    assert [r.reason for r in removed] == ["dateline"]


def test_headline_far_above_the_body_is_found() -> None:
    """A photo gallery between headline and body: the headline printed twice is still found."""
    headline = "Council approves three new tram lines for the old town"
    gallery = [f"{i} of 30 |\nRead More\n" for i in range(1, 31)]
    lead = (
        "The council approved three new tram lines for the old town on Tuesday, ending "
        "years of debate about public transport in the region.\n"
        "Construction is expected to begin next spring, officials said after the vote.\n"
    )
    text = _MENU + f"{headline}\n{headline}\n" + "".join(gallery) + "By Jane Walker\n" + lead
    art = newsclean.clean(text)
    assert art.title == headline
    assert art.paragraphs[0].text.startswith("The council approved")


def test_japanese_copy_keeps_its_short_paragraphs() -> None:
    """One-sentence paragraphs of a Japanese text copy are article text, not page furniture.

    Without spaces, a sentence was one "word" and its characters weighed as little as the
    same number of Latin letters: the one-line paragraphs split the article's run, and the
    body kept only the paragraphs between two of them.
    """
    paragraphs = [
        "市議会は火曜日、路面電車の路線を三つ増やす計画を賛成多数で可決した。"
        "建設費は約八百億円で、このうち三割を国の補助金でまかなう見通しだ。"
        "計画をめぐっては十年以上にわたって議論が続いていた。",
        "長年続いた議論に決着がついた。",
        "最初の路線は四年以内に開業する予定で、市は国からの補助金も申請している。"
        "反対派はバスの増便の方が安く、柔軟に運行できると主張していたが、"
        "採決では少数にとどまった。",
        "工事は来年の春に始まる。",
        "市長は記者会見で「市民の足を守る大きな一歩だ」と述べ、"
        "沿線の商店街に向けた説明会を来月から順次開く方針を示した。"
        "工事期間中の交通規制についても、詳しい計画を年内に公表するという。",
    ]
    menu = "ホーム\nニュース\nスポーツ\n経済\nログイン\n"
    footer = "利用規約\nお問い合わせ\n"
    text = menu + "市議会が路面電車の新路線を承認\n\n" + "\n\n".join(paragraphs) + "\n\n" + footer
    art = newsclean.clean(text)
    assert [p.text for p in art.paragraphs] == paragraphs
