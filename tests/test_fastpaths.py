"""Fast paths added for speed give exactly what the plain code they skip would give."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import lxml.etree as etree
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newsclean
from newsclean.core import prepare
from newsclean.document import Block
from newsclean.readers._markup import _LONG_TAG, _long_tags, cap_attributes
from newsclean.readers.html import (
    _CAPTION_CLASS,
    _CREDIT_CLASS,
    _TAG_HINTS,
    _element_hints,
    _hints_for,
    _is_author,
    _skipped_authors,
    _tokens,
    parse_html,
    text_of,
)
from newsclean.rules import class_tokens, hints, word_tokens

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CLASS_SPLIT = re.compile(r"[^a-z0-9]+")


def _word_tokens_each(value: str) -> list[str]:
    """The tokens of a class/id value word by word (the plain code ``_tokens`` replaces)."""
    return [t for w in value.split() for t in word_tokens(w)]


def _skipped_authors_plain(el: Any) -> list[Any]:
    """The plain scan ``_skipped_authors`` replaces: every author element of the subtree."""
    return [x for x in el.iter() if _is_author(x)]


def _class_tokens_whole(value: str) -> tuple[str, ...]:
    """class_tokens as it was written before the per-word cache: one split of the whole value."""
    parts = _CLASS_SPLIT.split((value if value.islower() else _CAMEL.sub(" ", value)).lower())
    toks = [p for p in parts if p]
    return tuple(toks + [a + b for a, b in pairwise(toks)])


@given(st.text(alphabet="aZb-_ 1\t\n\xa0\u2003\u0130\u212a\u017f\u03a3\x1c\x85é", max_size=16))
def test_class_tokens_per_word_equals_whole_split(value: str) -> None:
    """Tokenising word by word gives the tokens and pairs of splitting the whole attribute."""
    assert class_tokens(value) == _class_tokens_whole(value)


@given(st.text(alphabet="aZb-_ 1\t\n\xa0\u2003\u0130\u212a\u017f\u03a3\x1c\x85é", max_size=16))
def test_element_tokens_one_split_equals_word_by_word(value: str) -> None:
    """Tokenising a whole class value in one pass gives the tokens of tokenising each word."""
    assert _tokens(value) == _word_tokens_each(value)


def test_element_tokens_split_camel_case_and_separators() -> None:
    """The one-pass tokeniser splits camelCase, separators and whitespace like word_tokens."""
    assert _tokens("teaserArticle body-text\tPHOTO_credit x2") == [
        "teaser", "article", "body", "text", "photo", "credit", "x2",
    ]  # fmt: skip


def test_class_tokens_pairs_cross_words() -> None:
    """Pairs join the last token of one class name with the first of the next."""
    assert "maincontent" in class_tokens("main content")
    assert "articlebody" in class_tokens("teaserArticle body-text")


def _tag(n_attrs: int) -> str:
    return "<div " + " ".join(f"a{i}='x'" for i in range(n_attrs)) + ">"


@pytest.mark.parametrize("pad", [0, 1, 4999, 5000, 5001, 9999, 12345])
@pytest.mark.parametrize(
    "middle",
    [
        _tag(1500),  # a long tag: the regex matches
        "<script>" + "x" * 30_000 + "</script>",  # a long run outside any tag
        "<script>if (a<b) {" + "x" * 30_000 + "}</script>",  # a '<' in script text
        "<p " + "x" * 12_000,  # a long tag never closed
        "<p " + "x" * 9_990 + ">",  # just under the length the regex needs
        "<1" + "x" * 20_000 + ">",  # not a tag name
        "<p " + "x" * 9_999 + ">",  # a run of exactly 10,000 after the name's letter
        "<P " + "x" * 9_998 + ">",  # one short of it
        "<\u00e9 " + "x" * 20_000 + ">",  # a letter, but not an ASCII one
        "<a " + "x" * 20_000 + "<b>",  # the run ends on a "<"
    ],
)
def test_long_tag_gate_agrees_with_the_regex(pad: int, middle: str) -> None:
    """The chunk scan (and the find() check before the regex) finds the long tags the regex
    finds, and no others."""
    text = "<p>" + "y" * pad + "</p>" + middle + "<p>end</p>" + middle
    assert [m.span() for m in _long_tags(text)] == [m.span() for m in _LONG_TAG.finditer(text)]


def test_cap_attributes_still_cuts_behind_the_gate() -> None:
    """A tag with too many attributes at any offset is cut to the limit."""
    for pad in (0, 3000, 7777):
        out, cut = cap_attributes("x" * pad + _tag(1500) + "<p>t</p>", 1000)
        assert cut == 1
        assert out.count("='x'") == 1000


def test_end_html_mid_page_and_frameset_across_it() -> None:
    """Every </html> is removed, and a <frameset> that only appears once it is gone counts."""
    root = parse_html("<html><body><p>one</p></html><p>two</p></HTML ><p>three</p></body>")
    assert "three" in text_of(root)
    art = newsclean.clean(
        "<html><frame</html>set cols='50%'><noframes><p>The whole story is told in this one "
        "paragraph of the frameless page, long enough to be a body.</p></noframes></frameset>"
    )
    assert "whole story" in art.body


def test_carriage_returns_and_str_input_still_normalised() -> None:
    """CR and CRLF still become LF, and str input is still scrubbed of lone surrogates."""
    doc = prepare("<p>a\r\nb\rc \ud800</p>")
    assert "\r" not in doc.text
    assert "\ud800" not in doc.text


def _hints_whole(tag: str, cls: str, ident: str, role: str, itemprop: str) -> tuple[object, ...]:
    """The element hints as computed before the pair shortcut: every token and pair looked up."""
    neg: list[str] = []
    pos = 0
    if tag in _TAG_HINTS:
        neg.append(_TAG_HINTS[tag])
    attrs = " ".join(v for v in (cls, ident, role) if v)
    if attrs:
        h = hints()
        class_neg: list[str] = []
        for tok in class_tokens(attrs):
            if tok in h.negative:
                class_neg.append(tok)
            elif tok in h.positive:
                pos += 1
        if not pos:
            neg.extend(class_neg)
    if itemprop == "articleBody":
        pos += 3
    toks = set(class_tokens(cls + " " + itemprop)) if (cls or itemprop) else set()
    return (tuple(neg), pos, bool(_CREDIT_CLASS & toks), bool(_CAPTION_CLASS & toks))


_VOCAB = sorted({*hints().negative, *hints().positive, *_CREDIT_CLASS, *_CAPTION_CLASS})
# vocabulary words cut in two by a separator ("side-bar", "photo Credit"): their halves only
# match as a joined pair; and pieces of words, separators and noise
_SPLIT = sorted({w[:k] + sep + w[k:] for w in _VOCAB for k in range(1, len(w)) for sep in "- "})
_PIECES = sorted({w[:k] for w in _VOCAB for k in range(1, len(w) + 1)})
_ATTR = st.lists(
    st.one_of(
        st.sampled_from(_SPLIT),
        st.sampled_from(_PIECES),
        st.sampled_from([" ", "-", "_", "X", "Photo", "7"]),
    ),
    max_size=6,
).map(" ".join)


@given(st.sampled_from(["div", "nav", "p", "figcaption"]), _ATTR, _ATTR, _ATTR, _ATTR)
def test_element_hints_equal_whole_lookup(
    tag: str, cls: str, ident: str, role: str, prop: str
) -> None:
    """Building pairs only after a vocabulary prefix finds the same hints as looking up all."""
    got = _hints_for.__wrapped__(tag, cls, ident, role, prop)
    assert tuple(got) == _hints_whole(tag, cls, ident, role, prop)


@pytest.mark.parametrize(
    ("tag", "cls", "ident", "role", "prop"),
    [
        ("div", "", "mainNav", "Complementary", ""),  # camelCase id, capitalised role
        ("div", "post-body", "side", "bar", ""),  # a pair across id and role
        ("div", "x y", "shareBar", "", ""),  # a camelCase pair in the id only
        ("div", "", "", "navigation", ""),  # role alone
        ("div", "qq zz", "", "", ""),  # nothing of the vocabulary: the gate's early exit
        ("figcaption", "photo", "", "", "Credit"),  # a pair across class and itemprop
        ("p", "", "", "", "articleBody"),
    ],
)
def test_element_hints_id_and_role_split_as_one_value(
    tag: str, cls: str, ident: str, role: str, prop: str
) -> None:
    """Splitting id and role in one call and the vocabulary gate keep the whole lookup's hints."""
    got = _hints_for.__wrapped__(tag, cls, ident, role, prop)
    assert tuple(got) == _hints_whole(tag, cls, ident, role, prop)
    assert tuple(got) != ((), 0, False, False) or cls == "qq zz"


