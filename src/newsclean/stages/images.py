"""Images: captions and credits become :class:`Image` records, not body text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..document import KEPT_ROLES, Block, Document
from ..names import agency_of
from ..rules import COPYRIGHT_OPEN, RIGHTS_RESERVED, agencies, image_url_kind, match_phrase
from ..textutil import is_sentence_like, word_count

__all__ = ["CREDIT_LABELS", "claim_captions", "find_images", "select_images"]

# the words that introduce a photo credit, each also with a plural "s": "Credit...Jim
# Huylebroek", "Photo: AP", "(Foto: dpa)", "Bild: Reuters", "Bildrechte: MDR/Jane Doe"
CREDIT_LABELS = (
    "credit|photograph|photo|foto|bild|bilder|image|picture|quelle|source|crédit|crédito|imagen|"
    "grafik|illustration|bildrechte|bildquelle|ljósmynd|zdjęcie|kuva|fotografía|fotografia|фото"
)
# a credit closing a caption: label and separator (or ©), then the credit
_CREDIT_TAIL = re.compile(
    rf"(?:^|(?<=\W))((?:{CREDIT_LABELS})s?\s*(?:\.{{2,3}}|…|:|/)|©|\(c\))"
    r"\s*([^()\[\]]{2,120}?)\s*[)\]]?\s*$",
    re.IGNORECASE,
)
# a credit closing a caption in words: "Photo by Jane Doe / AP", "(Photograph by Jane Doe)";
# the credit does not end a sentence ("He framed a photo by Ansel Adams." is prose)
_CREDIT_BY = re.compile(
    r"(?:^|(?<=[\s(]))((?:photo|photograph|picture|image)s?\s+by)\s+"
    r"([^()\[\]]{2,80}?)(?<![.!?])\s*[)\]]?\s*$",
    re.IGNORECASE,
)
# a line that opens with a credit label: "© picture alliance", "Photo: AP"
_CREDIT_LINE = re.compile(
    rf"^\s*(?:©|\(c\)|(?:{CREDIT_LABELS})s?\s*(?:\.{{2,3}}|…|:))", re.IGNORECASE
)
# a credit line's label, to take off the credit ("Foto: dpa" -> "dpa")
_CREDIT_LABEL = re.compile(rf"^(?:{CREDIT_LABELS})s?\s*(?:\.{{2,3}}|…|:)\s*", re.IGNORECASE)
# a credit label as a word of its own, or ©, anywhere (see _has_credit_word)
_CREDIT_WORD = re.compile(rf"(?:\b(?:{CREDIT_LABELS})s?\s*(?:\.{{2,3}}|…|:|/))|©", re.IGNORECASE)


# one or two words glued before the credit word: "(AP Photo/...)", "Image Credits: ..."
_CREDIT_PREFIX = re.compile(r"(?:^|[.(|]\s*)((?:[^\s.(|]+\s+){0,1}[^\s.(|]+)\s*$")
_CREDIT_WORDS = frozenset({"image", "images", "photo", "photos", "picture", "foto", "bild"})


def _may_have_credit(text: str) -> bool:
    """Whether _CREDIT_TAIL can match: it needs one of these (its search tries every position)."""
    return (
        ":" in text
        or ".." in text
        or "…" in text
        or "©" in text
        or "(c)" in text
        or "(C)" in text
        or "/" in text  # "AP Photo/Jane Doe", "Ljósmynd/Aðsend"
    )


def _split_credit(text: str) -> tuple[str, str | None]:
    tail = _CREDIT_TAIL.search(text)
    m = tail or _credit_by(text)
    if m is None:
        return text, None
    by = tail is None
    credit = m.group(2).strip(" .,;")
    head = text[: m.start()]
    # a word glued before a credit *word* belongs to it ("AP Photo/"); before "©" or
    # "Photo by" it does not
    p = _CREDIT_PREFIX.search(head) if not by and m.group(1)[0].isalpha() else None
    if p is not None and len(p.group(1)) <= 12:
        prefix = p.group(1)
        if prefix.casefold() in _CREDIT_WORDS:  # a two-word label: "Image Credits: Example Media"
            head = head[: p.start(1)]
        elif p.start(1) > 0:  # an agency: "AP Photo/Jane Doe"
            head = head[: p.start(1)]
            credit = text[p.start(1) :].strip(" .,;)]")
    caption = head.strip(" |/([—–-")
    return caption, credit or None


def _credit_by(text: str) -> re.Match[str] | None:
    """ "… Photo by Jane Doe / AP" (the gate spares the regex the lines without " by ")."""
    return _CREDIT_BY.search(text) if " by " in text.lower() else None


# a copyright notice: ©/Copyright opening a line that names a year or reserves the rights
# (dev corpus: 70 such lines had been read as photo credits, 65 of them in page footers and
# the others syndication notices; none was a photo's credit)
_NOTICE = re.compile(COPYRIGHT_OPEN + r".*?(?:\b(?:19|20)\d{2}\b|" + RIGHTS_RESERVED + ")", re.I)


def _is_notice(text: str) -> bool:
    """A copyright notice of the page ("© 2024 Example Media"), not a photo credit."""
    head = text.lstrip(" \t*•·-")[:9].lower()
    if not head.startswith(("©", "(c)", "copyright")):
        return False  # (nearly every block: the regex is spared)
    return _NOTICE.match(text) is not None


def _is_photo_credit(text: str) -> bool:
    low = text.casefold().strip(" .()")
    if agency_of(low):
        return True
    photo = agencies().photo
    return any(p in low for p in photo if len(p) >= 4) or low in photo


def _has_credit_word(text: str) -> bool:
    """The credit at the end is introduced by a credit word or ©, not just a colon."""
    m = _CREDIT_WORD.search(text)
    return m is not None and m.start() >= len(text) - 160


def _image(
    doc: Document, blocks: list[Block], url: str | None, caption: str | None, credit: str | None
) -> None:
    doc.images.append(
        {
            "url": url,
            "caption": caption or None,
            "credit": credit or None,
            "blocks": [b.index for b in blocks],
        }
    )


def _pair_credit(doc: Document, i: int, credit: str | None) -> bool:
    """A credit line and its caption are one image: the line above it in the same printed
    paragraph (chunk), or else the short caption line under it (same chunk, or not prose)."""
    blocks = doc.blocks
    b = blocks[i]
    chunk = b.extra.get("chunk")
    prev = blocks[i - 1] if i > 0 else None
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    caption: Block | None = None
    if (
        chunk is not None
        and prev is not None
        and prev.extra.get("chunk") == chunk
        and prev.role in KEPT_ROLES
        and prev.kind == "paragraph"
        and word_count(prev.text) <= 60
    ):
        # the credit ends a printed paragraph under the caption it closes ("Caption text" /
        # "Photo: Jane Doe" / next line): that caption is its own, the next line is not
        caption = prev
    elif (
        nxt is not None
        and nxt.role in KEPT_ROLES
        and word_count(nxt.text) <= 30
        and nxt.kind != "heading"
        and nxt.link_density < 0.5
        and (
            (chunk is not None and nxt.extra.get("chunk") == chunk)
            or (not is_sentence_like(nxt.text) and _is_photo_credit(credit or ""))
        )
    ):
        caption = nxt
    if caption is None:
        return False
    _image(doc, [caption, b] if caption is prev else [b, caption], None, caption.text, credit)
    doc.mark(b, "credit", "photo-credit")
    doc.mark(caption, "caption", "image-caption")
    return True


def find_images(doc: Document) -> Document:
    """Turn caption and credit blocks into images; mark them caption/credit."""
    by_figure: dict[Any, list[Block]] = {}
    order: list[Any] = []
    blocks = doc.blocks
    inline_images = {
        info["block_el"]: info
        for info in doc.images_raw
        if info.get("block_el") is not None
        and info.get("figure") is None
        and not info.get("in_link")
    }
    for i, b in enumerate(blocks):
        image = b.extra.get("image")
        if image is not None:  # markdown alt text
            if image.get("in_link"):
                doc.mark(b, "media", "linked-image")
                continue
            caption, credit = _split_credit(b.text)
            _image(doc, [b], image.get("url"), caption, credit)
            doc.mark(b, "caption", "image-caption")
            continue
        fig = b.extra.get("figure")
        if fig is not None and (b.kind == "caption" or b.extra.get("credit")):
            if fig not in by_figure:
                by_figure[fig] = []
                order.append(fig)
            by_figure[fig].append(b)
            continue
        if b.role not in KEPT_ROLES:
            continue
        info = inline_images.get(b.extra.get("el")) if inline_images else None
        if info is not None and b.extra.get("emphasized") and word_count(b.text) <= 40:
            # "<p><img …><br><em>Caption</em></p>": emphasised text alone beside an image
            caption, credit = _split_credit(b.text)
            _image(doc, [b], info.get("url"), caption or None, credit)
            doc.mark(b, "caption", "image-caption")
            continue
        if _is_notice(b.text):
            continue  # "© 2024 Example Media. All rights reserved": the page's, not a photo's
        strong = b.extra.get("trailing_strong")
        if strong and _is_photo_credit(strong) and word_count(b.text) <= 60:
            _image(doc, [b], None, b.text[: -len(strong)].strip(), strong)
            doc.mark(b, "caption", "photo-caption")
            continue
        if (
            b.kind == "paragraph"
            and word_count(b.text) <= 50
            and (
                (
                    _may_have_credit(b.text)
                    and _CREDIT_TAIL.search(b.text)
                    and _has_credit_word(b.text)
                )
                or _credit_by(b.text)
            )
        ):
            # a caption outside <figure>: "Fahrzeuge bei Rafah. Foto: AP", "(Getty Images)";
            # a credit line alone ("© dpa") captions the line under it when that one fits
            caption, credit = _split_credit(b.text)
            if caption or not _pair_credit(doc, i, credit):
                _image(doc, [b], None, caption or None, credit)
                doc.mark(b, "caption", "image-caption")
            continue
        if _CREDIT_LINE.match(b.text) and word_count(b.text) <= 10 and b.link_density < 0.5:
            credit = _CREDIT_LINE.sub("", b.text).strip(" :.")
            if not _pair_credit(doc, i, credit) and (
                b.text.lstrip().startswith("©")
                and word_count(b.text) <= 6
                and _is_photo_credit(credit)
            ):
                _image(doc, [b], None, None, credit)
                doc.mark(b, "credit", "photo-credit")
    raw_by_figure: dict[Any, dict[str, Any]] = {}
    for info in doc.images_raw:
        fig = info.get("figure")
        if fig is not None and fig not in raw_by_figure and not info.get("in_link"):
            raw_by_figure[fig] = info
    for fig in order:
        parts = by_figure[fig]
        caption_parts: list[str] = []
        fig_credit: str | None = None
        for b in parts:
            if b.extra.get("credit") and word_count(b.text) <= 12:
                fig_credit = _CREDIT_LABEL.sub("", b.text.strip())
                doc.mark(b, "credit", "photo-credit")
            else:
                caption_parts.append(b.text)
                doc.mark(b, "caption", "image-caption")
        caption = " ".join(caption_parts)
        if fig_credit is None and caption:
            caption, fig_credit = _split_credit(caption)
        info = raw_by_figure.get(fig, {})
        _image(doc, parts, info.get("url"), caption or None, fig_credit)
    return doc


def claim_captions(doc: Document) -> Document:
    """Caption blocks that no stage claimed become images (runs after the metadata stages).

    ``figcaption`` and caption-class elements outside a ``<figure>`` wait until the byline and
    date stages have taken what is theirs (bylines often sit in caption-styled elements);
    what is left is a caption, with adjacent caption blocks forming one image. A credit label
    or a credit printed as a block of its own inside the caption ("(", "Image:", "Getty
    Images)"), which the boilerplate stage took for UI text or a repeated label, still joins
    its neighbours.
    """
    group: list[Block] = []
    for b in doc.blocks:
        follows = bool(group) and group[-1].index == b.index - 1
        if (b.kind == "caption" and b.role is None) or (
            (b.kind == "caption" or follows) and _caption_label(b)
        ):
            if group and not follows:
                _caption_image(doc, group)
                group = []
            group.append(b)
    if group:
        _caption_image(doc, group)
    return doc


def _caption_label(b: Block) -> bool:
    """A caption block the boilerplate stage removed that is a credit or its label.

    "Image:" reads as UI text, and a credit printed under every picture ("Getty Images)") as
    a repeated label.
    """
    if b.reason not in ("ui-text", "repeated-label"):
        return False
    return _CREDIT_LINE.match(b.text) is not None or _is_photo_credit(b.text.strip(" ()"))


def _caption_image(doc: Document, group: list[Block]) -> None:
    if all(b.role is not None for b in group):
        return  # labels alone: no caption text of their own
    caption, credit = _split_credit(" ".join(b.text for b in group))
    _image(doc, group, None, caption.rstrip(" ([") or None, credit)
    for b in group:
        doc.mark(b, "caption", "figure-caption")


# alt texts that only say "an image is here"
_ALT_LABELS = _CREDIT_WORDS | {"img", "imagen", "immagine", "фото"}

# how far outside the article an image may sit and still be the article's: a lead picture
# between the headline and the first paragraph sits up to a few blocks above both (with its
# caption and credit lines), a last picture's caption just under the last paragraph.
# Development corpus (images per shape inside / within these margins / beyond them): the
# images beyond are footers' copyright lines taken for credits, logos, related-article
# teasers and share icons (html 97 of 456 images, md 939 of 1,520, txt 129 of 366); within
# them are lead pictures above the headline and the captions right under the last paragraph.
_IMAGE_ABOVE = 8
_IMAGE_BELOW = 3


_DURATION = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")


def _says_nothing(caption: str) -> bool:
    """Alt text or a caption that describes no picture: "Image", a UI label ("Video",
    "Close"), a play time ("50:55"), a lone quotation mark."""
    return (
        caption.casefold() in _ALT_LABELS
        or not any(c.isalnum() for c in caption)
        or _DURATION.fullmatch(caption) is not None
        or match_phrase(caption) is not None
    )


def _claimed_since(doc: Document, at: Sequence[int], caption: str) -> bool:
    """The caption's block went to a later stage (the "By" under a credit line is a byline)."""
    return any(
        doc.blocks[i].text == caption and doc.blocks[i].role not in ("caption", "credit")
        for i in at
    )


