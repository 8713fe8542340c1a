"""HTML reader: one parse, one walk; blocks with their features, metadata candidates from the head.

The walk is iterative (``lxml.etree.iterwalk``), so deeply nested pages cannot exhaust Python's
recursion limit. Metadata is read before anything is pruned (nothing ever is).
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any, AnyStr, NamedTuple

import lxml.etree as etree

from ..document import Block, BlockKind, Document
from ..rules import CAMEL_BOUNDARY, hints, ignorecase_gates
from ..textutil import clean_inline
from ._markup import cap_attributes, cap_depth, long_tag_cut, strip_tags, unwrap_cdata

__all__ = ["heading_parts", "microdata_authors", "parse_html", "read_html", "read_tree"]

_SKIP = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
        "head", "title", "meta", "link", "select", "option", "textarea", "input", "button",
        "canvas", "map", "video", "audio", "source", "track", "picture",
    }
)  # fmt: skip
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul",
        "caption", "html", "legend",
    }
)  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# tags that are boilerplate by themselves: (role, reason)
_TAG_HINTS = {"nav": "nav", "footer": "footer", "aside": "aside"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_INLINE_CREDIT_TAGS = frozenset({"span", "small", "em", "strong", "b", "i", "cite", "p"})
# raw HTML left as text by a markdown renderer (inline tags inside alt text, indented divs)
_RESIDUAL_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]{0,30}(?:\s[^<>]{0,1000})?/?>")
# links to an author page: /author/jdoe, /autoren/jane-doe-1.123, /by/jane-doe, /people/...
_AUTHOR_HREF = re.compile(
    r"/(?:authors?|autor(?:en|in|es|as)?|auteurs?|autor[ei]|by|people|profile|profil|journalist(?:en)?|"
    r"redakteur(?:e|in)?|reporters?|staff|columnists?|writers?)/[^/?#]{2,}",
    re.IGNORECASE,
)
# a token of rules.word_tokens: a run of ASCII lowercase letters and digits
_TOKEN = re.compile(r"[a-z0-9]+")
_EMPHASIS = frozenset({"strong", "b", "em", "i"})
# cheap pre-check before the regex: one of these must be in the address (every match of
# _AUTHOR_HREF holds one); tested as substrings of the lowered address (rules.ignorecase_gates:
# a case-insensitive alternation tried every word at every position, ~10 us an address)
_AUTHOR_HINT_WORDS = (
    "aut", "/by/", "people", "profil", "journalist", "redakt", "reporter", "staff", "columnist",
    "writer",
)  # fmt: skip
_AUTHOR_GATES = ignorecase_gates(_AUTHOR_HINT_WORDS)
_CAPTION_CLASS = frozenset(
    {"caption", "figcaption", "imagecaption", "photocaption", "bildunterschrift"}
)
_CREDIT_CLASS = frozenset({"credit", "copyright", "source", "photographer", "byline", "author"})
# class words that make the next word a state of the element rather than what it is
_STATE_WORDS = frozenset({"has", "with", "no", "without"})


class _Frame:
    """An open block-level element of the walk (a plain slots class: made ~900 times a page)."""

    __slots__ = (
        "caption",
        "credit",
        "depth",
        "el",
        "in_figure",
        "in_quote",
        "link_chars",
        "neg",
        "neg_words",
        "parts",
        "pos",
        "strong",
        "strong_at",
        "strong_el",
        "strong_whole",
        "tag",
    )

    def __init__(
        self,
        el: Any,
        tag: str,
        depth: int,
        neg: tuple[tuple[int, str, Any], ...],
        neg_words: tuple[str, ...],
        pos: int,
        in_figure: Any,
        in_quote: bool,
        credit: bool,
        caption: bool,
    ) -> None:
        self.el = el
        self.tag = tag
        self.depth = depth
        #: negative class words of the frame and its ancestors: (depth, word, element)
        self.neg = neg
        self.neg_words = neg_words
        self.pos = pos
        self.in_figure = in_figure
        self.in_quote = in_quote
        self.credit = credit
        self.caption = caption
        self.parts: list[str] = []
        self.link_chars = 0
        self.strong = ""
        self.strong_whole = False
        #: the last emphasis element that ended in this frame and len(parts) then; its text
        #: is read once per block in flush() (reading it at every end was quadratic)
        self.strong_el: Any = None
        self.strong_at = 0


def parse_html(text: str, notes: list[str] | None = None, utf8: bytes | None = None) -> Any:
    """Parse HTML text into an lxml tree without losing text (None when there is nothing).

    ``utf8``, when given, must be ``text`` encoded as UTF-8 (the input's own bytes): it is
    parsed as it is when no repair below changes the text, which saves encoding it again.

    ``huge_tree`` lifts libxml2's limits on big text nodes and attributes. When the parser
    still gives up part-way (it stops at 2048 levels of nesting and silently drops the rest of
    the page), the page is parsed again with the tags past ``_MAX_DEPTH`` levels removed and
    their text kept; ``notes`` (the document's notes) records what was done.
    """
    # lxml refuses str input that starts with an encoding declaration; the text is decoded
    start = _LEADING_SPACE.match(text)
    if text.startswith("<?xml", start.end() if start else 0):
        end = text.find(">", start.end() if start else 0)
        text = text[end + 1 :] if end >= 0 else ""
        utf8 = None
    if not text or text.isspace():  # (what "not text.strip()" says, without the copy)
        return None
    if utf8 is not None:
        # the repairs below decided on the bytes alone when they can be (nearly every page):
        # the text is not scanned nor cut (its scans took 0.8 ms a page on the dev corpus)
        data = _repaired_bytes(text, utf8)
        if data is not None:
            root, fatal = _parse(text, data)
            if fatal is None:
                return root
            # (the parser gave up: the text path below reads the page again and says so)
    # one scan finds every CDATA opener, </html> end tag and <frameset> (a scan each took
    # three times as long; nearly every page has one </html>, few have the others)
    found = list(_RARE_MARKUP.finditer(text))
    if any(m.group().startswith("<![") for m in found):
        # (on a third of the dev corpus the only "<![" opens a CDATA inside a script, which
        # stays as it is: the text, its bytes and the scan's matches are then unchanged)
        text, n = unwrap_cdata(text)
        if n:
            utf8 = None
            if notes is not None:
                notes.append(f"html: {n} CDATA section(s) read as text")
            found = list(_RARE_MARKUP.finditer(text))
    # libxml2 drops everything after an </html> end tag without a word (browsers read it
    # into the body): a stray </html> mid-page lost the rest of the page
    ends = [m.span() for m in found if m.group()[1] == "/"]
    frameset = any(m.group()[1] in "fF" for m in found)
    if ends:
        text, joins = _cut_spans(text, ends)
        if utf8 is not None:
            utf8 = _cut_end_tags(utf8, len(ends))
        # a removal can only make a <frameset> across the join
        frameset = frameset or any(
            _FRAMESET.search(text, max(0, j - 10), j + 10) is not None for j in joins
        )
    text, cut = cap_attributes(text, _MAX_ATTRIBUTES)
    if cut:
        utf8 = None
        if notes is not None:
            notes.append(
                f"html: {cut} tag(s) with over {_MAX_ATTRIBUTES} attributes cut to that many"
            )
    if frameset:
        # a frameset page shows nothing of its own but its <noframes> content, which the
        # parser would keep as raw markup: read it as a <div>
        text = _NOFRAMES.sub(r"<\1div", text)
        utf8 = None
    root, fatal = _parse(text, utf8)
    if fatal is not None:
        flat, removed = cap_depth(text, _MAX_DEPTH)
        root, fatal2 = _parse(flat)
        if notes is not None:
            notes.append(
                f"html: the parser gave up ({fatal}); read again with {removed} tag(s) past "
                f"depth {_MAX_DEPTH} removed, their text kept"
            )
        if fatal2 is not None:
            root, _ = _parse(strip_tags(text))
            if notes is not None:
                notes.append(f"html: the parser gave up again ({fatal2}); read as plain text")
    return root


#: nesting kept when a page is deeper than libxml2 reads: far above real pages (the deepest
#: page of the development corpus nests 28 levels) and far below libxml2's 2048
_MAX_DEPTH = 512
# attributes kept per tag: libxml2 compares each attribute with all earlier ones (quadratic)
_MAX_ATTRIBUTES = 1000
_LEADING_SPACE = re.compile(r"\s+")
_FRAMESET = re.compile(r"<frameset[\s>]", re.IGNORECASE)
# a CDATA opener, an </html> end tag or a <frameset>
_RARE_MARKUP = re.compile(r"<(?:!\[|/html\s*>|frameset[\s>])", re.IGNORECASE)
_NOFRAMES = re.compile(r"<(/?)noframes(?=[\s>])", re.IGNORECASE)


# an </html> end tag in the UTF-8 bytes; \s of a bytes pattern is ASCII whitespace only
_END_HTML_BYTES = re.compile(rb"</html\s*>", re.IGNORECASE)


def _cut_end_tags(utf8: bytes, count: int) -> bytes | None:
    """The bytes with their </html> end tags removed, if they hold the ``count`` the text did.

    Every match in the bytes is one in the text ('<' is never inside a multi-byte character;
    ASCII whitespace and letters are a subset of what the str pattern accepts), so the same
    number means the same tags. A tag the bytes pattern misses ("</html\u00a0>") gives a
    different count, and None: the caller encodes the repaired text instead.
    """
    spans = [m.span() for m in _END_HTML_BYTES.finditer(utf8)]
    if len(spans) != count:
        return None
    return _cut_spans(utf8, spans)[0]


# a superset of _RARE_MARKUP's matches in the UTF-8 bytes: "html" and "frame" hold no letter
# that IGNORECASE matches to a character outside ASCII (only i, k and s have one: İ, K, ſ), and
# a <frameset> whose "s" is an "ſ" still starts with "<frame"
_RARE_MARKUP_GATE = re.compile(rb"<(?:!\[|/html|frame)", re.IGNORECASE)
_FRAME_BYTES = re.compile(rb"<frame", re.IGNORECASE)


def _repaired_bytes(text: str, utf8: bytes) -> bytes | None:
    """The bytes parse_html's repairs make of ``utf8`` (``text`` as UTF-8), found in the bytes
    alone, or None when a repair needs the text.

    Those are the pages without a <frameset> or a "<frame" anywhere, whose CDATA sections (if
    any) are all script content, whose </html> end tags read "</html", ASCII spaces and ">"
    (the bytes pattern's; the text's also takes Unicode spaces) and without a tag that
    cap_attributes cuts (long tags are looked at one by one: most hold a long attribute value,
    not thousands of attributes): the </html> cut from the bytes is then the one cut from the
    text (tests/test_fastpaths.py checks the two paths agree).
    """
    spans: list[tuple[int, int]] = []
    cdata = False
    for m in _RARE_MARKUP_GATE.finditer(utf8):
        second = utf8[m.start() + 1]
        if second == 0x21:  # "<!["
            cdata = True
        elif second == 0x2F:  # "</html"
            end = _END_HTML_BYTES.match(utf8, m.start())
            if end is None:
                return None
            spans.append(end.span())
        else:  # "<frame"
            return None
    if cdata and unwrap_cdata(text)[1]:
        return None
    data = utf8
    if spans:
        data, joins = _cut_spans(utf8, spans)
        # a "<frame" the cut put together straddles a join
        if any(_FRAME_BYTES.search(data, max(0, j - 6), j + 6) for j in joins):
            return None
    if long_tag_cut(data, _MAX_ATTRIBUTES):
        return None
    return data


def _cut_spans(data: AnyStr, spans: list[tuple[int, int]]) -> tuple[AnyStr, list[int]]:
    """``data`` without the (sorted, disjoint) ``spans``, and where each cut joins in the result."""
    pieces: list[AnyStr] = []
    joins: list[int] = []
    last = size = 0
    for a, b in spans:
        pieces.append(data[last:a])
        size += a - last
        joins.append(size)
        last = b
    pieces.append(data[last:])
    return data[:0].join(pieces), joins


def _parse(text: str, utf8: bytes | None = None) -> tuple[Any, str | None]:
    """The root element (or None) and the message of a fatal parser error (or None).

    ``utf8``, when the caller has it, is what is parsed: ``text`` encoded as UTF-8, or as
    parse_html's repairs would make it (``text`` is then unused)."""
    # libxml2 is handed UTF-8 bytes, its own encoding: given a str, lxml passes the string's
    # internal UCS-2/UCS-4 buffer and libxml2 converts all of it (dev corpus, instructions
    # counted by cachegrind: parsing the input's bytes takes ~20 % fewer than the str)
    data: str | bytes = text
    if utf8 is not None:
        data = utf8
    else:
        with contextlib.suppress(UnicodeEncodeError):  # a lone surrogate: parse the str
            data = text.encode("utf-8")
    parser = _parser() if isinstance(data, bytes) else _str_parser()
    try:
        # lxml.etree's parser, not lxml.html's: no per-element Python class lookup (measured:
        # a third of the reading time went to lxml.html's lookup on the development corpus)
        root = etree.fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    for err in parser.error_log:
        if err.level == etree.ErrorLevels.FATAL:
            return root, f"{err.type_name}: {err.message.strip()}"
    return root, None


@cache
def _parser() -> etree.HTMLParser:
    # UTF-8 bytes only; no ID table (nothing looks elements up by id: XPath id() is unused)
    return etree.HTMLParser(
        encoding="utf-8",
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        collect_ids=False,
    )


@cache
def _str_parser() -> etree.HTMLParser:
    return etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True, no_network=True)


def text_of(el: Any) -> str:
    """All text inside an element (lxml.etree has no text_content())."""
    return "".join(el.itertext())


def read_html(doc: Document) -> Document:
    """Parse ``doc.text`` as HTML, collect metadata candidates and the blocks."""
    root = parse_html(doc.text, doc.notes, doc.utf8)
    doc.tree = root
    if root is None:
        return doc
    collect_metadata(doc, root, microdata=False)
    # the walk collects the microdata authors on the way (an XPath for them was a second
    # full scan of the tree); the reader adds no candidate, so they come in the same order
    authors: list[Any] = []
    read_tree(doc, root, markdown=False, authors=authors)
    microdata_authors(doc, authors)
    return doc


class _ElementHints(NamedTuple):
    """What an element's tag, class, id, role and itemprop say about it (cached per value)."""

    neg: tuple[str, ...]
    pos: int
    credit: bool
    caption: bool


def _tokens(value: str) -> list[str]:
    """The tokens of a class/id value without pairs (``class_tokens`` minus its joined pairs)."""
    if not value:
        return []
    # the tokens of rules.word_tokens on each word in turn, found in one pass over the whole
    # value: whitespace is a separator, lowercasing maps character by character and the camel
    # split only sees letters (tests/test_fastpaths.py checks the two agree); the values that
    # get here are the cache misses of _hints_for, mostly unique, so a lookup per word (half of
    # whose words are unique too: "menu-item-351182") cost more than this one split
    return _TOKEN.findall((value if value.islower() else CAMEL_BOUNDARY.sub(" ", value)).lower())


def _prefixes(words: Iterable[str]) -> frozenset[str]:
    """Every proper prefix of the words: a joined pair a+b can only be one of them if a is."""
    return frozenset(w[:k] for w in words for k in range(1, len(w)))


@cache
def _hint_starts() -> frozenset[str]:
    h = hints()
    return _prefixes([*h.negative, *h.positive])


@cache
def _hint_gate() -> frozenset[str]:
    """Every token that can make a class/id/role hint: a vocabulary word or a pair's start."""
    h = hints()
    return frozenset(h.negative) | h.positive | _hint_starts()


_CREDIT_CAPTION_STARTS = _prefixes(_CREDIT_CLASS | _CAPTION_CLASS)
_CREDIT_CAPTION_GATE = _CREDIT_CLASS | _CAPTION_CLASS | _CREDIT_CAPTION_STARTS


@lru_cache(maxsize=8192)
def _hints_for(tag: str, cls: str, ident: str, role: str, itemprop: str) -> _ElementHints:
    # the tokens and joined pairs are those of rules.class_tokens on the attributes joined by
    # spaces; a pair is only built where its first half can start a word of the vocabulary
    # (class strings are mostly unique to one element, so this path runs ~100 times a page)
    neg: list[str] = []
    pos = 0
    if tag in _TAG_HINTS:
        neg.append(_TAG_HINTS[tag])
    # (_tokens inlined; id and role split as one value: _tokens of "a b" is _tokens of a and
    # of b, and three in four of these elements have a class and neither)
    toks_cls = (
        _TOKEN.findall((cls if cls.islower() else CAMEL_BOUNDARY.sub(" ", cls)).lower())
        if cls
        else []
    )
    if cls or ident or role:
        if ident or role:
            rest = f"{ident} {role}" if role else ident
            toks = toks_cls + _TOKEN.findall(
                (rest if rest.islower() else CAMEL_BOUNDARY.sub(" ", rest)).lower()
            )
        else:
            toks = toks_cls
        # one set check in C first: on the dev corpus's 20k distinct class/id strings, 27 %
        # hold no token of the vocabulary and none that starts a word of it
        if not _hint_gate().isdisjoint(toks):
            h = hints()
            negative, positive = h.negative, h.positive
            starts = _hint_starts()
            class_neg: list[str] = []
            # each loop below is skipped after one set check in C when it could find nothing
            # (no vocabulary token; no token that starts a vocabulary word, so no pair)
            if not (negative.keys().isdisjoint(toks) and positive.isdisjoint(toks)):
                for tok in toks:
                    if tok in negative:
                        class_neg.append(tok)
                    elif tok in positive:
                        pos += 1
            if not starts.isdisjoint(toks):
                for a, b in pairwise(toks):
                    if a in starts:
                        tok = a + b
                        if tok in negative:
                            class_neg.append(tok)
                        elif tok in positive:
                            pos += 1
            # "sidebar-grid__content article__content": an article word outweighs layout words
            if not pos:
                neg.extend(class_neg)
    if itemprop == "articleBody":
        pos += 3
    credit = caption = False
    if cls or itemprop:
        toks = toks_cls + _tokens(itemprop) if itemprop else toks_cls
        # (85 % of the dev corpus's distinct class strings hold no credit or caption token)
        if not _CREDIT_CAPTION_GATE.isdisjoint(toks):
            if not _STATE_WORDS.isdisjoint(toks):
                # "hasCaption", "with-credit", "no-caption": a flag of a container (a header
                # that holds a captioned image), not a caption or credit itself
                toks = [
                    t
                    for t, prev in zip(toks, ["", *toks[:-1]], strict=True)
                    if prev not in _STATE_WORDS
                ]
            credit = not _CREDIT_CLASS.isdisjoint(toks)
            caption = not _CAPTION_CLASS.isdisjoint(toks)
            if not _CREDIT_CAPTION_STARTS.isdisjoint(toks):
                for a, b in pairwise(toks):
                    if a in _CREDIT_CAPTION_STARTS:
                        tok = a + b
                        credit = credit or tok in _CREDIT_CLASS
                        caption = caption or tok in _CAPTION_CLASS
    # (tuple.__new__ as NamedTuple._make does: the class's own __new__ is a Python function,
    # a frame for each of the ~150 cache misses a page)
    return _new_tuple(_ElementHints, (tuple(neg), pos, credit, caption))


_new_tuple = tuple.__new__


def _element_hints(el: Any, tag: str) -> _ElementHints:
    """Hints from an element's attributes."""
    attrib = el.attrib
    if not attrib:
        return _hints_for(tag, "", "", "", "")
    get = attrib.get
    return _hints_for(
        tag, get("class") or "", get("id") or "", get("role") or "", get("itemprop") or ""
    )


@lru_cache(maxsize=4096)
def _screen_reader_class(cls: str) -> bool:
    # the case-insensitive alternation tries every position (9 us on a 100-character class,
    # and class strings are mostly unique): an ASCII class can only match if its lowercase
    # holds one of these (IGNORECASE folds only ASCII letters on ASCII text)
    if cls.isascii():
        low = cls.lower()
        if (
            "sr-only" not in low
            and "visually" not in low
            and "screen-reader" not in low
            and "hidden" not in low
            and "d-none" not in low
        ):
            return False
    return _SCREEN_READER_CLASS.search(cls) is not None


def _screen_reader_only(cls: str | None) -> bool:
    """Classes that hide text from the eye but not from screen readers (sr-only, ...)."""
    return bool(cls) and _screen_reader_class(cls)


# text only for screen readers ("(opens in a new window)") is not shown on the page, nor is text
# under the CSS frameworks' display:none utility classes ("hidden", "d-none")
_SCREEN_READER_CLASS = re.compile(
    r"sr-only|visually-?hidden|screen-reader|(?:^|\s)(?:hidden|d-none)(?:\s|$)", re.IGNORECASE
)


def read_tree(
    doc: Document, root: Any, *, markdown: bool, authors: list[Any] | None = None
) -> None:
    """Walk the tree once and append blocks to ``doc.blocks``.

    With ``markdown=True`` (a tree rendered from a markdown dump), the alt text of images is
    visible text of the input and becomes caption blocks. ``authors``, when given, receives
    the microdata author elements (``itemprop="author"``, ``<a rel="author">``) of the whole
    tree in document order, skipped subtrees included.
    """
    blocks = doc.blocks
    stack: list[_Frame] = []
    link_depth = 0
    images: list[dict[str, Any]] = doc.images_raw

    def flush(frame: _Frame) -> None:
        if not frame.parts and frame.strong_el is None:
            return
        if frame.strong_el is not None:
            parts, k = frame.parts, frame.strong_at
            frame.strong = clean_inline(text_of(frame.strong_el))
            # the whole block is this one emphasised element
            frame.strong_whole = not "".join(parts[: max(0, k - 1)]).strip() or (
                clean_inline("".join(parts[:k])) == frame.strong
            )
            frame.strong_el = None
        if not frame.parts:
            return
        raw = "".join(frame.parts)
        frame.parts.clear()
        links = frame.link_chars
        frame.link_chars = 0
        if raw.isspace():  # most flushes: the whitespace between two block elements
            return
        text = clean_inline(_RESIDUAL_TAG.sub("", raw) if markdown else raw)
        if not text:
            return
        tag = frame.tag
        kind: BlockKind = "paragraph"
        level = 0
        if tag in _HEADINGS:
            kind, level = "heading", _HEADINGS[tag]
        elif tag == "li":
            kind = "list_item"
        elif tag == "figcaption" or (frame.in_figure is not None and tag != "p") or frame.caption:
            kind = "caption"
        elif tag == "pre":
            kind = "preformatted"
        elif frame.in_quote:
            kind = "quote"
        neg_words = frame.neg_words
        score = frame.pos - len(neg_words)
        extra: dict[str, Any] = {"el": frame.el, "neg": frame.neg, "tag": tag}
        if frame.in_figure is not None:
            extra["figure"] = frame.in_figure
        if frame.credit:
            extra["credit"] = True
        # index, text, kind, where, level, link_density, hint, hint_words by position: a call
        # by keyword matches each name against Block's 13 fields (~2k instructions a block,
        # 0.3 % of a page, counted by cachegrind on the dev corpus)
        b = Block(
            len(blocks),
            text,
            kind,
            "",
            level,
            # (most blocks hold no link text: their density is 0.0 without copying raw.strip())
            min(1.0, links / max(1, len(raw.strip()))) if links else 0.0,
            score,
            neg_words,
            extra=extra,
        )
        if frame.strong and text.endswith(frame.strong):
            if len(frame.strong) < len(text):
                b.extra["trailing_strong"] = frame.strong
            elif frame.strong_whole:
                b.extra["emphasized"] = True
        frame.strong = ""
        frame.strong_whole = False
        blocks.append(b)

    def add_text(s: str | None) -> None:
        if s and stack:
            top = stack[-1]
            top.parts.append(s)
            if link_depth:
                top.link_chars += len(s.strip())

    walker = etree.iterwalk(root, events=("start", "end"))
    skipped: set[Any] = set()
    credit_spans: set[Any] = set()
    # hot loop (every element, twice): names bound locally, add_text inlined; attribute names
    # are passed to get() as bytes, which lxml takes as they are (a str name is encoded to
    # UTF-8 on every call: ~4,000 calls a page, 114.73 -> 113.86 M instructions a page,
    # cachegrind on the dev corpus; tests/test_fastpaths.py checks both give the same value)
    block_tags, skip_tags, sr_class, hints_for = _BLOCK, _SKIP, _screen_reader_class, _hints_for
    skip_subtree, stack_append, stack_pop = walker.skip_subtree, stack.append, stack.pop
    elements = 0
    # the elements the walk enters (not those of skipped subtrees), in document order: every
    # block element and all its ancestors are among them (select_content sums sizes over
    # these instead of root.iter(), which also visits the ~2,000 elements a page of the head,
    # scripts and svg icons on the dev corpus)
    walked: list[Any] = []
    walked_append = walked.append
    for event, el in walker:
        tag = el.tag
        if event == "start":
            elements += 1
            if tag.__class__ is not str or tag in skip_tags:
                skipped.add(el)
                skip_subtree()
                if authors is not None:
                    _skipped_authors(el, authors)
                continue
            cls = el.get(b"class")
            style = el.get(b"style")
            if (
                (cls and sr_class(cls))
                or (style and _HIDDEN_STYLE.search(style))
                or el.get(b"hidden") is not None
            ):
                skipped.add(el)
                skip_subtree()
                if authors is not None:
                    _skipped_authors(el, authors)
                continue
            walked_append(el)
            itemprop = el.get(b"itemprop")
            if authors is not None and (
                itemprop == "author" or (tag == "a" and el.get(b"rel") == "author")
            ):
                authors.append(el)
            if tag in block_tags:
                if stack:
                    parent = stack[-1]
                    parts = parent.parts
                    if parent.strong_el is None and len(parts) == 1 and parts[0].isspace():
                        # flush() of the whitespace between two blocks, inlined (most of them)
                        parts.clear()
                        parent.link_chars = 0
                    elif parts or parent.strong_el is not None:
                        flush(parent)
                # _element_hints inlined (half the elements are blocks); class and itemprop
                # were read above
                get = el.get
                eh = hints_for(tag, cls or "", get(b"id") or "", get(b"role") or "", itemprop or "")
                neg: tuple[tuple[int, str, Any], ...]
                neg_words: tuple[str, ...]
                if stack:
                    neg, neg_words = parent.neg, parent.neg_words
                    if eh.neg:
                        depth = parent.depth + 1
                        neg = neg + tuple([(depth, w, el) for w in eh.neg])
                        neg_words = neg_words + eh.neg
                    frame = _Frame(
                        el,
                        tag,
                        parent.depth + 1,
                        neg,
                        neg_words,
                        parent.pos + eh.pos,
                        el if tag == "figure" else parent.in_figure,
                        tag == "blockquote" or parent.in_quote,
                        parent.credit or eh.credit,
                        parent.caption or eh.caption,
                    )
                else:
                    neg = tuple([(0, w, el) for w in eh.neg])
                    frame = _Frame(
                        el,
                        tag,
                        0,
                        neg,
                        eh.neg,
                        eh.pos,
                        el if tag == "figure" else None,
                        tag == "blockquote",
                        eh.credit,
                        eh.caption,
                    )
                stack_append(frame)
                text = el.text
                if text:
                    frame.parts.append(text)
                    if link_depth:
                        frame.link_chars += len(text.strip())
                continue
            if tag == "img":
                _record_image(el, stack, link_depth, images, blocks, markdown, doc)
                continue
            if tag == "br":
                add_text("\n")
                continue
            if tag == "a":
                link_depth += 1
            if (
                stack
                and stack[-1].in_figure is not None
                and tag in _INLINE_CREDIT_TAGS
                and _element_hints(el, tag).credit
            ):
                # an inline credit inside a caption: give it its own block
                flush(stack[-1])
                stack[-1].credit = True
                stack[-1].parts.append(el.text or "")
                credit_spans.add(el)
                continue
            text = el.text
            if text and stack:
                top = stack[-1]
                top.parts.append(text)
                if link_depth:
                    top.link_chars += len(text.strip())
        else:  # end
            if skipped and el in skipped:
                skipped.discard(el)
                add_text(el.tail)
                continue
            if tag in block_tags:
                if stack and stack[-1].el is el:
                    frame = stack_pop()
                    parts = frame.parts
                    # (a closed frame with only whitespace left has nothing to flush)
                    if frame.strong_el is not None or (
                        parts and (len(parts) > 1 or not parts[0].isspace())
                    ):
                        flush(frame)
                tail = el.tail
                if tail and stack:
                    top = stack[-1]
                    top.parts.append(tail)
                    if link_depth:
                        top.link_chars += len(tail.strip())
                continue
            if tag == "a":
                link_depth = max(0, link_depth - 1)
            elif stack and tag in _EMPHASIS:
                stack[-1].strong_el, stack[-1].strong_at = el, len(stack[-1].parts)
            elif credit_spans and el in credit_spans and stack:
                flush(stack[-1])
                stack[-1].credit = bool(len(stack) > 1 and stack[-2].credit)
            tail = el.tail
            if tail and stack:
                top = stack[-1]
                top.parts.append(tail)
                if link_depth:
                    top.link_chars += len(tail.strip())
    while stack:
        flush(stack.pop())
    # every sibling of every block's ancestors had a start event: assemble bounds the cost of
    # lxml's getpath() (which counts siblings on each call) with this
    doc.flags["elements"] = elements
    doc.flags["walked"] = (root, walked)


def _shown(el: Any) -> bool:
    """False for an element hidden from the eye (aria-hidden, hidden, sr-only, display:none)."""
    if el.get("aria-hidden") == "true" or el.get("hidden") is not None:
        return False
    style = el.get("style")
    return not (_screen_reader_only(el.get("class")) or (style and _HIDDEN_STYLE.search(style)))


def _shown_text(el: Any, depth: int = 0) -> str:
    if depth > 40:  # a heading nested this deep is no kicker/headline pair: all its text
        return text_of(el)
    if not _shown(el):
        return ""
    out = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _SKIP:
            out.append(_shown_text(child, depth + 1))
        out.append(child.tail or "")
    return "".join(out)


_WORDY = re.compile(r"\w")


def heading_parts(el: Any) -> list[str]:
    """The shown parts of a heading built from child elements (kicker span, headline span).

    Empty when the heading has text of its own outside its children or only one part;
    parts without a letter or digit (a ":" or "-" joiner span) are left out.
    """
    if (el.text or "").strip() or len(el) < 2:
        return []
    parts: list[str] = []
    for child in el:
        if (child.tail or "").strip():
            return []
        if isinstance(child.tag, str) and child.tag not in _SKIP:
            text = clean_inline(_shown_text(child))
            if _WORDY.search(text):
                parts.append(text)
    return parts if len(parts) >= 2 else []


def _may_be_author_href(href: str) -> bool:
    """False when ``href`` holds none of the author words, so _AUTHOR_HREF cannot match."""
    if _AUTHOR_GATES is None:  # pragma: no cover - every word above has a gate
        return True
    low = href.lower()
    return any(map(low.__contains__, _AUTHOR_GATES))


def author_links(el: Any) -> list[str]:
    """Texts of the links to author pages inside an element (/author/jdoe, /autoren/...)."""
    out: list[str] = []
    for a in el.iter("a"):
        href = a.get("href")
        if href and _may_be_author_href(href) and _AUTHOR_HREF.search(href):
            text = clean_inline(text_of(a))
            if text:
                out.append(text)
    return out


def _record_image(
    el: Any,
    stack: list[_Frame],
    link_depth: int,
    images: list[dict[str, Any]],
    blocks: list[Block],
    markdown: bool,
    doc: Document,
) -> None:
    src = el.get("src") or el.get("data-src") or el.get("data-lazy-src") or ""
    if not src or src.startswith("data:"):
        srcset = el.get("srcset") or el.get("data-srcset") or ""
        src = srcset.split(",")[0].strip().split(" ")[0] if srcset else ""
    if src.startswith("data:"):
        src = ""
    alt = clean_inline(_RESIDUAL_TAG.sub("", el.get("alt") or ""))
    top = stack[-1] if stack else None
    info: dict[str, Any] = {
        "url": src or None,
        "alt": alt,
        "in_link": link_depth > 0,
        "figure": top.in_figure if top else None,
        "after_block": len(blocks),
        # the block element the image sits in (a "<p><img><br><em>Caption</em></p>" caption)
        "block_el": top.el if top else None,
    }
    images.append(info)
    if markdown and alt and top is not None:
        # alt text is what the markdown dump shows as the image: a caption block of its own
        b = Block(index=len(blocks), text=alt, kind="caption")
        b.extra["image"] = info
        b.extra["el"] = top.el
        b.extra["neg"] = top.neg
        b.extra["tag"] = "img"
        b.hint_words = tuple(w for _, w, _el in top.neg)
        if link_depth:
            b.link_density = 1.0
        blocks.append(b)
        info["block"] = b


# --------------------------------------------------------------------------- metadata ----

_META_FIELDS: dict[str, str] = {
    "og:title": "title",
    "twitter:title": "title",
    "dc.title": "title",
    "headline": "title",
    "og:description": "description",
    "description": "description",
    "twitter:description": "description",
    "dc.description": "description",
    "author": "authors",
    "article:author": "authors",
    "parsely-author": "authors",
    "sailthru.author": "authors",
    "dc.creator": "authors",
    "byl": "authors",
    "citation_author": "authors",
    "article:published_time": "published",
    "og:article:published_time": "published",
    "article:published": "published",
    "datepublished": "published",
    "pubdate": "published",
    "publishdate": "published",
    "publish-date": "published",
    "publish_date": "published",
    "publication_date": "published",
    "parsely-pub-date": "published",
    "sailthru.date": "published",
    "dc.date": "published",
    "dc.date.issued": "published",
    "dcterms.date": "published",
    "date": "published",
    "article.published": "published",
    "cxenseparse:recs:publishtime": "published",
    "article:modified_time": "updated",
    "og:updated_time": "updated",
    "datemodified": "updated",
    "article:modified": "updated",
    "last-modified": "updated",
    "dcterms.modified": "updated",
    "og:site_name": "publisher",
    "application-name": "publisher",
    "publisher": "publisher",
    "article:section": "section",
    "parsely-section": "section",
    "og:url": "canonical_url",
    "og:locale": "language",
    "content-language": "language",
    "dc.language": "language",
    "og:image": "image",
}
# "article:published_time", "article:published:time", "article.published-time": one key
_META_NONWORD = re.compile(r"[^a-z0-9]+")
_META_KEYS = {_META_NONWORD.sub("", k): v for k, v in _META_FIELDS.items()}
_ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report|Posting|LiveBlog", re.IGNORECASE)


def _text(value: str) -> str:
    """A metadata string as text: entities left escaped by the page unescaped, spaces folded."""
    if "&" in value:
        value = html.unescape(value)
    return clean_inline(value)


_MARKUP = re.compile(r"<[^<>]{0,2000}>")


def _body_text(value: str) -> str:
    """articleBody as text: markup removed, entities unescaped (some pages escape them twice)."""
    for _ in range(2):
        if "&" not in value:
            break
        value = html.unescape(value)
    return _MARKUP.sub(" ", value).strip()


def _is_author(el: Any) -> bool:
    """A microdata author element: ``itemprop="author"`` or ``<a rel="author">``."""
    return bool(el.get("itemprop") == "author" or (el.tag == "a" and el.get("rel") == "author"))


# the author elements of a subtree in document order, the subtree's root included
_SUBTREE_AUTHORS = etree.XPath(
    'descendant-or-self::*[@itemprop="author" or (self::a and @rel="author")]'
)


#: elements of a skipped subtree looked at in Python before it is left to the XPath (which
#: costs ~10 us a call however small the subtree: dev corpus, ~39 subtrees with children a
#: page, nine in ten of them icons and buttons of at most 9 elements, two a page above 32)
_SMALL_SUBTREE = 32


def _skipped_authors(el: Any, authors: list[Any]) -> None:
    """Append the microdata author elements of a subtree the walk skips (head, svg, hidden)."""
    # ~83 subtrees a page, most of them one element (script, style, meta); a small subtree is
    # looked through in Python, a big one (the head, a hidden menu) by XPath in C
    if not len(el):
        if _is_author(el):
            authors.append(el)
        return
    found: list[Any] = []
    for n, x in enumerate(el.iter()):
        if n == _SMALL_SUBTREE:
            found = _SUBTREE_AUTHORS(el)  # type: ignore[assignment]  # a node-set
            break
        # (_is_author inlined; bytes attribute names as in read_tree)
        if x.get(b"itemprop") == "author" or (x.tag == "a" and x.get(b"rel") == "author"):
            found.append(x)
    authors.extend(found)


def microdata_authors(doc: Document, elements: list[Any]) -> None:
    """Author candidates from microdata author elements (their itemprop=name, else text)."""
    for el in elements:
        name_el = el.find('.//*[@itemprop="name"]')
        text = text_of(name_el if name_el is not None else el)
        if text and len(text) < 200:
            doc.add("authors", clean_inline(text), "microdata:author")


def collect_metadata(doc: Document, root: Any, *, microdata: bool = True) -> None:
    """Metadata candidates from meta tags, JSON-LD, <time>, <title>, canonical and lang.

    ``microdata=False`` leaves out the microdata authors (``read_html`` collects them in its
    walk and adds them after these).
    """
    lang = root.get("lang") or root.get("xml:lang")
    if lang:
        doc.add("language", lang, "html-lang")
    seen_title = False
    # one pass over the tree for every kind of head element (each root.iter() is a full scan)
    for el in root.iter("meta", "link", "title", "script", "time"):
        tag = el.tag
        if tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            if not key:
                key = (el.get("http-equiv") or "").strip().lower()
            content = el.get("content")
            if not key or not content:
                continue
            f = _META_KEYS.get(_META_NONWORD.sub("", key))
            if f:
                doc.add(f, _text(content), f"meta:{key}")
        elif tag == "link":
            rel = (el.get("rel") or "").lower()
            if "canonical" in rel.split() and el.get("href"):
                doc.add("canonical_url", el.get("href").strip(), "link:canonical")
        elif tag == "title":
            if not seen_title and text_of(el).strip():
                doc.add("title", clean_inline(text_of(el)), "html:title")
                seen_title = True
        elif tag == "script":
            if (el.get("type") or "").lower().strip() == "application/ld+json" and el.text:
                _json_ld(doc, el.text)
        else:  # time
            dt = el.get("datetime")
            if dt:
                which = (
                    "updated"
                    if "modif" in (el.get("itemprop") or el.get("class") or "").lower()
                    else "published"
                )
                doc.add(which, dt.strip(), "html:time")
    if microdata:
        microdata_authors(doc, root.xpath('//*[@itemprop="author"]|//a[@rel="author"]'))


def _walk_json(obj: Any, depth: int = 0) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if depth > 8:
        return out
    if isinstance(obj, list):
        for x in obj[:200]:
            out.extend(_walk_json(x, depth + 1))
    elif isinstance(obj, dict):
        out.append(obj)
        graph = obj.get("@graph")
        if isinstance(graph, list):
            out.extend(_walk_json(graph, depth + 1))
        main = obj.get("mainEntity")
        if isinstance(main, dict):
            out.extend(_walk_json(main, depth + 1))
    return out


def _type_of(obj: dict[str, Any]) -> str:
    t = obj.get("@type")
    if isinstance(t, list):
        return " ".join(str(x) for x in t)
    return str(t or "")


def _names(value: Any) -> list[tuple[str, str]]:
    """(name, kind) pairs from a JSON-LD author/publisher value; kind is Person/Organization/''."""
    out: list[tuple[str, str]] = []
    items = value if isinstance(value, list) else [value]
    for it in items[:100]:
        if isinstance(it, str):
            out.append((it, ""))
        elif isinstance(it, dict):
            n = it.get("name")
            if isinstance(n, list):
                n = n[0] if n else None
            if isinstance(n, str):
                out.append((n, _type_of(it)))
    return out


# a JSON-LD script's CDATA or HTML comment wrapper, as a comment of JavaScript or bare
_LD_WRAPPER = re.compile(
    r"^\s*(?:(?://|/\*)\s*)?(?:<!\[CDATA\[|<!--)(?:\s*\*/)?"
    r"|(?:(?://|/\*)\s*)?(?:\]\]>|-->)(?:\s*\*/)?\s*$"
)


def _json_ld(doc: Document, text: str) -> None:
    try:
        data = json.loads(text)
    except RecursionError:  # "[[[[..." nested past the recursion limit: not metadata
        doc.notes.append("json-ld: a script nested too deeply to read was ignored")
        return
    except ValueError:
        # common damage: a CDATA or comment wrapper ("//<![CDATA[ ... //]]>", a habit of
        # XHTML-era templates), raw newlines in strings, trailing commas
        fixed = _LD_WRAPPER.sub("", text).replace("\n", " ")
        try:
            data = json.loads(re.sub(r",\s*([}\]])", r"\1", fixed))
        except (ValueError, RecursionError):
            doc.notes.append("json-ld: a script could not be parsed and was ignored")
            return
    for obj in _walk_json(data):
        typ = _type_of(obj)
        is_article = bool(_ARTICLE_TYPES.search(typ))
        origin = "json-ld" if is_article else f"json-ld-{typ or 'untyped'}"
        if not is_article and "WebPage" not in typ:
            continue
        for key, f in (
            ("headline", "title"),
            ("alternativeHeadline", "alt_title"),
            ("description", "description"),
            ("datePublished", "published"),
            ("dateModified", "updated"),
            ("articleSection", "section"),
            ("inLanguage", "language"),
            ("articleBody", "article_body"),
            ("url", "canonical_url"),
        ):
            v = obj.get(key)
            if isinstance(v, list) and v and isinstance(v[0], str):
                v = v[0]
            if isinstance(v, str) and v.strip():
                doc.add(f, _body_text(v) if f == "article_body" else _text(v), f"{origin}:{key}")
        if is_article:
            # the article's own name: a second wording of the headline on some pages
            name = obj.get("name")
            if isinstance(name, str) and name.strip():
                doc.add("article_name", _text(name), f"{origin}:name")
            for name, kind in _names(obj.get("author")):
                doc.add("authors", (_text(name), kind), f"{origin}:author")
            for name, _kind in _names(obj.get("publisher")):
                doc.add("publisher", _text(name), f"{origin}:publisher")