def test_walk_block_hints_equal_element_hints() -> None:
    """The walk's inlined hint lookup gives each block element what _element_hints gives."""
    page = (
        "<html><body><div class='sidebar'><p id='share-bar'>Share this</p>"
        "<nav role='navigation'><ul><li class='menu-item'>Home</li></ul></nav></div>"
        "<article itemprop='articleBody'><p class='social'>Text of the article here.</p>"
        "<figure><figcaption class='photo-credit'>A caption</figcaption></figure>"
        "<p>Plain paragraph.</p></article></body></html>"
    )
    doc = prepare(page)
    seen = 0
    for b in doc.blocks:
        el = b.extra["el"]
        own = tuple(w for _, w, e in b.extra["neg"] if e is el)
        assert own == _element_hints(el, b.extra["tag"]).neg
        seen += bool(own)
    assert seen >= 3  # sidebar/share, nav/menu and social words were all found


_URL_PIECES = [*"Aa0;/?:@&=+$,-_.!~*'()#zZ9%F[] é", "http://", "https://", "//", "mailto:"]
_URL_PIECES += ["www.", "xn--", ":80", ".com", "%2F", "%4", "javascript:"]


@settings(max_examples=1000)
@example("//", "@/0.")  # the cases below are ones markdown-it rewrites
@example("http://", "@")
@example("https://", "&:80")
@example("", "mailto::0+&:80;")
@example("http://a.b", "%4")
@given(
    st.sampled_from(["", "http://", "https://", "/", "?", "#", "//", "http://a.b", "HTTP://"]),
    st.lists(st.sampled_from(_URL_PIECES), max_size=10).map("".join),
)
def test_markdown_link_fast_path_equals_markdown_it(start: str, rest: str) -> None:
    """Link targets skipped by the fast path are those markdown-it would return unchanged."""
    from markdown_it.common.normalize_url import normalizeLink

    from newsclean.readers.markdown import _parser

    url = start + rest
    assert _parser().normalizeLink(url) == normalizeLink(url)


def test_invisible_search_covers_exactly_the_deleted_characters() -> None:
    """clean_inline only skips translate when none of the characters it deletes is there."""
    from newsclean.textutil import _DELETE, _INVISIBLE

    found = {c for c in range(0x110000) if _INVISIBLE.match(chr(c))}
    assert found == set(_DELETE)


def _clean_inline_plain(text: str) -> str:
    """clean_inline without its shortcuts: delete the invisible characters, fold whitespace."""
    from newsclean.textutil import _DELETE

    return " ".join(text.translate(_DELETE).split())


@given(
    st.text(
        alphabet=st.sampled_from("ab .\u00a0\u2003\u200b\u00ad\x1c\x85\x7f\t\n\r\x0b\u3000\u2028é")
    )
)
@example(" a")
@example("a  b")
@example("a ")
@example("a\u200bb")
@example("a\x1cb")
def test_clean_inline_fast_path_equals_the_plain_fold(text: str) -> None:
    """A text clean_inline returns as it is would come out of the plain fold unchanged."""
    from newsclean.textutil import clean_inline

    assert clean_inline(text) == _clean_inline_plain(text)


def test_printable_texts_hold_no_space_but_the_ascii_one() -> None:
    """Every whitespace and deleted character is non-printable, the ASCII space aside."""
    from newsclean.textutil import _DELETE

    for c in map(chr, range(0x110000)):
        if c.isprintable():
            assert not (c.isspace() and c != " ")
            assert ord(c) not in _DELETE


_AUTHORS_PAGE = (
    "<html><head><meta itemprop='author' content='x'></head><body>"
    "<div style='display:none'><span itemprop='author'>Hidden Hanna</span></div>"
    "<p>By <a rel='author' href='/a/b'>Link Lena</a> and "
    "<span itemprop='author'><b itemprop='name'>Name Nora</b>, editor</span></p>"
    "<svg><a rel='author'>Svg Sam</a></svg><nav><a rel='author' href='/x'>Nav Nick</a></nav>"
    "<p>Text</p></body></html>"
)


def test_walk_collects_the_microdata_authors_the_xpath_finds() -> None:
    """read_html's walk finds the same author elements, hidden and skipped ones included."""
    from newsclean.document import Document
    from newsclean.readers.html import collect_metadata, read_html

    walked = read_html(Document(raw=_AUTHORS_PAGE, text=_AUTHORS_PAGE, format="html"))
    plain = Document(raw=_AUTHORS_PAGE, text=_AUTHORS_PAGE, format="html")
    root = parse_html(_AUTHORS_PAGE)
    collect_metadata(plain, root)
    assert walked.candidates == plain.candidates
    names = [c.value for c in walked.candidates if c.origin == "microdata:author"]
    assert names == ["Hidden Hanna", "Link Lena", "Name Nora", "Svg Sam", "Nav Nick"]


