"""Boilerplate lines inside an article are removed with their reason, in every format."""

from __future__ import annotations

import pytest

import newsclean

from .pages import ARTICLE_PARAS

PARAS = ARTICLE_PARAS


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("12:30", "timestamp"),
        ("5 min ago", "timestamp"),
        ("•vor 2 Std.", "timestamp"),
        ("Heute, 12:37 Uhr", "timestamp"),
        ("il y a 3 heures", "timestamp"),
        ("22 hours ago", "timestamp"),
        (
            "An dieser Stelle finden Sie einen von unseren Redakteuren ausgewählten, externen "
            "Inhalt, der den Artikel für Sie mit zusätzlichen Informationen anreichert. Sie "
            "können sich hier den externen Inhalt mit einem Klick anzeigen lassen oder wieder "
            "ausblenden.",
            "cookie-prompt",
        ),
        ("Ein Klick für den Datenschutz", "cookie-prompt"),
        ("Neueste Beiträge", "related-links"),
        ("Recent posts", "related-links"),
        ("Read more: Trams in the city", "related-links"),
        ("Read next", "related-links"),
        ("Free weekly newsletter", "newsletter-prompt"),
        (
            "By signing up, you agree to our terms of use and privacy policy, and you confirm "
            "that you are at least sixteen years old and happy to receive occasional emails "
            "about our journalism, events and offers, from which you may unsubscribe at any "
            "time using the link at the bottom of every email we send.",
            "newsletter-prompt",
        ),
        ("Themen #Klima #Energie #Verkehr", "tag-list"),
        ("Skip past newsletter promotion", "ui-text"),
        ("20:42KEY EVENT", "timestamp"),
        ("21:00Jane Doe", "timestamp"),
        ("3/12", "gallery-counter"),
        ("HomeNewsSportWeatherCulture Podcasts Videos Contact", "menu-line"),
        ("Lecture 4 min.", "reading-time"),
        ("3 Kommentare", "comment-count"),
        ("dpa", "agency-line"),
        ("mit dpa", "agency-line"),
        ("— Jane Doe (@janedoe) May 6, 2025", "social-embed"),
        ("Bron: Belga", "agency-line"),
        ("Comments (12)", "comment-count"),
        ("Got a story? Get in touch with our news team at news@example.com.", "contact-prompt"),
        ("Follow The Daily Example on Google News for the latest updates.", "follow-prompt"),
        (
            "Die Regierung hat neue Sanktionen beschlossen. Was das bedeutet. 18.04.2024 | 0:21 min",
            "media-duration",
        ),
        ("Facebook 12 X 3 WhatsApp", "share-buttons"),
        ("Please enable JavaScript to view the comments powered by Disqus.", "comment-form"),
        ("Teilen WhatsApp Facebook", "share-buttons"),
        (
            "Did you enjoy this article? Then support us with a donation or become a member.",
            "subscription-prompt",
        ),
        (
            "Hat Ihnen dieser Artikel gefallen? Dann teilen Sie ihn mit Ihren Freunden.",
            "subscription-prompt",
        ),
    ],
)
def test_line_inside_article_is_removed(line: str, reason: str) -> None:
    """A line that is no article text is removed with its reason code, the prose kept."""
    text = "\n\n".join([PARAS[0], PARAS[1], line, PARAS[2], PARAS[3]])
    a = newsclean.clean(text)
    assert [p.text for p in a.paragraphs] == PARAS
    assert [r.reason for r in a.provenance.removed if r.text == line] == [reason]


@pytest.mark.parametrize(
    "line",
    ["At 12:30 the council met again.", "The vote took 5 minutes.", "Three of 12 members left."],
)
def test_prose_with_times_stays(line: str) -> None:
    """Sentences that mention a time or a count are article text."""
    text = "\n\n".join([PARAS[0], PARAS[1] + " " + line, PARAS[2], PARAS[3]])
    a = newsclean.clean(text)
    assert a.paragraphs[1].text.endswith(line)


def test_live_blog_entry_heading_with_a_time_stays() -> None:
    """'15.32 Uhr: Headline' heads a live-blog entry: article text, unlike '21:00Jane Doe'."""
    line = "15.32 Uhr: Council approves the tram plan"
    text = "\n\n".join([PARAS[0], PARAS[1], line, PARAS[2], PARAS[3]])
    a = newsclean.clean(text)
    assert line in [p.text for p in a.paragraphs]


