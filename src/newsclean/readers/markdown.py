"""Markdown reader: render with a CommonMark parser that passes raw HTML through, then walk the tree.

The parser is markdown-it-pyrs (markdown-it.rs, a Rust port: ~9x faster on the development
corpus) when it is installed, else markdown-it-py (pure Python; markdown-it-pyrs has no wheel
for CPython 3.13+, musl or Windows on ARM). The Rust path is made to render what markdown-it-py
renders where the extraction can see it: see ``_render_rs``.

Pandoc dumps keep the page's ``<div class=...>`` lines; rendered to HTML they nest around the
paragraphs again, so the class vocabulary and the main-content selection of the HTML path
apply unchanged. Link and image syntax become elements (link text kept, image alt text kept
as a caption block), so no URL or base64 data reaches the body.
"""

from __future__ import annotations

import html
import itertools
import re
import threading
from functools import cache, lru_cache
from typing import Any
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from ..document import Document
from .html import microdata_authors, parse_html, read_tree
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


# markdown-it-pyrs recurses once per nesting level (parse, render and free) with no limit of its
# own: 100,000 nested blockquotes overflowed the 8 MB stack (a segfault). Measured in threads of
# a known stack size: ~100 bytes a level (170 for ordered lists); 256 gives a 1.5-2.5x margin
_STACK_PER_LEVEL = 256
# a bound up to this renders in the calling thread (64 KB of stack even at 256 bytes a level:
# safe in any thread a Python program makes); above it, in a thread with a stack of its size
_DIRECT_LEVELS = 256
# above this bound the page is read as text. The bound counts every "[" / "]" pair and
# emphasis character of a chunk (a chunk of 100,000 links bounds at 100,000), so the thread's
# stack is reserved generously: 1,000,000 levels reserve 256 MB of address space, of which only
# the depth actually reached is used (~100 MB for a million real levels)
_MAX_LEVELS = 1_000_000
_STACK_LOCK = threading.Lock()
# a line's container prefix (indentation, ">" and list markers) long enough to count: shorter
# prefixes (under 16 characters, 64 columns with tabs) are covered by _SHORT_PREFIX_LEVELS
_LONG_PREFIX = re.compile(r"\n([ \t>*+\-.)0-9]{16,})")  # searched in "\n" + text
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$)))*[ \t]*")
_SHORT_PREFIX_LEVELS = 64


