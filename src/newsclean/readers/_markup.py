"""Linear-time rewrites of raw HTML that let libxml2 read a page without losing text.

libxml2 stops at 2048 levels of nesting (with ``huge_tree``; 256 without) and drops everything
after that point without raising. :func:`cap_depth` rewrites such a page so that no element
nests deeper than a limit: tags past the limit are removed, their text stays. It is a fallback,
run only after the parser reported that it gave up, so its depth estimate may be rough (it
over-counts unclosed tags, which only means flattening more than strictly needed).

:func:`unwrap_cdata` turns ``<![CDATA[...]]>`` sections outside raw-text elements into
escaped text: the HTML parser reads them as comments and would drop their text.

:func:`cap_attributes` cuts tags with thousands of attributes: libxml2 checks each attribute
against all earlier ones (quadratic: 100,000 attributes took 15 s). Attributes are not text.

Every scan here moves forward with ``str.find`` / ``re.search`` from the current position
and never backtracks, so the time is linear in the input whatever it holds.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator
from functools import cache

__all__ = [
    "cap_attributes",
    "cap_depth",
    "long_tag_cut",
    "strip_tags",
    "unwrap_cdata",
]

# a tag opener: "<name" or "</name", or a comment opener
_OPENER = re.compile(r"<(?:(/?)([A-Za-z][A-Za-z0-9:_-]{0,63})|(!--))")
_VOID = frozenset(
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img",
        "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    }
)  # fmt: skip
# elements whose content libxml2 (2.14+, HTML5 tokenizer) reads as raw text: never touched
_RAW = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"}
)
# elements a start tag of the same name closes (<p>a<p>b are siblings, not nested)
_SIBLING_CLOSES = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})
# a dropped tag of one of these becomes a line break, so words of two blocks never merge
_BLOCKISH = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hgroup", "li", "main", "menu", "nav", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
        "ul", "caption", "legend",
    }
)  # fmt: skip
_END_SEARCH = 64  # open elements searched for the match of an end tag (bounds the work)


@cache
def _raw_end(name: str) -> re.Pattern[str]:
    return re.compile(r"</" + re.escape(name) + r"(?=[\s/>])", re.IGNORECASE)


def cap_depth(text: str, limit: int) -> tuple[str, int]:
    """Remove the tags that would nest deeper than ``limit``; their text stays.

    Returns the rewritten text and the number of tags removed.
    """
    out: list[str] = []
    last = 0  # text[last:] has not been copied to out yet
    stack: list[tuple[str, bool]] = []  # open elements: (name, kept)
    kept = 0
    removed = 0
    pos = 0
    while True:
        m = _OPENER.search(text, pos)
        if m is None:
            break
        if m.group(3):  # comment: skip to its end
            end = text.find("-->", m.end())
            if end < 0:
                break
            pos = end + 3
            continue
        end = text.find(">", m.end())
        if end < 0:
            break
        pos = end + 1
        name = m.group(2).lower()
        drop = False
        if m.group(1):  # end tag
            for i in range(len(stack) - 1, max(-1, len(stack) - 1 - _END_SEARCH), -1):
                if stack[i][0] == name:
                    drop = not stack[i][1]
                    kept -= sum(1 for _, k in stack[i:] if k)
                    del stack[i:]
                    break
        elif name == "plaintext":
            break  # everything after is text
        elif name in _RAW:
            close = _raw_end(name).search(text, pos)
            if close is None:
                break
            pos = close.start() + 2  # continue inside "</name": not an opener any more
        elif name in _VOID:
            pass  # "<div/>" is not self-closing in HTML: only void elements never nest
        else:
            if name in _SIBLING_CLOSES and stack and stack[-1][0] == name:
                kept -= stack.pop()[1]
            if kept >= limit:
                stack.append((name, False))
                drop = True
            else:
                stack.append((name, True))
                kept += 1
        if drop:
            out.append(text[last : m.start()])
            out.append("\n" if name in _BLOCKISH else "")
            last = pos
            removed += 1
    out.append(text[last:])
    return "".join(out), removed


_CDATA_OR_RAW = re.compile(
    r"<!\[CDATA\[|<(" + "|".join(sorted(_RAW)) + r")(?=[\s/>])", re.IGNORECASE
)


def unwrap_cdata(text: str) -> tuple[str, int]:
    """Replace CDATA sections outside raw-text elements by their escaped text.

    Returns the rewritten text and the number of sections unwrapped.
    """
    out: list[str] = []
    last = 0
    pos = 0
    count = 0
    # every CDATA opener starts with "<![": past the last one, the scan would only skip the
    # rest of the page's scripts and styles (dev corpus: most of the page, 0.1 ms)
    final = text.rfind("<![")
    while pos <= final:
        m = _CDATA_OR_RAW.search(text, pos)
        if m is None:
            break
        if m.group(1):  # a raw-text element: CDATA inside it is its content, skip it
            close = _raw_end(m.group(1).lower()).search(text, m.end())
            if close is None:
                break
            pos = close.end()
            continue
        end = text.find("]]>", m.end())
        if end < 0:
            break
        out.append(text[last : m.start()])
        out.append(html.escape(text[m.end() : end], quote=False))
        last = pos = end + 3
        count += 1
    if not count:
        return text, 0  # nothing unwrapped: the text itself, not a copy
    out.append(text[last:])
    return "".join(out), count


_ANY_TAG = re.compile(r"<[^<>]*>")
_RAW_START = re.compile(r"<(" + "|".join(sorted(_RAW)) + r")(?=[\s/>])", re.IGNORECASE)


def _drop_raw(text: str) -> str:
    """``text`` without raw-text elements (scripts, styles, ...) and their content."""
    out: list[str] = []
    last = 0
    while True:
        m = _RAW_START.search(text, last)
        if m is None:
            break
        out.append(text[last : m.start()])
        close = _raw_end(m.group(1).lower()).search(text, m.end())
        if close is None:
            last = len(text)
            break
        gt = text.find(">", close.end())
        last = len(text) if gt < 0 else gt + 1
    out.append(text[last:])
    return "".join(out)


def strip_tags(text: str) -> str:
    """The text without its markup, as one paragraph per line, in a minimal HTML page.

    The last resort when the parser gives up even on :func:`cap_depth`'s output.
    """
    lines = html.unescape(_ANY_TAG.sub("\n", _drop_raw(text))).split("\n")
    paras = "".join(f"<p>{html.escape(x, quote=False)}</p>" for x in lines if x.strip())
    return f"<html><body>{paras}</body></html>"


# a start tag long enough to hold thousands of attributes (the run stops at the next < or >,
# so the scan is linear)
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{10000,}>")
# pieces of a tag: whitespace, a quoted string (pairs quotes left to right, so at most one
# unclosed quote per tag scans to its end), a lone quote, or a run of anything else
_TAG_PIECE = re.compile(r"""\s+|"[^"]*"|'[^']*'|["']|[^\s"']+""")


def cap_attributes(text: str, limit: int) -> tuple[str, int]:
    """Cut every start tag with more than ``limit`` attributes down to its first ``limit``.

    Returns the rewritten text and the number of tags cut.
    """
    cut = 0
    out: list[str] = []
    last = 0
    for m in _long_tags(text):
        out.append(text[last : m.start()])
        tag = m.group()
        capped = _capped(tag, limit)
        if capped is not None:
            cut += 1
        out.append(tag if capped is None else capped)
        last = m.end()
    if not out:
        return text, 0
    out.append(text[last:])
    return "".join(out), cut


def _capped(tag: str, limit: int) -> str | None:
    """The start tag cut down to its first ``limit`` attributes, or None when it has no more."""
    pieces = _TAG_PIECE.findall(tag, 1, len(tag) - 1)
    kept: list[str] = []
    attrs = 0
    for prev, piece in itertools.pairwise(pieces):
        if prev.isspace() and not piece.startswith(("=", '"', "'")):
            attrs += 1
            if attrs > limit:
                return "<" + "".join([pieces[0], *kept]) + ">"
        kept.append(piece)
    return None


#: _LONG_TAG's run of at least 10,001 characters without "<" or ">" always holds a whole
#: chunk of this size that starts at a multiple of it
_CHUNK = 5000


def _long_tag_at(text: str, lt: int) -> bool:
    """Whether :data:`_LONG_TAG` can match at ``lt`` (a "<"), found with ``str.find``.

    Its run of non-brackets is greedy and stops at the first bracket, so it matches exactly
    when that bracket is a ">" at least 10,002 characters on and a letter follows the "<".
    (The regex walks every character of the run: ~0.2 ms on the long JSON or base64 runs of
    script text, a few a page on the dev corpus, most of them not tags.)
    """
    end = len(text)
    for bracket in ("<", ">"):
        j = text.find(bracket, lt + 1, end)
        if j >= 0:
            end = j
    return (
        end < len(text)
        and text[end] == ">"
        and end - lt >= 10002
        and text[lt + 1 : lt + 2].isascii()
        and text[lt + 1 : lt + 2].isalpha()
    )


def _long_tags(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_LONG_TAG` in ``text``, in order, as ``finditer`` gives them.

    ``finditer`` scans every character inside every tag (1.5 ms on a median page). Here
    ``str.find`` looks for a bracket in each aligned chunk; only a chunk without one can lie
    inside a long tag, and then the last bracket before it is the "<" that starts the match.
    """
    find, rfind, match = text.find, text.rfind, _LONG_TAG.match
    in_run = False  # the previous chunk had no bracket either: same run, already checked
    for i in range(0, len(text) - _CHUNK + 1, _CHUNK):
        j = i + _CHUNK
        if find("<", i, j) >= 0 or find(">", i, j) >= 0:
            in_run = False
            continue
        if in_run:
            continue
        in_run = True
        lt = rfind("<", 0, i)
        if lt > rfind(">", 0, i) and _long_tag_at(text, lt):
            m = match(text, lt)
            if m is not None:
                yield m