def select_images(doc: Document) -> Document:
    """Keep the article's own images: those near the article, and not the site's icons.

    Runs after the title and the main run are settled. An image whose caption or credit lies
    more than a few blocks outside the article (from the headline to the last paragraph) is a
    teaser, a logo or a footer's copyright line: its blocks are marked
    ``media/image-outside-article``. An image whose URL names an icon, logo or pixel
    (``rules.image_url_kind``) is marked ``media/ui-image``. A lazy-loading placeholder's URL
    is not the picture's: the image keeps its caption and credit, without the URL; an image
    left with no URL, caption or credit (alt text "Image" on a placeholder) is
    ``media/empty-image``.
    """
    if not doc.images:
        return doc
    run = doc.flags.get("main_run")
    lo, hi = -1, len(doc.blocks)
    if run is not None:
        ti: int = doc.flags.get("title_index", -1)
        lo = (min(ti, run[0]) if ti >= 0 else run[0]) - _IMAGE_ABOVE
        hi = run[1] + _IMAGE_BELOW
    kept: list[dict[str, Any]] = []
    for image in doc.images:
        at = image.get("blocks") or ()  # (an image a user's stage added may name none)
        kind = image_url_kind(image.get("url"))
        reason = None
        if kind == "ui":
            reason = "ui-image"
        elif at and not lo <= min(at) <= hi:
            reason = "image-outside-article"
        if reason is None:
            if kind == "placeholder":
                image["url"] = None
            caption = image.get("caption")
            if caption is not None and (_says_nothing(caption) or _claimed_since(doc, at, caption)):
                image["caption"] = None  # "Image" says nothing; a line taken since is no caption
            if image.get("url") or image.get("caption") or image.get("credit"):
                kept.append(image)
                continue
            reason = "empty-image"
        for i in at:
            if doc.blocks[i].role in ("caption", "credit"):  # not what a later stage took
                doc.mark(doc.blocks[i], "media", reason)
    doc.images = kept
    return doc