def _nesting_bound(text: str, inline: int) -> int:
    """An upper bound of the rendered tree's depth: block containers plus inline nesting.

    A block container opens only through a line's prefix: a ">" (one level, one column) or a
    list marker or its indentation (two levels, two columns or more), so no line sits deeper
    than its prefix is wide (tabs as 4 columns). ``inline`` is the bound of the inline nesting.
    """
    block = _SHORT_PREFIX_LEVELS
    for m in _LONG_PREFIX.finditer("\n" + text):
        prefix = _CONTAINER_PREFIX.match(m.group(1)).group()  # type: ignore[union-attr]
        block = max(block, len(prefix) + 3 * prefix.count("\t"))
    return block + inline + 4


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

    Raises ``_NestedTooDeep`` when the parser would drop text nested past ``_MAX_NESTING``
    (markdown-it-py) or need more stack than ``_MAX_LEVELS`` allows (markdown-it-pyrs).
    """
    # base64 images are huge and never text: cut them before parsing
    text = _DATA_URI.sub("(#inline-data)", text)
    # link titles with unescaped quotes inside ("a "quoted" word") break the link syntax
    text = _QUOTED_TITLE.sub(_fix_title, text)
    text, inline = _defuse(text, notes)
    if "]:" in text and len(_REF_START.findall(text)) * len(text) > _REF_COST:
        text = _split_reference_runs(text)
    fast = _rs_parser()
    if fast is not None:
        try:
            return _render_rs(fast, text, inline)
        except _ParserFailed as exc:
            # a Rust panic ("[`" alone panics markdown-it.rs 0.6): the Python parser reads it
            if notes is not None:
                notes.append(f"markdown: markdown-it-pyrs failed ({exc}); read with markdown-it-py")
    md = _parser()
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    for tok, nxt in itertools.pairwise(tokens):
        # a container opened at the last level and closed at once: its content was dropped
        if tok.nesting == 1 and tok.level >= _MAX_NESTING - 1 and nxt.nesting == -1:
            raise _NestedTooDeep
    out: str = md.renderer.render(tokens, md.options, env)
    return out


def _defuse(text: str, notes: list[str] | None) -> tuple[str, int]:
    """Chunks made mostly of inline markup, as escaped raw HTML: kept as literal text.

    A bracket bomb ("[" x 100000) took markdown-it 3 s; such a chunk is not prose, and as a raw
    HTML block it costs nothing to parse. Chunks are separated by blank lines. Also returns a
    bound of the inline nesting of the chunks left as markdown: a link or image level takes a
    "[" and a "]", an emphasis level a "*" or "_" on each side, all within one chunk.
    """
    if len(text) < _DENSE_CHUNK:
        return text, _inline_bound(text)
    parts = _CHUNKS.split(text)
    dense = 0
    inline = 0
    for i in range(0, len(parts), 2):
        chunk = parts[i]
        if len(chunk) >= _DENSE_CHUNK and sum(map(chunk.count, _INLINE_MARKUP)) > len(chunk) // 4:
            parts[i] = "<p>" + html.escape(chunk, quote=False) + "</p>"
            dense += 1
        elif len(chunk) // 2 > inline:  # a shorter chunk cannot nest deeper
            inline = max(inline, _inline_bound(chunk))
    if not dense:
        return text, inline
    if notes is not None:
        notes.append(f"markdown: {dense} chunk(s) made mostly of markup read as literal text")
    return "".join(parts), inline


def _inline_bound(chunk: str) -> int:
    brackets = min(chunk.count("["), chunk.count("]"))
    return brackets + (chunk.count("*") + chunk.count("_")) // 2


class _ParserFailed(Exception):
    """markdown-it-pyrs panicked (a Rust bug) or could not run; markdown-it-py reads the page."""


@cache
def _rs_parser() -> Any:
    """The markdown-it-pyrs parser, or None when the package is not installed."""
    try:
        from markdown_it_pyrs import MarkdownIt as RsMarkdownIt
    except ImportError:
        return None
    # markdown-it's CommonMark rules, raw HTML and tables; no "code" rule, as in _parser()
    return RsMarkdownIt("zero").enable_many(
        [
            *("blockquote", "fence", "heading", "hr", "lheading", "list", "paragraph"),
            *("reference", "autolink", "backticks", "emphasis", "entity", "escape", "image"),
            *("link", "newline", "html_block", "html_inline", "table"),
        ]
    )


# Placeholders for characters that markdown-it.rs would lose or refuse; a page that already
# holds a character of this range (Supplementary Private Use Area-A, U+F0000-U+F00FF) is
# rendered without them
_PH = 0xF0000
_PH_CHARS = re.compile("[\U000f0000-\U000f00ff]")
# markdown-it.rs refuses javascript:, vbscript:, file: and data: link targets (markdown-it's
# validateLink, which it does not let us replace) and leaves "[text](url)" as literal text: a
# mark put before such a target makes it a relative one, and is taken out of the HTML after
_MARK = chr(_PH + 0x80)
_MARK_URL = "%F3%B0%82%80"  # the mark as the link normaliser percent-encodes it
_BAD_TARGET = re.compile(r"(\]\([ \t\n]*<?)(?=(?:javascript|vbscript|file|data):)", re.IGNORECASE)
# An image's alt text: markdown-it.rs keeps only its plain text runs, so escaped characters
# ("\|", pandoc's escape of "|"), entities and hard breaks vanished from it. Inside an image
# label they become placeholders that render as plain text, put back after rendering. The
# label may hold one level of brackets (a link inside the image); at most 4,000 pieces are
# scanned from each "![" so that "![x]" repeated stays linear
_IMAGE_LABEL = re.compile(r"!\[((?:[^\[\]\\]|\\[\s\S]|\[(?:[^\[\]\\]|\\[\s\S])*\]){0,4000})\]\(")
_IN_LABEL = re.compile(
    r"\\([!-/:-@\[-`{-~])|\\(?=\n)|[ \t]+(?=\n)|(?P<backslash>\\)"
    r"|&(?P<entity>#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_ATTR_ESCAPES = {'"': "&quot;", "&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Consecutive link reference definitions: markdown-it.rs rereads the rest of the run for each
# one (100,000 of them took 450 s; markdown-it-py is superlinear there too). A blank line between two that are each a whole
# definition on one line changes nothing they define; done when the rereading would cost
# over _REF_COST characters (about 0.1 s at the 5 ns a character measured)
_REF_START = re.compile(r"^\[[^\]\n]{0,999}\]:", re.MULTILINE)
_ONE_LINE_REF = re.compile(
    r"\[(?=[^\]\n]*[^\s\]])[^\[\]\\\n]{1,999}\]:[ \t]*"
    r"(?!(?:javascript|vbscript|file|data):)(?:<[^<>\\\n]*>|[^\s<()\\][^\s()\\]*)"
    r"""(?:[ \t]+(?:"[^"\\\n]*"|'[^'\\\n]*'))?[ \t]*""",
    re.IGNORECASE,
)
_REF_COST = 20_000_000