def test_skipped_subtree_authors_xpath_equals_the_scan() -> None:
    """The XPath over a skipped subtree finds the author elements the element-by-element scan finds."""
    root = parse_html(
        _AUTHORS_PAGE
        + "<svg><a rel='author'>S</a><g><a rel='author nofollow'>N</a></g></svg>"
        + "<div hidden><span itemprop='author'><a rel='author'>Two</a></span>"
        + "<a itemprop='Author'>Case</a><b rel='author'>B</b></div>"
    )
    found = 0
    for el in root.iter():
        got: list[object] = []
        _skipped_authors(el, got)
        assert got == _skipped_authors_plain(el)
        found += bool(got)
    assert found >= 5


@given(st.text(alphabet=".!?…。！？:;)\"”»’']x \n\t\xa0\u2003\u3000\x1c\x85a", max_size=12))
def test_sentence_end_check_equals_the_regex(text: str) -> None:
    """The last-character check agrees with the end-anchored regex search it replaced."""
    from newsclean.textutil import _SENTENCE_END, _ends_sentence

    assert _ends_sentence(text) == bool(_SENTENCE_END.search(text))


@given(
    st.lists(
        st.sampled_from(
            ["sr-only", "SR-Only", "visually", "Visually-", "hidden", "screen-", "Reader", "d-none"]
        )
        | st.sampled_from(["ſr-only", "vısually", "-", " ", "x", "menu-item"]),
        max_size=6,
    ).map("".join)
)
@example("hidden")
@example("intro hidden")
@example("D-None")
def test_screen_reader_gate_equals_the_regex(cls: str) -> None:
    """The lowercase gate never hides a class the case-insensitive regex would match."""
    from newsclean.readers.html import _SCREEN_READER_CLASS, _screen_reader_class

    assert _screen_reader_class.__wrapped__(cls) == (_SCREEN_READER_CLASS.search(cls) is not None)


def test_html_early_exit_leaves_data_uris_to_the_full_check() -> None:
    """An HTML sign inside a data URI near the top does not make a markdown dump HTML."""
    from newsclean.readers import detect_format

    md = "![logo](data:image/png;base64,<html>AAAA)\n\n# Title\n\nA [link](/a) and **bold** text.\n"
    assert detect_format(md) == "markdown"
    assert detect_format("<!doctype html><html><body><p>x</p></body></html>") == "html"


@given(
    st.lists(
        st.sampled_from(["Photo", "foto", "Credit", "©", "(c)", "(C)", ":", "..", "…", " ", "AP"])
        | st.sampled_from(["Reuters", "x", ".", "(", ")", "c"]),
        max_size=8,
    ).map("".join)
)
def test_credit_gate_never_hides_a_credit(text: str) -> None:
    """Text the cheap gate turns away is text the credit regex does not match."""
    from newsclean.stages.images import _CREDIT_TAIL, _may_have_credit

    if _CREDIT_TAIL.search(text):
        assert _may_have_credit(text)


_SIBLINGS_PAGE = (
    "<html><body><div><p>Menu one</p><p>Menu two</p><span>x</span><p>Menu three</p></div>"
    "<article><h1>Title of the story</h1>"
    + "".join(
        f"<p>Paragraph {i} of the story, long enough to be read as prose.</p>" for i in range(6)
    )
    + "<ul><li>Share</li><li>Print</li></ul></article><footer><p>Imprint</p><p>Contact</p>"
    "</footer></body></html>"
)


def test_removed_block_paths_same_with_getpath_and_without(monkeypatch: pytest.MonkeyPatch) -> None:
    """lxml's getpath and the linear-time _Paths give every removed block the same 'where'."""
    import newsclean.assemble as asm

    fast = newsclean.clean(_SIBLINGS_PAGE)
    monkeypatch.setattr(asm, "_GETPATH_BUDGET", 0)
    slow = newsclean.clean(_SIBLINGS_PAGE)
    wheres = [r.where for r in fast.provenance.removed]
    assert wheres == [r.where for r in slow.provenance.removed]
    assert "/html/body/footer/p[2]" in wheres


_PATH_PAGES = [
    _SIBLINGS_PAGE,
    "<html><body><div><p>a</p><span>x</span><p>b</p><div><p>c</p></div></div><p>d</p>"
    "<section><h2>h</h2><ul><li>1</li><li>2</li><li>3</li></ul><p>only</p></section>"
    "<fb:like>f</fb:like><svg:rect>r</svg:rect><table><tr><td>t</td><td>u</td></tr></table>"
    "</body></html>",
]


@pytest.mark.parametrize("page", _PATH_PAGES)
def test_parent_paths_equal_getpath_on_every_element(page: str) -> None:
    """Paths written from the cached parent path match lxml's getpath for every element."""
    from newsclean.assemble import _ParentPaths

    root = parse_html(page)
    getpath = root.getroottree().getpath
    paths = _ParentPaths(getpath)
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    # twice: the second round reads every parent's path from the cache
    for el in elements + elements:
        assert paths(el) == getpath(el)
    assert any("[" in getpath(el) for el in elements)


_PARSE_PAGES = [
    "<html><head><meta charset='iso-8859-1'><title>Caf\u00e9</title></head>"
    "<body><p>Stra\u00dfe \u2013 \u201equoted\u201c &amp; &eacute; \U0001f600</p></body></html>",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>after a declaration</p></body></html>",
    "<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"
    "<p>\u041f\u0440\u0438\u0432\u0435\u0442</p><div>unclosed <b>bold",
    "<p>CDATA <![CDATA[kept as text]]> and </html> mid-page</p><p>rest \u4e2d\u6587</p>",
    "<table><tr><td>a<td>b</table><script>if (a < b) {}</script><p>\u00a0nbsp\u00a0</p>",
]


@pytest.fixture
def parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bytes | None]]:
    """The (text, utf8) arguments of every call to the reader's _parse, which still parses."""
    from newsclean.readers import html as reader

    seen: list[tuple[str, bytes | None]] = []
    parse = reader._parse

    def spy(text: str, utf8: bytes | None = None) -> tuple[Any, str | None]:
        seen.append((text, utf8))
        return parse(text, utf8)

    monkeypatch.setattr(reader, "_parse", spy)
    return seen


def _parse_str(text: str, utf8: bytes | None = None) -> tuple[Any, str | None]:
    """The plain parse the bytes parse replaces: libxml2 reads the str itself."""
    from newsclean.readers import html as reader

    parser = reader._str_parser()
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    for err in parser.error_log:
        if err.level == etree.ErrorLevels.FATAL:
            return root, f"{err.type_name}: {err.message.strip()}"
    return root, None


