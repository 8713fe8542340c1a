"""Markdown reader: render with a CommonMark parser that passes raw HTML through, then walk the tree.

Pandoc dumps keep the page's ``<div class=...>`` lines; rendered to HTML they nest around the
paragraphs again, so the class vocabulary and the main-content selection of the HTML path
apply unchanged. Link and image syntax become elements (link text kept, image alt text kept
as a caption block), so no URL or base64 data reaches the body.
"""

from __future__ import annotations

import html
import itertools
import re
from functools import cache, lru_cache
from typing import Any

from ..document import Document
from .html import parse_html, read_tree
from .text import read_text

__all__ = ["read_markdown", "render_markdown"]

# pandoc writes "<!-- end list -->" between lists and "\" hard breaks; both render fine.
# the run stops at "(": "[^)\s]*" rescanned the line from every "(data:" (quadratic)
_DATA_URI = re.compile(r"\(data:[^()\s]{0,20}[;,][^()\s]*\)")
# markdown-it keeps at most this many levels of nesting and silently drops what lies deeper
# (its CommonMark preset says 20: nine nested lists, and the rest of the page was gone); 100
# levels stay far inside Python's recursion limit
_MAX_NESTING = 100
# inline markup characters: markdown-it runs every inline rule at each of them (15-40 us
# apiece), so a chunk made of them ("[[[[...", "*a*a*a...") costs 20-40 s per MB
_INLINE_MARKUP = "[]!*_`<\\&~"
_DENSE_CHUNK = 1000  # characters: shorter chunks are cheap whatever they hold
_CHUNKS = re.compile(r"(\n[ \t]*\n)")


class _NestedTooDeep(Exception):
    """The markdown nests deeper than the parser reads."""


_QUOTED_TITLE = re.compile(r'(\]\([^\s()]{1,2000}) "((?:[^"\n]|"(?!\)))*)"\)')


def _fix_title(m: re.Match[str]) -> str:
    return f'{m.group(1)} "{m.group(2).replace(chr(34), "”")}")'


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt(
        "commonmark", {"html": True, "linkify": False, "maxNesting": _MAX_NESTING}
    ).enable("table")
    # pandoc indents the contents of list items and nested divs: indented lines are never
    # code in a page dump, and reading them as code would leave raw markup in the text
    md.disable("code")
    # the rendered HTML only ever reaches lxml, never a browser: accept every link target
    # (javascript: and data: links would otherwise stay behind as literal "[text](url)")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    slow = lru_cache(maxsize=4096)(md.normalizeLink)

    def normalize_link(url: str) -> str:
        # markdown-it percent-encodes each link target character by character in Python (a
        # tenth of the markdown reading time); a target already in its normal form, as 95% of
        # those in the development corpus are, comes back unchanged
        return url if _NORMAL_URL.fullmatch(url) else slow(url)

    md.normalizeLink = normalize_link  # type: ignore[method-assign]
    return md


# link targets that markdown-it's normalizeLink returns unchanged: an http(s) URL with a plain
# host name, or a path, query or fragment (not "//host"), made of the characters its encoder
# keeps and valid %XX escapes. Checked against normalizeLink on the corpus's 41,000 link
# targets and on random strings of these and other URL characters (tests/test_fastpaths.py)
_NORMAL_URL = re.compile(
    r"(?:https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::[0-9]{1,5})?(?=[/?#]|$)|(?=[/?#])(?!//))"
    r"(?:[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]|%[0-9A-Fa-f]{2})*"
)


def render_markdown(text: str, notes: list[str] | None = None) -> str:
    """Markdown (with raw HTML) to an HTML string.

    Raises ``_NestedTooDeep`` when the parser would drop text nested past ``_MAX_NESTING``.
    """
    # base64 images are huge and never text: cut them before parsing
    text = _DATA_URI.sub("(#inline-data)", text)
    # link titles with unescaped quotes inside ("a "quoted" word") break the link syntax
    text = _QUOTED_TITLE.sub(_fix_title, text)
    text = _defuse(text, notes)
    md = _parser()
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    for tok, nxt in itertools.pairwise(tokens):
        # a container opened at the last level and closed at once: its content was dropped
        if tok.nesting == 1 and tok.level >= _MAX_NESTING - 1 and nxt.nesting == -1:
            raise _NestedTooDeep
    out: str = md.renderer.render(tokens, md.options, env)
    return out


def _defuse(text: str, notes: list[str] | None) -> str:
    """Chunks made mostly of inline markup, as escaped raw HTML: kept as literal text.

    A bracket bomb ("[" x 100000) took markdown-it 3 s; such a chunk is not prose, and as a raw
    HTML block it costs nothing to parse. Chunks are separated by blank lines.
    """
    if len(text) < _DENSE_CHUNK:
        return text
    parts = _CHUNKS.split(text)
    dense = 0
    for i in range(0, len(parts), 2):
        chunk = parts[i]
        if len(chunk) >= _DENSE_CHUNK and sum(map(chunk.count, _INLINE_MARKUP)) > len(chunk) // 4:
            parts[i] = "<p>" + html.escape(chunk, quote=False) + "</p>"
            dense += 1
    if not dense:
        return text
    if notes is not None:
        notes.append(f"markdown: {dense} chunk(s) made mostly of markup read as literal text")
    return "".join(parts)


def read_markdown(doc: Document) -> Document:
    """Render ``doc.text`` and read the resulting tree as the HTML reader does."""
    try:
        rendered = render_markdown(doc.text, doc.notes)
    except _NestedTooDeep:
        doc.notes.append(
            f"markdown: nested deeper than {_MAX_NESTING} levels, which the parser drops; "
            "read as plain text"
        )
        return read_text(doc)
    root = parse_html("<html><body>" + rendered + "</body></html>", doc.notes)
    doc.tree = root
    if root is not None:
        read_tree(doc, root, markdown=True)
    return doc