def _entity_text(name: str) -> str | None:
    """What markdown-it makes of an entity (name without "&" and ";"); None when it is none."""
    from markdown_it.common.entities import entities
    from markdown_it.common.utils import isValidEntityCode

    if name[0] != "#":
        return entities.get(name)
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    # surrogates, non-characters and controls give U+FFFD, as in markdown-it
    return chr(code) if isValidEntityCode(code) else "\ufffd"


def _label_piece(m: re.Match[str]) -> str:
    if m.group(1):  # an escaped punctuation character
        return chr(_PH + ord(m.group(1)))
    if m.group("entity"):
        decoded = _entity_text(m.group("entity"))
        if decoded is None:  # not an entity: its "&" stays a plain character
            return chr(_PH + 38) + m.group(0)[1:]
        return "".join(chr(_PH + ord(c)) if ord(c) < 128 else c for c in decoded)
    if m.group("backslash"):  # a backslash before a letter stays as it is
        return chr(_PH + 92)
    return ""  # a hard break ("\\" or spaces before a line end) becomes a soft one: "\n"


def _image_label(m: re.Match[str]) -> str:
    label = m.group(1)
    if "\\" not in label and "&" not in label and " \n" not in label:
        return m.group()
    return "![" + _IN_LABEL.sub(_label_piece, label) + "]("


def _unplaceholder(m: re.Match[str]) -> str:
    c = chr(ord(m.group()) - _PH)
    return _ATTR_ESCAPES.get(c, c)


def _split_reference_runs(text: str) -> str:
    """A blank line after each one-line link reference definition that another follows."""
    lines = text.split("\n")
    at_start = True  # where a paragraph may begin: after a blank line or a definition
    out: list[str] = []
    for line, nxt in itertools.zip_longest(lines, lines[1:], fillvalue=""):
        out.append(line)
        if at_start and _ONE_LINE_REF.fullmatch(line):
            if nxt.startswith("["):
                out.append("")
            continue
        at_start = not line.strip(" \t")
    return "\n".join(out)


def _render_rs(md: Any, text: str, inline: int) -> str:
    """Render with markdown-it.rs, made to match markdown-it-py's HTML where it counts."""
    levels = _nesting_bound(text, inline)
    if levels > _MAX_LEVELS:
        raise _NestedTooDeep
    marked, n = _BAD_TARGET.subn(lambda m: m.group(1) + _MARK, text)
    if "![" in marked:
        changed: list[bool] = []

        def label(m: re.Match[str]) -> str:
            new = _image_label(m)
            if new != m.group():
                changed.append(True)
            return new

        marked = _IMAGE_LABEL.sub(label, marked)
        n += len(changed)
    placeholders = n > 0 and not _PH_CHARS.search(text)
    if placeholders:
        text = marked
    try:
        if levels <= _DIRECT_LEVELS:
            out: str = md.render(text)
        else:
            out = _with_stack(md.render, text, levels * _STACK_PER_LEVEL + (1 << 20))
    except Exception as exc:  # pragma: no cover - needs a parser bug
        raise _ParserFailed(repr(exc)) from exc
    except BaseException as exc:  # pragma: no cover - a Rust panic is a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise _ParserFailed(repr(exc)) from exc
    if placeholders:
        out = out.replace(_MARK_URL, "").replace(_MARK, "")
        out = _PH_CHARS.sub(_unplaceholder, out)
    # markdown-it-py strips a paragraph's or heading's text with str.strip(), which also takes
    # no-break and other Unicode spaces, and keeps no space before "</p>"; markdown-it.rs keeps
    # them. The HTML reader reads such space as nothing, so the Article is the same (all 161
    # corpus dumps), and stripping it here took longer than the parse itself
    return out


