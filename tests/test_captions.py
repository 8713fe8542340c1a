"""Captions and credits in every format become images, not body text."""

from __future__ import annotations

import pytest

import newsclean

from .pages import ARTICLE_PARAS

PARAS = ARTICLE_PARAS


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "A tram at the depot on Monday. Bildrechte: Example Verlag/Jane Doe",
            "A tram at the depot on Monday.",
            "Example Verlag/Jane Doe",
        ),
        (
            "A tram at the depot on Monday. (AP Photo/Jane Doe)",
            "A tram at the depot on Monday.",
            "AP Photo/Jane Doe",
        ),
        (
            "A tram at the depot on Monday. Ljósmynd/Jane Doe",
            "A tram at the depot on Monday.",
            "Jane Doe",
        ),
        (
            "A tram at the depot on Monday. Image Credits: Jane Doe",
            "A tram at the depot on Monday.",
            "Jane Doe",
        ),
    ],
)
def test_caption_line_with_credit_in_text_copy(line: str, caption: str, credit: str) -> None:
    """A text line ending in a photo credit is an image caption, whatever the credit word."""
    text = "\n\n".join([PARAS[0], PARAS[1], line, PARAS[2], PARAS[3]])
    a = newsclean.clean(text)
    assert [p.text for p in a.paragraphs] == PARAS
    assert [(i.caption, i.credit) for i in a.images] == [(caption, credit)]


def test_credit_line_captions_the_line_under_it() -> None:
    """'© Agency' alone on a line takes the short line under it as its caption."""
    text = "\n\n".join(
        [PARAS[0], "© picture-alliance / dpa\nTrams at the depot (archive image)", *PARAS[1:]]
    )
    a = newsclean.clean(text)
    assert [p.text for p in a.paragraphs] == PARAS
    assert [(i.caption, i.credit) for i in a.images] == [
        ("Trams at the depot (archive image)", "picture-alliance / dpa")
    ]


def test_emphasised_line_beside_an_inline_image_is_its_caption() -> None:
    """'<p><img><br><em>Caption</em></p>' (no <figure>) is an image with that caption."""
    img = (
        "<p><img src='https://example.org/tram.jpg' alt=''><br>"
        "<em>A tram at the depot on Monday (R)</em></p>"
    )
    body = "".join(f"<p>{p}</p>" for p in PARAS[:2]) + img
    body += "".join(f"<p>{p}</p>" for p in PARAS[2:])
    html = f"<html><body><article><h1>Trams</h1>{body}</article></body></html>"
    a = newsclean.clean(html)
    assert [p.text for p in a.paragraphs] == PARAS
    assert [(i.url, i.caption) for i in a.images] == [
        ("https://example.org/tram.jpg", "A tram at the depot on Monday (R)")
    ]


def test_emphasised_paragraph_without_an_image_stays_body() -> None:
    """An emphasised paragraph is body when no image sits in the same element."""
    line = "A short emphasised note on the vote (R)"
    body = "".join(f"<p>{p}</p>" for p in PARAS[:2]) + f"<p><em>{line}</em></p>"
    body += "".join(f"<p>{p}</p>" for p in PARAS[2:])
    a = newsclean.clean(f"<html><body><article><h1>Trams</h1>{body}</article></body></html>")
    assert line in [p.text for p in a.paragraphs]
    assert a.images == ()