@pytest.mark.parametrize("text", _PARSE_PAGES)
def test_parsing_the_input_bytes_builds_the_tree_the_str_parse_builds(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing the page's UTF-8 bytes gives the same tree as parsing the decoded str."""
    from newsclean.readers import html as reader

    from_bytes = etree.tostring(parse_html(text, None, text.encode("utf-8")))
    from_str_encoded = etree.tostring(parse_html(text))
    monkeypatch.setattr(reader, "_parse", _parse_str)
    plain = etree.tostring(parse_html(text))
    assert from_bytes == plain
    assert from_str_encoded == plain


@given(st.text(alphabet=st.sampled_from("<>/ab pé\u2013\u4e2d\U0001f600&;=\"'\n\t"), max_size=80))
@settings(max_examples=200, deadline=None)
def test_bytes_parse_equals_str_parse_on_any_text(text: str) -> None:
    """On arbitrary markup-like text the UTF-8 bytes parse and the str parse agree."""
    from newsclean.readers import html as reader

    body = "<html><body>" + text + "</body></html>"
    from_bytes, fatal = reader._parse(body, body.encode("utf-8"))
    plain, plain_fatal = _parse_str(body)
    assert etree.tostring(from_bytes) == etree.tostring(plain)
    assert fatal == plain_fatal


def test_prepare_keeps_the_bytes_only_when_the_text_is_their_utf8_decoding() -> None:
    """The reader gets UTF-8 bytes only when they are exactly the text encoded."""
    page = "<p>Caf\u00e9 \u2013 a page</p>".encode()
    assert prepare(page).utf8 is page
    for raw in (
        page.replace(b"a page", b"a\r\npage\r"),  # CR and CRLF normalised in both
        page.replace(b"a page", b"a\x00page"),  # NUL removed from both
    ):
        doc = prepare(raw)
        assert doc.utf8 == doc.text.encode("utf-8")
    assert prepare(b"\xef\xbb\xbf" + page).utf8 is None  # BOM stripped
    assert prepare("<p>Caf\u00e9</p>".encode("cp1252")).utf8 is None  # not UTF-8
    assert prepare(page.decode()).utf8 is None  # str input


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><p>one \u2013</p></html>\n",
        "<p>a</p></HTML ><p>b \u4e2d</p></html\t\n><p>c</p></html>",
        "<p>a</p></html\u00a0><p>b</p></html>",  # a Unicode space: the bytes pattern misses it
        "<p>a</p></html\x1c><p>b</p>",  # ASCII, but \\s only in the str pattern
        "<p>\u0130 </htm></html ></p>",
    ],
)
def test_end_tags_cut_from_the_bytes_equal_the_cut_text_encoded(
    page: str, parse_calls: list[tuple[str, bytes | None]]
) -> None:
    """Cutting </html> from the bytes gives the cut text's UTF-8, or falls back to encoding it."""
    parse_html(page, None, page.encode("utf-8"))
    parse_html(page)  # the text path (no bytes): the text the repairs make, parsed as a str
    (_, utf8), (text, no_bytes) = parse_calls
    assert no_bytes is None
    assert "</html" not in text.lower().replace("</html\u00a0", "").replace("</html\x1c", "")
    if utf8 is not None:
        assert utf8 == text.encode("utf-8")
    assert (utf8 is None) == ("\u00a0>" in page or "\x1c>" in page)


def _blocks_of(page: str) -> list[tuple[Any, ...]]:
    from newsclean.document import Document
    from newsclean.readers.html import read_tree

    doc = Document(raw=page, text=page, format="html")
    read_tree(doc, parse_html(page), markdown=False, authors=[])
    return [
        (
            b.text,
            b.kind,  # (not link_density: it counts whitespace inside the block)
            b.hint,
            b.hint_words,
            b.extra["tag"],
            b.extra.get("trailing_strong"),
            b.extra.get("emphasized"),
        )
        for b in doc.blocks
    ]


_INLINE = st.sampled_from(
    ["word", "<b>bold</b>", "<strong>Strong words</strong>", "<a href='/x'>link</a>", "<em>e</em>"]
)
_BLOCK_TREE = st.recursive(
    st.lists(_INLINE, min_size=1, max_size=3).map(" ".join),
    lambda inner: st.tuples(
        st.sampled_from(["div", "p", "li", "section class='share'", "blockquote", "h2"]),
        st.lists(inner, min_size=1, max_size=3),
    ).map(lambda t: (t[0], t[1])),
    max_leaves=8,
)


def _render(node: Any, pad: str) -> str:
    if isinstance(node, str):
        return node
    tag, children = node
    name = tag.split()[0]
    inner = (pad or " ").join(_render(c, pad) for c in children)  # text children stay apart
    return f"<{tag}>{pad}{inner}{pad}</{name}>{pad}"


@given(_BLOCK_TREE)
@settings(max_examples=150, deadline=None)
def test_walk_blocks_same_with_whitespace_between_blocks(tree: Any) -> None:
    """The walk's inlined whitespace flushes give the blocks a page without that whitespace gives."""
    padded = "<html><body>" + _render(tree, "\n  ") + "</body></html>"
    compact = "<html><body>" + _render(tree, "") + "</body></html>"
    assert _blocks_of(padded) == _blocks_of(compact)


def test_walk_keeps_emphasis_of_blocks_closed_after_whitespace() -> None:
    """A block that is all emphasis, or ends on it, is marked so with whitespace around it."""
    blocks = _blocks_of(
        "<div>\n <p>\n <strong>The whole paragraph in bold</strong>\n </p>\n"
        " <p>Text then <b>a bold tail</b>\n</p>\n</div>"
    )
    assert blocks[0][6] is True  # emphasized
    assert blocks[1][5] == "a bold tail"  # trailing_strong


@pytest.mark.parametrize("shape", ["bytes", "str"])
def test_nul_and_cr_found_in_the_bytes_as_in_the_text(shape: str) -> None:
    """NUL and CR are removed and noted whether they are looked for in the bytes or the str."""
    page = "<p>Caf\u00e9 \u2013 one\x00 two\r\nthree\rfour</p>"
    doc = prepare(page.encode("utf-8") if shape == "bytes" else page)
    assert doc.text == "<p>Caf\u00e9 \u2013 one two\nthree\nfour</p>"
    assert "1 NUL character(s) removed" in doc.notes
    if shape == "bytes":
        assert doc.utf8 == doc.text.encode("utf-8")


_SCRIPT_CDATA = (
    "<html><body><script>//<![CDATA[\nvar a = '\u2013';\n//]]></script>"
    "<p>Caf\u00e9 \u2013 text</p></body></html>"
)


