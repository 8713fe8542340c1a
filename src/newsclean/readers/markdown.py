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


_QUOTED_TITLE = re.compile(r'(\]\([^\s()]{1,2000}) "((?:[^"\n]|"(?!\)))*)"\)')


def _fix_title(m: re.Match[str]) -> str:
    return f'{m.group(1)} "{m.group(2).replace(chr(34), "”")}")'


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
    # pandoc indents the contents of list items and nested divs: indented lines are never
    # code in a page dump, and reading them as code would leave raw markup in the text
    md.disable("code")
    # the rendered HTML only ever reaches lxml, never a browser: accept every link target
    # (javascript: and data: links would otherwise stay behind as literal "[text](url)")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def render_markdown(text: str) -> str:
    """Markdown (with raw HTML) to an HTML string."""
    # base64 images are huge and never text: cut them before parsing
    text = _DATA_URI.sub("(#inline-data)", text)
    # link titles with unescaped quotes inside ("a "quoted" word") break the link syntax
    text = _QUOTED_TITLE.sub(_fix_title, text)
    html: str = _parser().render(text)
    return html


def read_markdown(doc: Document) -> Document:
    """Render ``doc.text`` and read the resulting tree as the HTML reader does."""
    root = parse_html("<html><body>" + render_markdown(doc.text) + "</body></html>")
    doc.tree = root
    if root is not None:
        read_tree(doc, root, markdown=True)
    return doc
