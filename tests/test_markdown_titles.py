"""Headlines of markdown dumps read with the page's share links, separators and kicker spans."""

from __future__ import annotations

from urllib.parse import quote

import newsclean
from newsclean import Pipeline
from newsclean.core import prepare

_BODY = (
    "Liverpool lost the Merseyside derby on Wednesday night, a defeat that leaves their "
    "title hopes hanging by a thread with only a handful of games to play.\n\n"
    "The visitors had most of the ball but could not find a way past a defence that "
    "held firm until the final whistle, the manager said after the game.\n"
)
_URL = "https://news.example/football/derby"


def _share(endpoint: str, text: str, param: str = "text") -> str:
    """A share button's markdown link carrying ``text`` in its ``param``."""
    return f"[Share]({endpoint}?{param}={quote(text)}&url={quote(_URL)})"


def _dump(*lines: str) -> str:
    """A markdown dump: a menu, the given lines as blocks, then the article's two paragraphs."""
    return "-   [Football](/football)\n\n" + "".join(line + "\n\n" for line in lines) + _BODY


def test_share_links_become_share_title_candidates() -> None:
    """Share links give their title, cut before the URL and a 'via @site'; other links none."""
    md = _dump(
        "# Liverpool lose at Everton in the title race",
        _share("whatsapp://send", f"Liverpool lose at Everton in the title race {_URL}"),
        _share("https://twitter.com/intent/tweet", "Liverpool lose at Everton via @site"),
        _share("https://news.example/stats/", "Liverpool lose at Everton", param="title"),
    )
    doc = Pipeline.default().run(prepare(md))
    found = {(c.origin, c.value) for c in doc.get("share_title")}
    assert found == {
        ("share-link:whatsapp:send", "Liverpool lose at Everton in the title race"),
        ("share-link:https:twitter.com/intent/tweet", "Liverpool lose at Everton"),
    }


def test_share_link_in_plain_quotes_spells_a_typographic_heading() -> None:
    """One share link writing the heading's words with plain quotes wins the tie (as og:title)."""
    md = _dump(
        "# Everton’s defence holds as Liverpool lose the derby",
        _share("mailto:", "Everton's defence holds as Liverpool lose the derby", "subject"),
    )
    assert newsclean.clean(md).title == "Everton's defence holds as Liverpool lose the derby"


def test_share_link_in_other_case_does_not_outvote_the_heading() -> None:
    """A tie between two spellings that differ in more than quotes keeps the heading's."""
    md = _dump(
        "# Everton Defence Holds As Liverpool Lose The Derby",
        _share("https://twitter.com/intent/tweet", "Everton defence holds as Liverpool lose"),
        _share("whatsapp://send", "Everton defence holds as Liverpool lose the derby"),
    )
    assert newsclean.clean(md).title == "Everton Defence Holds As Liverpool Lose The Derby"


def test_share_links_restore_the_colon_of_a_glued_kicker() -> None:
    """Links spelling 'Kicker:Headline' keep the kicker a breadcrumb leaves out, colon spaced."""
    md = (
        "-   [Football](/football)\n-   [Premier League](/pl)\n"
        "-   Liverpool lose at Everton in the title race\n\n"
        "# Premier League Liverpool lose at Everton in the title race\n\n"
        + _share("whatsapp://send", "Premier League:Liverpool lose at Everton in the title race")
        + "\n\n"
        + _share(
            "https://bsky.app/intent/compose",
            "Premier League:Liverpool lose at Everton in the title race",
        )
        + "\n\n"
        + _BODY
    )
    art = newsclean.clean(md)
    assert art.title == "Premier League: Liverpool lose at Everton in the title race"


def test_two_services_agreeing_on_another_wording_outvote_the_heading() -> None:
    """A wording two services share beats a heading no link backs; one service does not."""
    heading = "# Liverpool lose at Everton and see their title hopes fade in the derby"
    social = "Liverpool lose at Everton as title hopes fade"
    two = _dump(
        heading,
        _share("https://www.facebook.com/share.php", social, "title"),
        _share("https://www.reddit.com/submit", social, "title"),
    )
    art = newsclean.clean(two)
    assert art.title == social
    assert {o.field: o.origin for o in art.provenance.origins}["title"] == "share-links"
    one = _dump(heading, _share("https://www.reddit.com/submit", social, "title"))
    assert newsclean.clean(one).title == heading[2:]


def test_share_wording_that_only_adds_a_label_backs_the_heading() -> None:
    """'Site: Headline' links back the heading: a shorter tail of it is no rival wording."""
    md = _dump(
        "# Derby day: Liverpool lose at Everton in the title race",
        _share("https://twitter.com/intent/tweet", "Liverpool lose at Everton in the title race"),
        _share("whatsapp://send", "Liverpool lose at Everton in the title race"),
    )
    assert newsclean.clean(md).title == "Derby day: Liverpool lose at Everton in the title race"


def test_padded_separator_of_joined_spans_drops_the_kicker() -> None:
    """'Kicker  -   Headline' (span whitespace kept by the dump) is the headline alone."""
    md = _dump("### Premier League  -   Liverpool lose at Everton in the title race")
    assert newsclean.clean(md).title == "Liverpool lose at Everton in the title race"


def test_singly_spaced_separator_is_the_sites_own_wording() -> None:
    """'Kicker - Headline' spaced once is kept whole."""
    md = _dump("### Premier League - Liverpool lose at Everton in the title race")
    assert (
        newsclean.clean(md).title == "Premier League - Liverpool lose at Everton in the title race"
    )


def test_kicker_joined_two_ways_by_two_headings_is_dropped() -> None:
    """'Kicker: Headline' over 'Kicker – Headline': the kicker is an element of its own."""
    md = _dump(
        "# Premier League: Liverpool lose at Everton in the title race",
        "## Premier League – Liverpool lose at Everton in the title race",
    )
    art = newsclean.clean(md)
    assert art.title == "Liverpool lose at Everton in the title race"
    assert "Premier League" not in art.body


def test_share_texts_are_collected_up_to_a_bound() -> None:
    """A page of a thousand share-like links yields a bounded number of candidates."""
    links = " ".join(_share("whatsapp://send", f"Story number {i} of the day") for i in range(1000))
    doc = prepare(_dump("# Liverpool lose at Everton in the title race", links))
    assert len(doc.get("share_title")) == 64