def _long_tag_spans(data: bytes) -> Iterator[tuple[int, int]]:
    """(start, end) of each byte run that may be a :data:`_LONG_TAG` match of the text whose
    UTF-8 is ``data``: a "<", an ASCII letter, 10,000 bytes or more without a bracket, then a
    ">" (end is past it). Every match of the text is one of them.

    Brackets and ASCII letters are single bytes in UTF-8 and no byte of a multi-byte
    character is ASCII, so a match's "<", letter and ">" are where they are in the text and
    its run of 10,000+ characters is 10,000+ bytes: the chunk scan of :func:`_long_tags`
    over the bytes finds every "<" that starts one (and may find more). ``bytes.find`` looks
    for a single byte with ``memchr``, faster than ``str.find`` in two-byte text.
    """
    find, rfind = data.find, data.rfind
    in_run = False
    for i in range(0, len(data) - _CHUNK + 1, _CHUNK):
        j = i + _CHUNK
        if find(b"<", i, j) >= 0 or find(b">", i, j) >= 0:
            in_run = False
            continue
        if in_run:
            continue
        in_run = True
        lt = rfind(b"<", 0, i)
        if lt > rfind(b">", 0, i):
            nxt = data[lt + 1 : lt + 2]
            if nxt.isalpha():  # (bytes.isalpha: ASCII letters only)
                end = find(b">", lt + 1)
                other = find(b"<", lt + 1)
                if end >= 0 and (other < 0 or end < other) and end - lt >= 10002:
                    yield lt, end + 1


def long_tag_cut(data: bytes, limit: int) -> bool:
    """Whether :func:`cap_attributes` with ``limit`` cuts a tag of the text whose UTF-8 is
    ``data``.

    Every long tag of the text is one of :func:`_long_tag_spans`; a
    span starts and ends at an ASCII byte, so its bytes decode alone to the tag's text, which
    is matched and counted as cap_attributes does. A long tag of the dev corpus is a long
    attribute value (JSON, a data URI), not thousands of attributes: the bytes then decide,
    where this gate's "maybe" sent 16 of 161 pages to the text path (2.6 ms a page each).
    """
    for start, end in _long_tag_spans(data):
        tag = data[start:end].decode("utf-8")
        # a span is a "<", an ASCII letter, a run without brackets and a ">": the regex
        # matches it when it is 10,002 characters or more (no need to walk it)
        if len(tag) < 10002:
            continue
        # each attribute follows a run of whitespace outside quotes (cap_attributes' count):
        # a tag with no more whitespace runs than the limit is not cut, and a long attribute
        # value (JSON, a data URI) has few; _capped walks the tag's pieces with a regex
        if len(tag.split()) - 1 > limit and _capped(tag, limit) is not None:
            return True
    return False