@pytest.mark.parametrize(
    ("page", "unwrapped"),
    [
        (_SCRIPT_CDATA, False),  # CDATA inside a script: the text stays as it is
        (_SCRIPT_CDATA.replace("<p>", "<p><![CDATA[a < b]]>"), True),
    ],
)
def test_cdata_only_in_scripts_keeps_the_input_bytes(
    page: str,
    unwrapped: bool,
    parse_calls: list[tuple[str, bytes | None]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page whose only CDATA is script content is parsed from its own bytes, same tree."""
    from newsclean.readers import html as reader

    notes: list[str] = []
    tree = etree.tostring(parse_html(page, notes, page.encode("utf-8")))
    parse_html(page)  # the text path (no bytes): the text the repairs make, parsed as a str
    (_, utf8), (text, _) = parse_calls
    assert (utf8 is None) is unwrapped
    assert ("html: 1 CDATA section(s) read as text" in notes) is unwrapped
    if not unwrapped:  # (the </html> end tag is cut from both)
        assert "//<![CDATA[" in text
        assert utf8 == text.encode("utf-8")
    monkeypatch.setattr(reader, "_parse", _parse_str)
    assert tree == etree.tostring(parse_html(page))


def test_gate_characters_match_only_what_lowers_to_them() -> None:
    """Each gate character matches, case-insensitively, only characters that lower() to it."""
    from newsclean.rules import _GATE_CHARS

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    gate_class = re.compile("[" + re.escape("".join(sorted(_GATE_CHARS))) + "]", re.IGNORECASE)
    matched = {m.group() for m in gate_class.finditer(every)}
    assert "\u212a" in matched  # the Kelvin sign matches "k" and lowers to it
    for c in matched:
        hits = {x for x in _GATE_CHARS if re.fullmatch(re.escape(x), c, re.IGNORECASE)}
        assert hits == {c.lower()}, (c, hits)


def _vary(phrase: str, flips: list[int]) -> str:
    """The phrase with the case of some characters flipped and some letters swapped for
    characters re matches to them ("\u0131" and "\u0130" for i, "\u017f" for s)."""
    swap = {"i": "\u0131", "s": "\u017f", "k": "\u212a"}
    out = []
    for ch, f in zip(phrase, flips + [0] * len(phrase), strict=False):
        if f == 1:
            ch = ch.swapcase()
        elif f == 2:
            ch = swap.get(ch, ch)
        elif f == 3 and ch == "i":
            ch = "\u0130"
        out.append(ch)
    return "".join(out)


@given(
    st.integers(min_value=0, max_value=50),
    st.lists(st.integers(min_value=0, max_value=3), max_size=40),
    st.text(alphabet="ab ,.:\u00e9\u0130\u0131", max_size=8),
    st.text(alphabet="ab ,.:\u00e9\u017f", max_size=8),
)
@settings(max_examples=300, deadline=None)
def test_contributor_gate_never_hides_a_phrase(
    which: int, flips: list[int], before: str, after: str
) -> None:
    """The lowered-text gate finds every contributor phrase the case-insensitive search finds."""
    from newsclean.rules import bylines
    from newsclean.stages.byline import _contrib_re, _contributor_phrase

    phrases = bylines().contributor_phrases
    text = before + _vary(phrases[which % len(phrases)], flips) + after
    found, plain = _contributor_phrase(text), _contrib_re().search(text)
    assert (found and found.span()) == (plain and plain.span())


def test_ignorecase_gates() -> None:
    """Gates are each phrase's longest run of gate characters; none for a phrase without one."""
    from newsclean.rules import ignorecase_gates

    assert ignorecase_gates(["Mitarbeit:", "mitgearbeitet hat", "ha collaborato"]) == (
        "tarbe",
        "tgearbe",
        "ha collaborato",
    )
    assert ignorecase_gates(["colaboró", "colabora"]) == ("colabor",)  # one holds the other
    assert ignorecase_gates(["additional", "\u00e9t\u00e9"]) == ("onal", "t")  # not i, not \u00e9
    assert ignorecase_gates(["is", "ab"]) is None


@given(
    st.lists(st.sampled_from(["word", "Word", "a", "und", "x1", "ég", " ", "  ", ", ", "\n"])),
    st.integers(min_value=1, max_value=14),
)
def test_lower_word_count_stops_at_n_and_agrees_with_findall(parts: list[str], n: int) -> None:
    """Counting lowercase words up to the n-th agrees with counting all of them."""
    from newsclean.textutil import _LOWER_WORD, _lower_words_at_least

    text = "".join(parts)
    assert _lower_words_at_least(text, n) == (len(_LOWER_WORD.findall(text)) >= n)


@given(st.text(alphabet="dpa(rtr)/ :SourceQuelleoriginal\u00e4https:/x.y\n", max_size=30))
def test_source_line_patterns_need_their_gate_character(text: str) -> None:
    """A sign-off needs a "(" and an original-URL line a ":": the tests before the regexes."""
    from newsclean.stages.source import _ORIGINAL_URL, _SIGNOFF

    if _SIGNOFF.match(text):
        assert "(" in text
    if _ORIGINAL_URL.match(text):
        assert ":" in text


@pytest.mark.parametrize(("words", "byline"), [(2, True), (12, True), (13, False), (26, False)])
def test_name_line_under_a_byline_label_up_to_12_words(words: int, byline: bool) -> None:
    """A line under a "Von" label is read as its byline up to 12 words (the walk over the
    header skips blocks of over 25 words before it looks for a label)."""
    filler = " ".join(["und"] * (words - 2))
    page = (
        "<html><body><article><h1>Ein Titel für den Test</h1><p>Von</p>"
        f"<p>Jane Doe {filler}</p><p>{'Der erste Satz des Artikels ist hier. ' * 5}</p>"
        "</article></body></html>"
    )
    art = newsclean.clean(page)
    assert any(r.role == "byline" and r.text == "Von" for r in art.provenance.removed) is byline


@given(
    st.sampled_from(
        ["author", "Autoren", "autorin", "AUTEURS", "autore", "by", "People", "profile", "profil",
         "journalisten", "Redakteurin", "reporters", "staff", "columnist", "Writers"]
    ),
    st.lists(st.integers(min_value=0, max_value=3), max_size=14),
    st.sampled_from(["https://x.example/", "/", "/de/", "HTTPS://X.EXAMPLE/a/"]),
    st.text(alphabet="jane-doe1.\u0130\u017f", min_size=0, max_size=8),
)  # fmt: skip
@settings(max_examples=300, deadline=None)
def test_author_href_gate_never_hides_an_author_link(
    word: str, flips: list[int], head: str, tail: str
) -> None:
    """Every address _AUTHOR_HREF matches passes the lowered-address gate before it."""
    from newsclean.readers.html import _AUTHOR_HREF, _may_be_author_href

    href = head + _vary(word, flips) + "/" + tail
    if _AUTHOR_HREF.search(href):
        assert _may_be_author_href(href)
    assert _may_be_author_href(href.upper()) or not _AUTHOR_HREF.search(href.upper())


@pytest.mark.parametrize(
    "page",
    [
        "<p>x</p>",
        "<p><![CDATA[a < b]]></p><script>var s = '<![CDATA[';</script><p>tail</p>",
        "<script>//<![CDATA[\n//]]></script><p><![cdata[late]]></p><style>p{}</style>",
        "<p><![CDATA[one]]></p>" + "<script>x</script>" * 50,
        "<p><![CDATA[never closed</p><script>y</script>",
    ],
)
def test_cdata_scan_stops_after_the_last_opener(page: str) -> None:
    """Stopping after the last "<![" unwraps what scanning the whole page unwraps."""
    from newsclean.readers import _markup

    def scan_to_the_end(text: str) -> tuple[str, int]:
        out: list[str] = []
        last = pos = count = 0
        while True:  # unwrap_cdata's loop without the stop
            m = _markup._CDATA_OR_RAW.search(text, pos)
            if m is None:
                break
            if m.group(1):
                close = _markup._raw_end(m.group(1).lower()).search(text, m.end())
                if close is None:
                    break
                pos = close.end()
                continue
            end = text.find("]]>", m.end())
            if end < 0:
                break
            out += [text[last : m.start()], _markup.html.escape(text[m.end() : end], quote=False)]
            last = pos = end + 3
            count += 1
        return "".join([*out, text[last:]]), count

    assert _markup.unwrap_cdata(page) == scan_to_the_end(page)


@given(st.text(alphabet=" \t\xa0|•·/»ab(@)pic.twitter.com/—-,2025May", max_size=40))
@settings(max_examples=300)
def test_boilerplate_gates_agree_with_their_regexes(text: str) -> None:
    """The separator count and the "(@" / "pic.twitter.com" test never hide a regex match."""
    from newsclean.stages.boilerplate import _MENU_SEPARATORS, _SOCIAL_EMBED, _menu_separators

    assert (_menu_separators(text) >= 3) == (len(_MENU_SEPARATORS.findall(text)) >= 3)
    if _SOCIAL_EMBED.search(text):
        assert "(@" in text or "pic.twitter.com" in text


def test_menu_line_and_social_embed_still_found() -> None:
    """A menu line of separators and an embedded post's signature are still marked."""
    from newsclean.document import Document
    from newsclean.stages.boilerplate import strip_boilerplate

    doc = Document(raw="", text="", format="text")
    for i, t in enumerate(
        [
            "Home | News | Sport | Weather",
            "— Jane Doe (@janedoe) May 6, 2025",
            "See pic.twitter.com/abc1",
        ]
    ):
        doc.blocks.append(Block(index=i, text=t))
    strip_boilerplate(doc)
    assert [b.reason for b in doc.blocks] == ["menu-line", "social-embed", "social-embed"]


@pytest.mark.parametrize("role", [None, "body", "heading", "navigation", "byline", "ui"])
def test_no_role_means_not_removed(role: str | None) -> None:
    """A block without a role is never removed: "role is None" alone is the old two-part test."""
    b = Block(index=0, text="t", role=role)
    assert (not b.removed and b.role is None) == (b.role is None)


def test_walk_fills_each_block_field_by_position() -> None:
    """The walk's positional Block call puts each value in its field."""
    from newsclean.document import Document
    from newsclean.readers.html import read_tree

    page = (
        "<html><body><div class='share'><h2>Heading <a href='/x'>link</a></h2>"
        "<figure><figcaption class='credit'>Photo: AP</figcaption></figure></div></body></html>"
    )
    doc = Document(raw=page, text=page, format="html")
    read_tree(doc, parse_html(page), markdown=False, authors=[])
    h, cap = doc.blocks
    assert (h.index, h.text, h.kind, h.where, h.level) == (0, "Heading link", "heading", "", 2)
    assert h.link_density == pytest.approx(4 / 12)
    assert (h.hint, h.hint_words) == (-1, ("share",))
    assert (cap.index, cap.kind, cap.level, cap.extra["credit"]) == (1, "caption", 0, True)
    assert cap.extra["tag"] == "figcaption"
    assert cap.extra["figure"] is not None
    assert h.role is None


@given(
    st.lists(
        st.sampled_from(
            ["article", "content", "sidebar", "widget", "share", "menu", "x1", "Nav", "body"]
        ),
        max_size=5,
    ),
    st.sampled_from(["", "main", "comments"]),
)
@example(["sidebar"], "")  # a layout word alone: no penalty
@example(["widget", "share"], "")
@example(["article", "share"], "comments")
def test_hint_factor_set_operations_equal_the_token_loops(words: list[str], ident: str) -> None:
    """The container hint factor from set operations equals the per-token any() it replaced."""
    from newsclean.stages.content import _LAYOUT_WORDS, _hint_factor

    el = etree.Element("div")
    if words:
        el.set("class", " ".join(words))
    if ident:
        el.set("id", ident)
    h = hints()
    toks = class_tokens(" ".join(v for v in (el.get("class"), el.get("id")) if v))
    if any(t in h.positive for t in toks):
        expected = 1.25
    elif any(t in h.negative and t not in _LAYOUT_WORDS for t in toks):
        expected = 0.5
    else:
        expected = 1.0
    assert _hint_factor(el) == expected


_MARKUP_PIECES = st.sampled_from(
    [
        "<p>a</p>", "</html>", "</HTML \n>", "</html\u00a0>", "</html\x1c>", "</htmlx>",
        "<![CDATA[x]]>", "<script>//<![CDATA[\n//]]></script>", "<frameset>", "<frame",
        "<frameſet>", "set>", "</html", ">", "<", " ", "\u2013", "<div a='x'>", "é",
        "<noframes><p>b</p></noframes>",
        _tag(1001), _tag(1000), "<div data-x='" + "y z" * 4000 + "'>",
        "<div " + "a\u00a0" * 1001 + ">", "<div " + "a\x1c" * 1001 + ">",
        "<p title=\"" + " a" * 1200 + "\" b>", "<p '" + " a" * 1200 + ">",
    ]
)  # fmt: skip


@given(st.lists(_MARKUP_PIECES, max_size=12))
@settings(max_examples=300, deadline=None)
@example(["<frame", "</html>", "set cols='1'>", "<noframes><p>b</p></noframes>"])
@example(["<frameset>", "<noframes><p>b</p></noframes>"])
@example(["<fra", "</html>", "meset cols='1'>", "<noframes><p>b</p></noframes>"])
@example(["<p>a</p>", "</html\u00a0>", "<p>b</p>", "</html>"])
def test_repairs_on_the_bytes_equal_the_repairs_on_the_text(pieces: list[str]) -> None:
    """Whenever the bytes path decides the repairs, its bytes are the text path's text."""
    from newsclean.readers import html as reader

    page = "<html><body>" + "".join(pieces)
    data = reader._repaired_bytes(page, page.encode("utf-8"))
    if data is None:
        return  # the text path decides (as before)
    seen: list[str] = []

    def spy(text: str, utf8: bytes | None = None) -> tuple[Any, str | None]:
        seen.append(text)
        return _parse_str(text)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(reader, "_parse", spy)
        notes: list[str] = []
        parse_html(page, notes)
    assert notes == []  # no repair the bytes path would have had to note
    assert data == seen[0].encode("utf-8")


@pytest.mark.parametrize("pad", [0, 1, 4999, 5000, 5001, 9999, 12345])
@pytest.mark.parametrize(
    "middle",
    [
        _tag(1500),
        "<script>" + "x" * 30_000 + "</script>",
        "<p " + "x" * 9_999 + ">",
        "<P " + "x" * 9_998 + ">",
        "<p " + "\u00e9" * 5_000 + ">",  # 5,000 characters, 10,000 bytes
        "<\u00e9 " + "x" * 20_000 + ">",
        "<a " + "x" * 20_000 + "<b>",
    ],
)
def test_long_tag_bytes_gate_misses_no_long_tag(pad: int, middle: str) -> None:
    """The bytes gate says "maybe" on every page whose text holds a long tag."""
    from newsclean.readers._markup import _long_tag_spans

    def may_hold_long_tag(data: bytes) -> bool:
        return next(_long_tag_spans(data), None) is not None

    text = "<p>" + "y" * pad + "</p>" + middle + "<p>end</p>"
    data = text.encode("utf-8")
    if _LONG_TAG.search(text):
        assert may_hold_long_tag(data)
    # exactly the regex on the bytes (each byte read as one character)
    assert may_hold_long_tag(data) == bool(_LONG_TAG.search(data.decode("latin-1")))


def test_kept_roles_is_not_removed_for_every_role() -> None:
    """``role in KEPT_ROLES``, which the stages test, is ``not removed`` for every role."""
    from newsclean.document import KEPT_ROLES, ROLES

    for role in [None, *sorted(ROLES)]:
        b = Block(0, "text", role=role)
        removed = b.role is not None and b.role not in {"body", "heading"}  # the definition
        assert (b.role in KEPT_ROLES) is (not removed)
        assert b.removed is removed


_CONTAINER_PAGE = (
    "<html><head><title>T</title><script>var a = 1;</script></head><body>"
    "<nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li></ul></nav>"
    "<svg><g><path d='M0'/></g></svg><div hidden><p>Hidden text of a hidden box here.</p></div>"
    "<main><article><h1>Headline of the story</h1>"
    "<p>First paragraph of the story, long enough to count as prose, with a comma, and more.</p>"
    "<span><div><p>A paragraph inside a block inside an inline element, long enough too.</p>"
    "</div></span><figure><img src='a.jpg'><figcaption>Caption</figcaption></figure>"
    "<p>Second paragraph of the story, also long enough to count as prose for the scores.</p>"
    "</article><aside><p>Related: another story</p></aside></main>"
    "<footer><p>Copyright 2024</p></footer></body></html>"
)


@pytest.mark.parametrize("page", [_CONTAINER_PAGE, _AUTHORS_PAGE])
def test_container_sizes_over_walked_elements_equal_the_whole_tree(page: str) -> None:
    """Scores and sizes summed over the elements the walk entered equal the whole tree's."""
    from newsclean.stages.content import _container_scores

    doc = prepare(page)
    root, walked = doc.flags["walked"]
    assert root is doc.tree
    assert len(walked) < sum(1 for _ in root.iter())  # head, svg and hidden box not entered
    scores, sizes = _container_scores(doc.blocks, doc.tree, walked)
    assert scores
    assert (scores, sizes) == _container_scores(doc.blocks, doc.tree)


@pytest.mark.parametrize(
    "href",
    [
        "/section/politics", "/sections/world/", "/category/news", "/categories/a-b",
        "/rubrik/x", "/ressort/y/", "/themen/z", "/sectionx/politics", "/news/1", "",
        "/Section/politics", "https://example.com/category/sport-news",
    ],
)  # fmt: skip
def test_section_link_gate_lets_through_every_href_the_pattern_matches(href: str) -> None:
    """The substring gate before the section-link pattern drops only hrefs it cannot match."""
    from newsclean.stages.source import _SECTION_HREF, _SECTION_WORDS

    if _SECTION_HREF.search(href):
        assert any(w in href for w in _SECTION_WORDS)
    alternatives = _SECTION_HREF.pattern.split("(?:")[1].split(")")[0].split("|")
    assert all(any(w in alt for w in _SECTION_WORDS) for alt in alternatives)


@pytest.mark.parametrize(
    "text",
    [
        "Quelle: dpa", "Quelle:dpa, AFP und Reuters heute", "mit dpa", "Source : AFP Reuters dpa",
        "with Reuters and AFP today", "Bron: ANP en Belga vandaag", "dpa/lnw", "One two three",
        "Quelle: mit dpa AFP Reuters", "Quelle: mit dpa AFP Reuters KNA",
    ],
)  # fmt: skip
def test_agency_line_word_gate_keeps_every_agency_line(text: str) -> None:
    """Lines of over five words never name an agency alone: the prefixes remove two words."""
    from newsclean.stages.source import _SOURCE_WORD, _WITH_AGENCY, _agency_only
    from newsclean.textutil import word_count

    rest = _WITH_AGENCY.sub("", _SOURCE_WORD.sub("", text)).strip(" .")
    assert word_count(rest) >= word_count(text) - 2
    if word_count(text) > 5:
        assert _agency_only(text) is None
        assert _agency_only(text, first_word=True) is None


def _is_byline_label_plain(text: str) -> bool:
    """_is_byline_label without its word-count gate."""
    from newsclean.names import strip_byline_prefix
    from newsclean.stages.byline import _BYLINE_LABELS

    rest, had = strip_byline_prefix(text + " ")
    return (had and not rest.strip()) or text.strip().casefold().rstrip(":") in _BYLINE_LABELS


def _byline_phrases() -> list[str]:
    import json
    from importlib import resources

    from newsclean.stages.byline import _BYLINE_LABELS

    data = json.loads(resources.files("newsclean").joinpath("data/bylines.json").read_text())
    return sorted({p for ps in data["prefixes"].values() for p in ps} | _BYLINE_LABELS)


_PHRASE = st.sampled_from(_byline_phrases())


@given(
    _PHRASE,
    st.sampled_from(["", "*", "_", " ", "* ", "_ ", "\t"]),
    st.sampled_from(["", ":", " ", "  ", " Jane", " Jane Doe", "*", ": Jane"]),
    st.booleans(),
)
def test_byline_label_word_gate_changes_nothing(
    phrase: str, lead: str, tail: str, upper: bool
) -> None:
    """Every byline prefix or label, with markers, case and words around it, is judged a
    label exactly as without the word-count gate."""
    from newsclean.stages.byline import _is_byline_label

    text = lead + (phrase.upper() if upper else phrase) + tail
    assert _is_byline_label(Block(0, text)) == _is_byline_label_plain(text)


def test_byline_label_gate_admits_every_phrase() -> None:
    """Each prefix and label alone is still a label behind the gate."""
    from newsclean.stages.byline import _is_byline_label

    for phrase in _byline_phrases():
        assert _is_byline_label(Block(0, phrase + ("" if phrase.endswith(":") else " "))), phrase


# --- ASCII byte tables for word_count, normalize_key and phrase_key (speed round 7) ---

_ASCII = "".join(map(chr, range(128)))
_WORD_RE = re.compile(r"\w+")
_KEY_DROP_RE = re.compile(r"[^\w:]+")


def _text_keys_plain(text: str) -> tuple[int, str, str]:
    """word_count, normalize_key and phrase_key as written before the ASCII byte tables."""
    import unicodedata

    return (
        len(_WORD_RE.findall(text)),
        " ".join(_WORD_RE.findall(unicodedata.normalize("NFKC", text).casefold())),
        " ".join(_KEY_DROP_RE.sub(" ", text.casefold()).split()),
    )


def _text_keys(text: str) -> tuple[int, str, str]:
    from newsclean.rules import phrase_key
    from newsclean.textutil import normalize_key, word_count

    # (the cached functions' own code: a hit would not run the code under test)
    return word_count.__wrapped__(text), normalize_key.__wrapped__(text), phrase_key(text)


@pytest.mark.parametrize("c", list(_ASCII))
def test_ascii_text_keys_agree_with_the_regexes_on_every_character(c: str) -> None:
    """Each ASCII character alone, inside a word, doubled and between spaces gives the keys
    the regexes give."""
    for text in (c, f"a{c}B", f"{c}{c}x_Y:z{c}", f" Jane{c} Doe {c}9 "):
        assert _text_keys(text) == _text_keys_plain(text), repr(text)


@given(st.text(alphabet=_ASCII, max_size=40))
def test_ascii_text_keys_agree_with_the_regexes(text: str) -> None:
    """Any ASCII text gets the word count, comparison key and phrase key the regexes give."""
    assert _text_keys(text) == _text_keys_plain(text)


@given(st.text(alphabet="aZ_:1 -\u00e9\u00df\u00bd\u2019\u212a\u0130\u00a0", max_size=16))
def test_non_ascii_text_keys_still_agree_with_the_regexes(text: str) -> None:
    """Text outside ASCII (where NFKC and casefold change letters) still takes the regexes."""
    assert _text_keys(text) == _text_keys_plain(text)


def test_link_density_without_links_is_zero_and_with_links_the_share() -> None:
    """A block with no link text gets 0.0 without the strip; one with links still gets its
    link characters over its stripped raw length."""
    from newsclean.document import Document
    from newsclean.readers.html import read_html

    page = (
        "<html><body><p>  Plain words only, no link at all.  </p>"
        "<p> Read <a href='/x'>the story</a> here. </p><p><a href='/y'>all link</a></p>"
        "</body></html>"
    )
    doc = read_html(Document(raw=page, text=page, format="html"))
    densities = [b.link_density for b in doc.blocks]
    assert densities == [0.0, len("the story") / len("Read the story here."), 1.0]
    assert all(type(d) is float for d in densities)


_NAME_RUN_PLAIN = re.compile(r"((?:The |the )?(?:[A-Z][\w&'’-]*\s){0,4}[A-Z][\w&'’-]*)")


@settings(max_examples=500)
@given(st.text(alphabet="TtheABZaz1_&'’- \n\u00a0\u00c9\u00e9.,", max_size=60))
@example("the The Associated Press reported that A B C D E F G said")
@example("Foo  Bar baz The quick The Reuters-Agency’s staff")
def test_name_run_pattern_matches_the_plain_one(text: str) -> None:
    """The source stage's capitalised-name pattern finds the spans and groups of the plain
    pattern it replaces."""
    from newsclean.stages.source import _NAME_RUN

    assert [(m.span(), m.group(1)) for m in _NAME_RUN.finditer(text)] == [
        (m.span(), m.group(1)) for m in _NAME_RUN_PLAIN.finditer(text)
    ]


def test_attribute_get_with_bytes_names_equals_str_names() -> None:
    """lxml's get() with a bytes attribute name gives what it gives for the str name: present,
    empty, absent, namespaced and non-ASCII values, on every element of a parsed page."""
    page = (
        "<html lang='de'><head><meta itemprop='author' content='x'></head><body>"
        "<div class='Haupt-Inhalt\u00e9 \u00fc' id='a1' role='main' hidden>"
        "<p style='display:none' itemprop=''>t</p><a rel='author' href='/x'>Jane</a>"
        "<svg xmlns:xlink='http://www.w3.org/1999/xlink'><use xlink:href='#i' class='ic'/></svg>"
        "<span CLASS='upper' data-x='\u2019'>s</span><i rel>r</i></div></body></html>"
    )
    names = ["class", "style", "hidden", "itemprop", "rel", "id", "role", "href", "data-x"]
    root = parse_html(page)
    assert root is not None
    seen = set()
    for el in root.iter():
        for name in names:
            value = el.get(name)
            assert el.get(name.encode("ascii")) == value, (el.tag, name)
            seen.add(value)
    assert {"", None, "Haupt-Inhalt\u00e9 \u00fc", "upper", "\u2019"} <= seen


@pytest.mark.parametrize("limit", [2, 1000])
@pytest.mark.parametrize(
    "tag",
    [
        _tag(1500),
        "<div " + " ".join(f"attr{i}='xx'" for i in range(1001)) + ">",  # long, 1,001
        "<div " + " ".join(f"attribute{i}='x'" for i in range(1000)) + ">",  # long, 1,000
        "<div data-x='" + "y z" * 4000 + "'>",  # a long value with spaces: one attribute
        "<div " + "a\u00a0" * 1001 + ">",  # spaces only the text's \s knows
        "<div " + "a\x1c" * 1001 + ">",
        "<div " + "\u00e9 " * 1200 + ">",
        '<p title="' + " a" * 1200 + '" b>',
        "<p '" + " a" * 1200 + ">",  # an unclosed quote
        "<p " + "x" * 20_000 + " a b c>",
        "<1 " + "a " * 6000 + ">",  # not a tag name: no long tag
    ],
)
@pytest.mark.parametrize("pad", [0, 4999, 5001])
def test_long_tag_cut_on_the_bytes_equals_cap_attributes(limit: int, tag: str, pad: int) -> None:
    """The bytes say a tag would be cut exactly when cap_attributes cuts one in the text."""
    from newsclean.readers._markup import cap_attributes, long_tag_cut

    text = "<p>" + "y" * pad + "</p>" + tag + "<p>end</p>"
    assert long_tag_cut(text.encode("utf-8"), limit) == (cap_attributes(text, limit)[1] > 0)
