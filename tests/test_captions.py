"""Captions and credits in every format become images, not body text."""

from __future__ import annotations

import pytest

import newsclean

from .pages import ARTICLE_PARAS, md_dump

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
        (
            "A tram at the depot on Monday. — © BELGA",
            "A tram at the depot on Monday.",
            "BELGA",
        ),
        (
            "A tram at the depot. (Symbolfoto) © Getty Images/iStockphoto",
            "A tram at the depot. (Symbolfoto)",
            "Getty Images/iStockphoto",
        ),
        (
            "A tram at the depot on Monday. Photo by Jane S. Doe / AP",
            "A tram at the depot on Monday.",
            "Jane S. Doe / AP",
        ),
        ("Jane Doe at the depot. (Photograph by John Roe)", "Jane Doe at the depot.", "John Roe"),
        ("Trams at the depot. PHOTO BY JOHN ROE/AP", "Trams at the depot.", "JOHN ROE/AP"),
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


_NAV = [f"- [Section {i}](https://example.org/s{i})" for i in range(12)]
_TEASERS = [
    f"[![Another story number {i} of the day]"
    f"(https://example.org/img/teaser{i}.jpg)](https://example.org/t{i})\n\n"
    f"[Another story number {i} of the day](https://example.org/t{i})"
    for i in range(6)
]


def test_markdown_images_are_the_articles_own() -> None:
    """The lead picture stays; a logo above the page and teasers' pictures below it do not."""
    md = md_dump(
        "![Example News logo](https://example.org/static/brand.svg)",
        *_NAV,
        "# Council votes to expand the tram network",
        "![A tram at the depot on Monday.](https://example.org/img/tram-depot.jpg)",
        *PARAS,
        "## More from the city desk",
        *_TEASERS,
        *_NAV,
    )
    a = newsclean.clean(md)
    assert a.provenance.input_format == "markdown"
    assert [p.text for p in a.paragraphs] == PARAS
    assert [(i.url, i.caption) for i in a.images] == [
        ("https://example.org/img/tram-depot.jpg", "A tram at the depot on Monday.")
    ]
    removed = {(r.text, r.reason) for r in a.provenance.removed}
    assert ("Example News logo", "ui-image") in removed  # nothing is dropped silently


def test_text_copy_footer_copyright_is_no_photo_credit() -> None:
    """'© 2024 Example Media' at the foot of a copy is not an image of the article."""
    footer = ["About us", "Contact", "Privacy", "Terms of use", "Careers", "Advertise"]
    footer.append("© 2024 Example Media. All rights reserved")
    teasers = [f"Read next: story {i} of the week" for i in range(5)]
    text = "\n\n".join([*PARAS, *teasers, *footer])
    a = newsclean.clean(text)
    assert [p.text for p in a.paragraphs] == PARAS
    assert a.images == ()
    reasons = {r.text: r.reason for r in a.provenance.removed}
    assert reasons["© 2024 Example Media. All rights reserved"] != "image-caption"


def test_lazy_loading_placeholder_is_not_the_image_url() -> None:
    """A grey placeholder file stands in for the picture: its caption stays, its URL goes."""
    md = md_dump(
        "# Council votes to expand the tram network",
        PARAS[0],
        "![Trams at the depot on Monday.](https://example.org/assets/grey-placeholder.png)",
        *PARAS[1:],
    )
    a = newsclean.clean(md)
    assert [(i.url, i.caption) for i in a.images] == [(None, "Trams at the depot on Monday.")]


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://example.org/static/icons/share.png", "ui"),
        ("https://example.org/common/icon-spinner-animated.svg", "ui"),
        ("/img/appIcon.png", "ui"),
        ("https://example.org/img/site_logo.png?v=2", "ui"),
        ("https://example.org/b/grey-placeholder.png", "placeholder"),
        ("https://example.org/x/lazyload-fallback.gif", "placeholder"),
        ("data:image/gif;base64,R0lGODlhAQABAAAAACw=", "placeholder"),
        ("#inline-data", "placeholder"),
        ("https://example.org/2024/05/tram-depot.jpg?w=800", None),
        ("https://example.org/images/council-vote/photo.webp", None),
        (None, None),
    ],
)
def test_image_url_kind(url: str | None, kind: str | None) -> None:
    """Icons, logos and pixels are told from pictures by the words of their file and folder."""
    from newsclean.rules import image_url_kind

    assert image_url_kind(url) == kind


def test_two_word_credit_label_alone_leaves_no_caption() -> None:
    """'Image Credits: X' on its own line is a credit, not an image captioned 'Image'."""
    from newsclean.stages.images import _split_credit

    assert _split_credit("Image Credits: Example Corp") == ("", "Example Corp")
    assert _split_credit("A tram. Image Credits: Example Corp") == ("A tram.", "Example Corp")