def test_author_note_at_the_end_is_removed() -> None:
    """A closing note that opens with the author's name is an author bio, not article text."""
    note = "Doe covers city politics for the Example Daily. She is based in Springfield."
    text = "\n\n".join(["Trams for everyone", "By Jane Doe", *PARAS, note])
    a = newsclean.clean(text)
    assert [p.name for p in a.authors] == ["Jane Doe"]
    assert [p.text for p in a.paragraphs] == PARAS
    assert [r.reason for r in a.provenance.removed if r.text == note] == ["author-note"]


def test_paragraph_quoting_a_namesake_mid_article_stays() -> None:
    """Only the last blocks are searched: an author's name early in the article is text."""
    quote = "Doe said the council had waited too long, and that the city would pay for it later on."
    text = "\n\n".join(["Trams for everyone", "By Jane Doe", PARAS[0], quote, *PARAS[1:], PARAS[0]])
    a = newsclean.clean(text)
    assert quote in [p.text for p in a.paragraphs]


def test_readers_comments_after_the_article_are_not_body() -> None:
    """Prose after a comment-count header is readers' comments, not the article."""
    comments = [
        "I think the council is wasting money again, as it did with the stadium ten years ago, and nobody will be held responsible for it when the costs double.",
        "Trams are the future and every city that built them is happy with the results today, so I do not understand why people keep complaining about it here.",
        "My street will be dug up for two years. Nobody asked the people who live here what they think, and the meetings were held while everyone was at work.",
    ]
    text = "\n\n".join([*PARAS, "2 Comments", *comments])
    a = newsclean.clean(text)
    assert [p.text for p in a.paragraphs] == PARAS


def test_read_also_line_mid_article_does_not_end_it() -> None:
    """A 'read also' line between article paragraphs is removed and the article goes on."""
    long = [p + " " + p for p in PARAS[:3]]
    text = "\n\n".join([*long, "Lesen Sie auch", *["Share this article"] * 3, *PARAS[2:]])
    a = newsclean.clean(text)
    assert [p.text for p in a.paragraphs] == [*long, *PARAS[2:]]


def test_most_read_box_in_a_text_copy_does_not_split_the_article() -> None:
    """A "Most read in <section>" box of teasers mid-article is related, and the article
    around it is kept whole."""
    box = [
        "Most read in Football",
        "SHOCK SACK",
        "Club sacks manager just days before the play-offs",
        "RED ALERT",
        "Striker boards plane as move is set to be completed",
    ]
    text = "\n\n".join(["Trams for everyone", PARAS[0], PARAS[1], *box, PARAS[2], PARAS[3]])
    a = newsclean.clean(text)
    assert [p.text for p in a.paragraphs] == PARAS
    assert [r.reason for r in a.provenance.removed if r.text == box[0]] == ["related-links"]


def test_comment_headers_end_the_article_in_a_text_copy() -> None:
    """'Name says:' above a date line opens the reader comments: the article ends there."""
    comments = [
        "1. Jane Reader sagt:",
        "28. April 2024 um 11:12 Uhr",
        "I think the council is right, and the trams will be full from the first day on, "
        "because the buses have been crowded for years and the roads are always jammed.",
        "2. Max says:",
        "28. April 2024 um 12:34 Uhr",
        "Buses would have been cheaper, and nobody asked the people who live along the lines "
        "what they think of years of building work in front of their homes and shops.",
    ]
    text = "\n\n".join(["Trams for everyone", *PARAS, *comments])
    a = newsclean.clean(text)
    assert [p.text for p in a.paragraphs] == PARAS
    headers = [r.text for r in a.provenance.removed if r.reason == "comment-header"]
    assert headers == ["1. Jane Reader sagt:", "2. Max says:"]


def test_line_ending_in_says_without_a_date_stays() -> None:
    """A line that ends in "says:" but has no date under it introduces a quote: article text."""
    line = "Here is what the mayor says:"
    text = "\n\n".join(["Trams for everyone", *PARAS[:2], line, *PARAS[2:]])
    a = newsclean.clean(text)
    assert line in [p.text for p in a.paragraphs]


def test_quoted_post_above_its_signature_in_a_markdown_dump_is_an_embed() -> None:
    """The quote lines of an embedded post, up to its "— Name (@handle) Date" line, are media."""
    post = [
        "> The council has voted for three new tram lines, a big day for the city!",
        ">",
        "> — Jane Doe (@janedoe) [May 6, 2025](https://x.com/janedoe/status/1)",
    ]
    md = "\n\n".join(["# Trams for everyone", PARAS[0], PARAS[1], "\n".join(post), *PARAS[2:]])
    a = newsclean.clean(md)
    assert [p.text for p in a.paragraphs] == PARAS
    gone = {r.text: r.reason for r in a.provenance.removed}
    assert gone["The council has voted for three new tram lines, a big day for the city!"] == (
        "social-embed"
    )
