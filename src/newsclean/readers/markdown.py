"""Markdown reader: render with a CommonMark parser that passes raw HTML through, then walk the tree.

Pandoc dumps keep the page's ``<div class=...>`` lines; rendered to HTML they nest around the
paragraphs again, so the class vocabulary and the main-content selection of the HTML path
apply unchanged. Link and image syntax become elements (link text kept, image alt text kept
as a caption block), so no URL or base64 data reaches the body.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..document import Document
from .html import parse_html, read_tree

__all__ = ["read_markdown", "render_markdown"]

# pandoc writes "<!-- end list -->" between lists and "\" hard breaks; both render fine.
_DATA_URI = re.compile(r"\(data:[^)\s]{0,20}[;,][^)\s]*\)")


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")


def render_markdown(text: str) -> str:
    """Markdown (with raw HTML) to an HTML string."""
    # base64 images are huge and never text: cut them before parsing
    text = _DATA_URI.sub("(#inline-data)", text)
    html: str = _parser().render(text)
    return html


def read_markdown(doc: Document) -> Document:
    """Render ``doc.text`` and read the resulting tree as the HTML reader does."""
    root = parse_html("<html><body>" + render_markdown(doc.text) + "</body></html>")
    doc.tree = root
    if root is not None:
        read_tree(doc, root, markdown=True)
    return doc
