"""Hypothesis strategies for hostile-input tests: HTML-like and markdown-like text, and pages.

Two kinds of generators live here:

* *soup* generators (:func:`html_soup`, :func:`markdown_soup`, :func:`raw_bytes`) that produce
  anything shaped roughly like the input format: unbalanced tags, raw-text elements, CDATA,
  entities, control characters, lone surrogates, bracket runs, deep nesting. The property
  over them is "an Article or a documented NewscleanError, nothing else".
* *page* generators (:func:`article_pages`, :func:`markdown_pages`) that hide a few known
  paragraphs (long sentences) among noise that a reader would not see as text: the property
  over them is that every paragraph shows up again, in the body or in the removed blocks.

Paragraph sentences are built from a fixed vocabulary so that none of them reads as a byline,
a date, a catalogue phrase or mojibake, and every one is unique: a paragraph that goes missing
is a bug in newsclean, not in the generator.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from hypothesis import strategies as st

__all__ = [
    "Page",
    "article_pages",
    "html_soup",
    "markdown_pages",
    "markdown_soup",
    "paragraph_sentences",
    "raw_bytes",
]

# words of the paragraphs: plain, accented, non-Latin; none is a month, a byline word, a
# catalogue phrase or an agency name, and no pair of them looks like mojibake
_WORDS = (
    "river", "garden", "council", "engine", "harbour", "winter", "lantern", "meadow", "copper",
    "village", "bridge", "orchard", "thunder", "quietly", "yellow", "distant", "careful",
    "Brücke", "Straße", "Mühle", "größer", "café", "naïve", "façade", "niño", "señal", "łąka",
    "żółty", "město", "čaj", "ørken", "år", "город", "вода", "θάλασσα", "λόγος", "山", "川",
    "東京", "의회", "مدينة", "נהר", "R&D", "x<y",
)  # fmt: skip
_TAGS = (
    "div", "p", "span", "b", "i", "em", "strong", "a", "article", "section", "ul", "li", "ol",
    "table", "tr", "td", "th", "blockquote", "figure", "figcaption", "h1", "h2", "h3", "pre",
    "nav", "footer", "aside", "header", "main", "form", "select", "option", "font", "center",
    "o:p", "svg", "math", "frameset", "frame", "noframes", "plaintext", "xmp", "iframe",
    "noscript", "template", "textarea", "title", "head", "body", "html", "br", "img", "hr",
    "script", "style", "meta", "link", "base", "col", "wbr",
)  # fmt: skip
_SOUP_BITS = (
    "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?xml version='1.0' encoding='utf-8'?>",
    "&amp;", "&lt;", "&#0;", "&#xD800;", "&#x10FFFF;", "&#1114112;", "&nbsp", "&bogus;", "&",
    "<", ">", "</", "/>", '"', "'", "=", "\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x85",
    "\u200b", "\u200d", "\u2028", "\ufeff", "\ufffd", "\ud800", "\udfff", "\U0001f468\u200d\U0001f469",
    "e\u0301", "\u05d0\u05b8", "\r", "\r\n", "\t",
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x", "author": [',
    '<meta name="author" content="', '<meta property="article:published_time" content="',
    '<meta charset="utf-16">', "<time datetime='99999-99-99'>",
)  # fmt: skip
_MD_BITS = (
    "#", "##", "###### ", "> ", ">>>>", "- ", "* ", "+ ", "1. ", "99999999999. ", "  ", "    ",
    "\t", "[", "]", "(", ")", "![", "](", "[x]: /url", "*", "**", "_", "__", "`", "```", "~~~",
    "---", "===", "|", "|---|", "\\", "<", ">", "<div>", "</div>", "<!--", "-->", "&amp;", "&",
    "<https://example.com>", "http://x.y/z", "\n", "\n\n", "\r", "\x00", "\ud800", "\u200d",
)  # fmt: skip


@dataclass(frozen=True)
class Page:
    """A generated page and the paragraph texts a reader sees in it."""

    text: str
    paragraphs: tuple[str, ...]


# a markdown dump detected as HTML (HTML-looking noise) reads "x<y ..." as a tag, as a browser
# would: markdown paragraphs avoid "<"
_MD_WORDS = tuple(w for w in _WORDS if "<" not in w)


@st.composite
def paragraph_sentences(
    draw: st.DrawFn, count: int = 5, vocabulary: tuple[str, ...] = _WORDS
) -> list[str]:
    """``count`` distinct long sentences (a paragraph each): 12 to 30 words, a comma, a stop."""
    sentences: list[str] = []
    for i in range(count):
        words = draw(st.lists(st.sampled_from(vocabulary), min_size=12, max_size=30))
        words[0] = words[0][:1].upper() + words[0][1:]
        words[len(words) // 2] += ","
        # a serial number keeps the sentences distinct (no duplicate-line removal)
        sentences.append(" ".join(words) + f" number {i + 1}.")
    return sentences


def _tag_soup_piece() -> st.SearchStrategy[str]:
    tag = st.sampled_from(_TAGS)
    attrs = st.lists(
        st.tuples(
            st.sampled_from(("class", "id", "style", "hidden", "href", "title", "x", "itemprop")),
            st.sampled_from(
                ("nav", "share", "article-body", "display:none", "a b", '"', "'", "", "x" * 300)
            ),
        ),
        max_size=3,
    ).map(lambda kv: "".join(f' {k}="{html.escape(v)}"' for k, v in kv))
    return st.one_of(
        st.builds(lambda t, a: f"<{t}{a}>", tag, attrs),
        tag.map(lambda t: f"</{t}>"),
        st.sampled_from(_SOUP_BITS),
        st.text(max_size=40),
        st.sampled_from(_WORDS).map(lambda w: w + " "),
    )


def html_soup() -> st.SearchStrategy[str]:
    """HTML-like text: tags opened and closed at random, raw-text elements, CDATA, entities,
    control characters, lone surrogates, and now and then a deep or long run of one piece."""
    piece = _tag_soup_piece()
    run = st.tuples(piece, st.integers(min_value=2, max_value=3000)).map(lambda pn: pn[0] * pn[1])
    return st.lists(st.one_of(piece, piece, piece, run), max_size=60).map("".join)


def markdown_soup() -> st.SearchStrategy[str]:
    """Markdown-like text: headings, nested lists and quotes, links, emphasis, fences, tables,
    raw HTML, and runs of one piece (bracket bombs, deep quotes)."""
    piece = st.one_of(
        st.sampled_from(_MD_BITS),
        st.sampled_from(_WORDS).map(lambda w: w + " "),
        st.text(max_size=30),
    )
    run = st.tuples(piece, st.integers(min_value=2, max_value=5000)).map(lambda pn: pn[0] * pn[1])
    return st.lists(st.one_of(piece, piece, piece, run), max_size=60).map("".join)


def raw_bytes() -> st.SearchStrategy[bytes]:
    """Bytes: random, or soup encoded in an encoding (right, wrong or half-and-half)."""
    encodings = st.sampled_from(
        ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32-le", "cp1252",
         "latin-1", "cp1251", "koi8-r", "shift_jis", "gb18030", "euc-kr", "iso2022_jp")
    )  # fmt: skip
    encoded = st.builds(_encode, html_soup(), encodings)
    spliced = st.tuples(encoded, st.binary(max_size=64), encoded).map(lambda t: b"".join(t))
    return st.one_of(st.binary(max_size=2000), encoded, spliced)


def _encode(text: str, encoding: str) -> bytes:
    # lone surrogates survive as their UTF-8/16/32 bytes; other encodings write "?"
    errors = "surrogatepass" if encoding.startswith("utf") else "replace"
    return text.encode(encoding, errors=errors)


# noise a reader does not see as paragraphs of the article
_HTML_NOISE = (
    "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>",
    "<script>var s = '<p>not text</p>'; if (a < b && c > d) {}</script>",
    "<style>p { color: red } /* </p> */</style>",
    "<!-- a comment <p>hidden</p> -->",
    "<div style='display:none'>hidden text</div>",
    "<footer><a href='/imprint'>Imprint</a> | <a href='/privacy'>Privacy</a></footer>",
    "<img src='/a.jpg' alt=''>",
    "<br>",
    "<hr>",
    "<span></span>",
    "<b></b>",
    "<div></div>",
    "<noscript><img src='/pixel.gif'></noscript>",
    "<template><p>template text</p></template>",
    "<svg><text>svg text</text></svg>",
    "<iframe src='/ad'></iframe>",
)
_WRAPPERS = ("div", "section", "span", "main", "div class='content'", "font", "center", "td")


@st.composite
def article_pages(draw: st.DrawFn) -> Page:
    """An HTML page with paragraphs (long sentences in <p> inside <article>) among noise.

    The noise: navigation, scripts, styles, comments, hidden elements, empty inline elements,
    entities (the sentences' "&" written as &amp;), words wrapped in inline tags at word
    boundaries, wrappers nested up to 3000 levels deep, control characters between words.
    """
    sentences = draw(paragraph_sentences(count=draw(st.integers(1, 6))))
    depth = draw(st.sampled_from((0, 1, 3, 40, 300, 3000)))
    wrapper = draw(st.sampled_from(_WRAPPERS))
    close = wrapper.split()[0]
    parts = ["<!DOCTYPE html><html><head><title>A page</title></head><body>"]
    parts.append(draw(st.sampled_from(_HTML_NOISE)))
    parts.append(f"<{wrapper}>" * depth)
    parts.append("<article>")
    for s in sentences:
        words = s.split(" ")
        out = []
        for w in words:
            style = draw(st.integers(0, 9))
            w_html = html.escape(w, quote=False)
            if style == 1:
                w_html = f"<b>{w_html}</b>"
            elif style == 2:
                w_html = f"<a href='/x'>{w_html}</a>"
            elif style == 3:
                w_html = f"<span class='x'><i>{w_html}</i></span>"
            elif style == 4:
                w_html = f"{w_html}<span></span>"
            out.append(w_html)
        sep = draw(st.sampled_from((" ", "\n", " \x01", "  \t ", " <!-- c --> ")))
        parts.append("<p>" + sep.join(out) + "</p>")
        parts.append(draw(st.sampled_from(_HTML_NOISE)))
    parts.append("</article>")
    parts.append(f"</{close}>" * depth)
    parts.append(draw(st.sampled_from(_HTML_NOISE)))
    parts.append("</body></html>")
    return Page("".join(parts), tuple(sentences))


_MD_NOISE = (
    "* [Home](/)\n* [World](/world)\n* [Sport](/sport)",
    "![](/pixel.gif)",
    '<div class="nav">\n\n[Subscribe](/subscribe)\n\n</div>',
    "```\ncode <p>block</p>\n```",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "---",
    "> a quoted line",
    "[" * 2000,
    "*a" * 1000,
    "<!-- comment -->",
)


@st.composite
def markdown_pages(draw: st.DrawFn) -> Page:
    """A markdown dump with paragraphs (long sentences, blank lines around) among noise."""
    sentences = draw(paragraph_sentences(count=draw(st.integers(1, 6)), vocabulary=_MD_WORDS))
    chunks = ["# A headline for the page"]
    for s in sentences:
        chunks.append(draw(st.sampled_from(_MD_NOISE)))
        chunks.append(s)
    chunks.append(draw(st.sampled_from(_MD_NOISE)))
    return Page("\n\n".join(chunks) + "\n", tuple(sentences))