def test_alt_text_that_only_says_image_is_no_caption() -> None:
    """Alt text "Image" is no caption; on a base64 stand-in nothing is left of the image."""
    md = md_dump(
        "# Council votes to expand the tram network",
        *PARAS[:2],
        "![Image](https://example.org/img/tram-depot.jpg)",
        PARAS[2],
        "![Image](data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7)",
        PARAS[3],
    )
    a = newsclean.clean(md)
    assert [p.text for p in a.paragraphs] == PARAS
    assert [(i.url, i.caption) for i in a.images] == [
        ("https://example.org/img/tram-depot.jpg", None)
    ]
    assert [r.reason for r in a.provenance.removed if r.text == "Image"] == [
        "image-caption",
        "empty-image",
    ]


def test_split_caption_with_its_credit_label_apart_is_one_image() -> None:
    """'<figcaption>Text (<div>Image:</div>Agency)</figcaption>' outside a figure: one image.

    The credit printed under every picture repeats, and "Image:" reads as UI text on its own;
    both still belong to their caption.
    """
    cap = "<figcaption>{} (<div>Image:</div>Getty Images/iStockphoto)</figcaption>"
    captions = ["Ivy on a kitchen shelf", "An aloe plant by the window", "A spider plant"]
    body = ""
    for i, p in enumerate(PARAS[:3]):
        body += f"<p>{p}</p>" + cap.format(captions[i])
    body += f"<p>{PARAS[3]}</p>"
    a = newsclean.clean(f"<html><body><article><h1>Plants</h1>{body}</article></body></html>")
    assert [p.text for p in a.paragraphs] == PARAS
    assert [(i.caption, i.credit) for i in a.images] == [
        (c, "Getty Images/iStockphoto") for c in captions
    ]


def test_caption_taken_by_a_later_stage_leaves_the_image() -> None:
    """A caption line that a later stage reads as a byline leaves the image with its credit."""
    text = "\n\n".join(
        [
            "Council votes to expand the tram network",
            "Image: Getty Images/Jane Roe",
            "By",
            "John Doe",
            *PARAS,
        ]
    )
    a = newsclean.clean(text)
    assert [p.name for p in a.authors] == ["John Doe"]
    assert [(i.caption, i.credit) for i in a.images] == [(None, "Getty Images/Jane Roe")]


def test_prose_naming_a_photographer_stays_body() -> None:
    """A sentence that ends "... a photo by X." is prose, not a caption with a credit."""
    line = "The mayor keeps a framed print on her desk, a photo by Jane Doe."
    text = "\n\n".join([PARAS[0], PARAS[1], line, PARAS[2], PARAS[3]])
    a = newsclean.clean(text)
    assert line in [p.text for p in a.paragraphs]
    assert a.images == ()


def test_an_image_a_users_stage_adds_is_kept() -> None:
    """A stage of the user's may add an image dict of its own; select_images keeps it."""

    def add_image(doc: newsclean.Document) -> newsclean.Document:
        doc.images.append({"url": "https://example.org/map.png", "caption": "The new lines"})
        return doc

    pipe = newsclean.Pipeline.default().insert(add_image, before="select_images")
    a = newsclean.clean("\n\n".join(PARAS), pipeline=pipe)
    assert [(i.url, i.caption) for i in a.images] == [
        ("https://example.org/map.png", "The new lines")
    ]


@pytest.mark.parametrize("alt", ["Video", "Close", "50:55", "„"])
def test_alt_text_that_describes_nothing_is_no_caption(alt: str) -> None:
    """A UI label, a play time or a lone mark as alt text: the picture stays, uncaptioned."""
    md = md_dump(
        "# Council votes to expand the tram network",
        *PARAS[:2],
        f"![{alt}](https://example.org/img/tram-depot.jpg)",
        *PARAS[2:],
    )
    a = newsclean.clean(md)
    assert [(i.url, i.caption) for i in a.images] == [
        ("https://example.org/img/tram-depot.jpg", None)
    ]


def test_has_caption_class_is_not_a_caption() -> None:
    """A header flagged 'hasCaption' holds a caption; its byline and date are not captions."""
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    html = (
        "<html><body><article>"
        '<div class="articleHeader hasCaption">'
        "<h1>Council backs three new tram lines</h1>"
        '<div class="caption"><p>A tram at the depot on Monday.</p><p>Photo: Ann Lee</p></div>'
        '<div class="meta"><div class="byline"><p>Jane Walker and Tom Berry</p></div>'
        "<p>Published April 26, 2024 17:25</p></div>"
        f"</div>{body}</article></body></html>"
    )
    art = newsclean.clean(html)
    assert [p.name for p in art.authors] == ["Jane Walker", "Tom Berry"]
    assert all("Walker" not in (i.caption or "") for i in art.images)
