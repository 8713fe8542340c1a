"""Images: captions and credits become :class:`Image` records, not body text."""

from __future__ import annotations

import re
from typing import Any

from ..document import KEPT_ROLES, Block, Document
from ..names import agency_of
from ..rules import agencies
from ..textutil import is_sentence_like, word_count

__all__ = ["CREDIT_LABELS", "claim_captions", "find_images"]

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
    m = _CREDIT_TAIL.search(text)
    if m is None:
        return text, None
    credit = m.group(2).strip(" .,;")
    head = text[: m.start()]
    p = _CREDIT_PREFIX.search(head)
    if p is not None and p.start(1) > 0 and len(p.group(1)) <= 12:
        prefix = p.group(1)
        head = head[: p.start(1)]
        if prefix.casefold() not in _CREDIT_WORDS:  # an agency: "AP Photo/Jane Doe"
            credit = text[p.start(1) :].strip(" .,;)]")
    caption = head.strip(" |/([")
    return caption, credit or None


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


def _image(doc: Document, url: str | None, caption: str | None, credit: str | None) -> None:
    doc.images.append({"url": url, "caption": caption or None, "credit": credit or None})


def _pair_credit(doc: Document, i: int, credit: str | None) -> bool:
    """A credit line and the short caption line under it (same chunk, or not prose) are one image."""
    blocks = doc.blocks
    b = blocks[i]
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if (
        nxt is None
        or nxt.role not in KEPT_ROLES
        or word_count(nxt.text) > 30
        or nxt.kind == "heading"
        or nxt.link_density >= 0.5
    ):
        return False
    same_chunk = nxt.extra.get("chunk") is not None and nxt.extra.get("chunk") == b.extra.get(
        "chunk"
    )
    if not same_chunk and (is_sentence_like(nxt.text) or not _is_photo_credit(credit or "")):
        return False
    _image(doc, None, nxt.text, credit)
    doc.mark(b, "credit", "photo-credit")
    doc.mark(nxt, "caption", "image-caption")
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
            _image(doc, image.get("url"), caption, credit)
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
            _image(doc, info.get("url"), caption or None, credit)
            doc.mark(b, "caption", "image-caption")
            continue
        strong = b.extra.get("trailing_strong")
        if strong and _is_photo_credit(strong) and word_count(b.text) <= 60:
            _image(doc, None, b.text[: -len(strong)].strip(), strong)
            doc.mark(b, "caption", "photo-caption")
            continue
        if (
            b.kind == "paragraph"
            and word_count(b.text) <= 50
            and _may_have_credit(b.text)
            and _CREDIT_TAIL.search(b.text)
            and _has_credit_word(b.text)
        ):
            # a caption outside <figure>: "Fahrzeuge bei Rafah. Foto: AP", "(Getty Images)";
            # a credit line alone ("© dpa") captions the line under it when that one fits
            caption, credit = _split_credit(b.text)
            if caption or not _pair_credit(doc, i, credit):
                _image(doc, None, caption or None, credit)
                doc.mark(b, "caption", "image-caption")
            continue
        if _CREDIT_LINE.match(b.text) and word_count(b.text) <= 10 and b.link_density < 0.5:
            credit = _CREDIT_LINE.sub("", b.text).strip(" :.")
            if not _pair_credit(doc, i, credit) and (
                b.text.lstrip().startswith("©")
                and word_count(b.text) <= 6
                and _is_photo_credit(credit)
            ):
                _image(doc, None, None, credit)
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
        _image(doc, info.get("url"), caption or None, fig_credit)
    return doc


def claim_captions(doc: Document) -> Document:
    """Caption blocks that no stage claimed become images (runs after the metadata stages).

    ``figcaption`` and caption-class elements outside a ``<figure>`` wait until the byline and
    date stages have taken what is theirs (bylines often sit in caption-styled elements);
    what is left is a caption, with adjacent caption blocks forming one image.
    """
    group: list[Block] = []
    for b in doc.blocks:
        if b.kind == "caption" and b.role is None:
            if group and group[-1].index != b.index - 1:
                _caption_image(doc, group)
                group = []
            group.append(b)
    if group:
        _caption_image(doc, group)
    return doc


def _caption_image(doc: Document, group: list[Block]) -> None:
    caption, credit = _split_credit(" ".join(b.text for b in group))
    _image(doc, None, caption.rstrip(" ([") or None, credit)
    for b in group:
        doc.mark(b, "caption", "figure-caption")