def _with_stack(render: Any, text: str, stack: int) -> str:
    """``render(text)`` in a thread with a stack of ``stack`` bytes (rounded up to 1 MB)."""
    result: list[str] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            result.append(render(text))
        except BaseException as exc:
            failed.append(exc)

    with _STACK_LOCK:  # threading.stack_size is process-wide: set it only around our start()
        old = threading.stack_size(-(-stack // (1 << 20)) * (1 << 20))
        try:
            worker = threading.Thread(target=run, name="newsclean-markdown")
            worker.start()
        except (RuntimeError, ValueError, MemoryError) as exc:  # no room for such a stack
            raise _NestedTooDeep from exc
        finally:
            threading.stack_size(old)
    worker.join()
    if failed:
        raise _ParserFailed(repr(failed[0]))
    return result[0]


def read_markdown(doc: Document) -> Document:
    """Render ``doc.text`` and read the resulting tree as the HTML reader does."""
    try:
        rendered = render_markdown(doc.text, doc.notes)
    except _NestedTooDeep:
        limit = _MAX_NESTING if _rs_parser() is None else _MAX_LEVELS
        doc.notes.append(
            f"markdown: nested deeper than {limit} levels, which the parser drops "
            "or cannot hold; read as plain text"
        )
        return read_text(doc)
    root = parse_html("<html><body>" + rendered + "</body></html>", doc.notes)
    doc.tree = root
    if root is not None:
        authors: list[Any] = []
        read_tree(doc, root, markdown=True, authors=authors)
        microdata_authors(doc, authors)  # a dump keeps itemprop="author" in its <div> lines
        _microdata_dates(doc, root)
        _share_texts(doc, root)
    return doc


# the first element of each microdata date property that gives its value in ``content``
_MICRODATA_DATES = tuple(
    (etree.XPath(f'(//*[@itemprop="{prop}"][@content])[1]/@content'), prop, field)
    for prop, field in (("datePublished", "published"), ("dateModified", "updated"))
)


def _microdata_dates(doc: Document, root: Any) -> None:
    """The first ``<div itemprop="datePublished" content="…">`` a dump kept, and dateModified.

    The page's structured dates, with time and zone, where the dump's visible dateline often
    has the day alone.
    """
    for xpath, prop, field in _MICRODATA_DATES:
        found: list[Any] = xpath(root)  # type: ignore[assignment]  # a node-set
        if found and str(found[0]).strip():
            doc.add(field, str(found[0]).strip(), f"microdata:{prop}")


# a link that shares the page: a messenger or mail scheme, or a web endpoint named so
# (whatsapp://send, mailto:?subject=, twitter.com/intent/tweet, facebook.com/sharer.php,
# linkedin.com/shareArticle, reddit.com/submit, share.flipboard.com/bookmarklet, bsky.app/intent)
_SHARE_SCHEMES = frozenset({"whatsapp", "mailto", "sms", "tg", "fb-messenger", "viber", "threema"})
_SHARE_PATH = re.compile(r"share|intent|submit|send|bookmarklet|compose", re.I)
# the query parameters these endpoints take the page's title in
_SHARE_PARAMS = ("text", "title", "subject", "t")
# what follows the title in a share text: the page's URL and anything after it, a "via @site"
_SHARE_TAIL = re.compile(r"\s*(?:(?:https?://|www\.)\S*|/?\s*\b(?:via|by)\s*@\w+).*$", re.I | re.S)
_SHARE_MIN_WORDS = 3
# a page's share bars hold a few dozen links at most (dev corpus: up to 7 texts); a page of
# 100,000 share-like links would otherwise make as many candidates for every later stage
_SHARE_MAX_TEXTS = 64


def _share_texts(doc: Document, root: Any) -> None:
    """Record the titles that the page's share links carry (``share_title`` candidates).

    A dump keeps no meta tags, but the share buttons of the page it copied keep their links,
    and those carry the social title as the publisher wrote it ("whatsapp://send?text=Title
    https://..."). The origin names the endpoint (``share-link:whatsapp:send``), so a title
    repeated by several buttons of one bar counts once per service.
    """
    seen: set[tuple[str, str]] = set()
    for a in root.iter("a"):
        href = a.get("href")
        if not href or "?" not in href:
            continue
        try:
            parts = urlsplit(href.strip())
        except ValueError:
            continue
        endpoint = f"{parts.netloc.removeprefix('www.')}{parts.path}"
        if parts.scheme.lower() not in _SHARE_SCHEMES and not _SHARE_PATH.search(endpoint):
            continue
        query = parse_qs(parts.query)
        for name in _SHARE_PARAMS:
            for value in query.get(name, ()):
                text = html.unescape(value).replace("\\'", "'").replace('\\"', '"')
                text = _SHARE_TAIL.sub("", text).strip(" \t\r\n-|/(")
                if len(text.split()) < _SHARE_MIN_WORDS:
                    continue
                origin = f"share-link:{parts.scheme.lower() or 'https'}:{endpoint}"
                if (origin, text) not in seen:
                    seen.add((origin, text))
                    doc.add("share_title", text, origin)
                    if len(seen) >= _SHARE_MAX_TEXTS:
                        return
