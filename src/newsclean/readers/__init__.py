"""Readers: detect the input's shape and turn it into blocks. Format knowledge lives only here."""

from __future__ import annotations

import re
from typing import Literal

from ..document import Document
from .html import read_html
from .markdown import read_markdown
from .text import read_text

__all__ = ["detect_format", "read"]

Format = Literal["html", "markdown", "text"]

_HTML_DOC = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_HTML_TAGS = re.compile(
    r"<(?:p|br|a\s+href|img|li|h[1-6]|table|article|section|ul|ol|meta|script)[\s>/]",
    re.IGNORECASE,
)
# strong signs of markdown: links, images, ATX headings, autolinks, bold, raw <div> lines.
# Bullets and quotes are left out: plain-text copies of pages have them too.
_MD_SIGNS = re.compile(
    r"^#{1,6}\s+\S|\]\([^()\]\s]*\)|\*\*\S|^<https?://|!\[|^</?div[\s>]",
    re.MULTILINE,
)
# an inline data URI, or the start of one cut off at the end of the sample. The runs stop at
# "(" and "]": "[^)\s]*" rescanned the rest of the line from every "(data:" / "](" (quadratic:
# 48 KB of "(data:" took 5 s)
_DATA_URI = re.compile(r"\(data:[^()\s]*(?:\)|$)")
_ATX_FIRST = re.compile(r"\s*#{1,6}[ \t]+\S")


def detect_format(text: str) -> Format:
    """Guess whether ``text`` is HTML, markdown (with or without HTML residue) or plain text."""
    # a page that declares itself HTML up front: no data URI starts in the first 3,000
    # characters, so removing them would leave those as they are (saves scanning 1 MB)
    if text.find("(data:", 0, 3005) < 0 and _HTML_DOC.search(text[:3000]):
        return "html"
    # inline data URIs (base64 icons) can fill the first hundreds of KB of a markdown dump
    if text.find("(data:", 0, 1_000_000) >= 0:
        head = _DATA_URI.sub("", text[:1_000_000])[:20000]
    else:
        head = text[:20000]
    if _HTML_DOC.search(head[:3000]):
        return "html"
    html_score = len(_HTML_TAGS.findall(head))
    md_score = len(_MD_SIGNS.findall(head))
    if html_score >= 2 and html_score > md_score:
        return "html"
    if md_score >= 2 or _ATX_FIRST.match(head):
        return "markdown"
    if html_score >= 2:
        return "html"
    return "text"


def read(doc: Document) -> Document:
    """Fill ``doc.blocks`` (and the tree and metadata candidates when there are some)."""
    if doc.format == "html":
        return read_html(doc)
    if doc.format == "markdown":
        return read_markdown(doc)
    return read_text(doc)
