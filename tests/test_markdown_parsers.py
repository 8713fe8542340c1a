"""The two markdown parsers: markdown-it-pyrs (Rust, used when installed) and markdown-it-py.

The Rust path is made to render what markdown-it-py renders wherever the extraction reads it
(link targets it refuses, image alt text, Unicode spaces at a paragraph's edges), and keeps
the guarantees on nesting and cost that the hostile-input tests pin for the default path.
"""

from __future__ import annotations

import time

import pytest

import newsclean
from newsclean.readers import markdown as md

HAS_RS = md._rs_parser() is not None
needs_rs = pytest.mark.skipif(not HAS_RS, reason="markdown-it-pyrs is not installed")

P1 = "The council met on the river bank, and the members argued about the bridge for hours."
P3 = "The orchard behind the village yielded copper-coloured apples, which the children sold."


@pytest.fixture
def python_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render with markdown-it-py, as on a platform without a markdown-it-pyrs wheel."""
    monkeypatch.setattr(md, "_rs_parser", lambda: None)


@pytest.fixture(params=["rs", "py"])
def each_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test once with each parser (the Rust one only where it is installed)."""
    if request.param == "rs" and not HAS_RS:
        pytest.skip("markdown-it-pyrs is not installed")
    if request.param == "py":
        monkeypatch.setattr(md, "_rs_parser", lambda: None)
    return str(request.param)


def _py_render(text: str) -> str:
    """``render_markdown`` as it runs without markdown-it-pyrs."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(md, "_rs_parser", lambda: None)
        return md.render_markdown(text)


# (id, markdown): constructs where markdown-it.rs on its own renders differently
SAME_HTML = [
    ("javascript-link", "See [the settings](javascript:Didomi.preferences.show()) now."),
    ("javascript-link-title", '[share](javascript: "facebook") [x](JavaScript:void(0))'),
    ("vbscript-file-data-links", "[a](vbscript:x) [b](file:///etc/x) [c](data:text/html,1)"),
    ("data-image", "![logo](data:image/png;base64,AAAA)"),
    ("angle-target", "[a](<javascript:a b>)"),
    ("alt-escapes", "![Feuerwehr im Einsatz. © DPA Images \\| Christoph Soeder](/a.jpg)"),
    ("alt-brackets", "![fights on the front, Tsentr \\[Centre\\] Group](/b.jpg)"),
    ("alt-entities", "![Tom &amp; Jerry &quot;live&quot; &#169; &#x41; &bogus; &#0;](/c.jpg)"),
    ("alt-hard-breaks", "![first line  \nsecond\\\nthird](/d.jpg)"),
    ("alt-backslash-letter", "![C:\\temp \\a](/e.jpg)"),
    ("alt-nested-link", "![Audio \\| 25.04.24 [](https://x.example/a) more](/f.jpg)"),
    ("linked-image", "[![A \\| B](/g.jpg)](javascript:window.print())"),
    ("plain", "# Title\n\nA paragraph with *emphasis*, **strong** and a [link](/a?b=1&c=2)."),
]


@needs_rs
@pytest.mark.parametrize(("text"), [t for _, t in SAME_HTML], ids=[i for i, _ in SAME_HTML])
def test_rust_path_renders_what_markdown_it_py_renders(text: str) -> None:
    """On constructs where markdown-it.rs differs on its own, the Rust path's HTML is the same."""
    assert md.render_markdown(text) == _py_render(text)


@needs_rs
def test_markdown_it_rs_alone_differs_on_these_constructs() -> None:
    """The cases above are needed: plain markdown-it.rs differs from markdown-it-py on most."""
    raw = md._rs_parser()
    differ = sum(raw.render(t) != md._parser().render(t) for _, t in SAME_HTML)
    assert differ >= len(SAME_HTML) - 4


@needs_rs
def test_text_with_placeholder_characters_still_renders_links() -> None:
    """A page that holds the placeholders' private-use characters loses none of its text."""
    text = "Icon \U000f0041 here. [x](/a) ![alt](/b.jpg)"
    out = md.render_markdown(text)
    assert "\U000f0041" in out
    assert '<a href="/a">x</a>' in out


@needs_rs
def test_deep_list_is_read_as_markdown_in_a_bigger_stack() -> None:
    """A list 2,000 levels deep renders in full (in a thread with a bigger stack), no fallback."""
    text = "# Head\n\n" + P1 + "\n\n" + "".join("  " * i + f"- item{i}x\n" for i in range(2000))
    assert md._nesting_bound(text, 0) > md._DIRECT_LEVELS
    art = newsclean.clean(text + "\n" + P3)
    assert not any("nested deeper" in n for n in art.provenance.notes)
    assert art.provenance.input_format == "markdown"
    held = art.body + "\n".join(r.text for r in art.provenance.removed)
    assert "item0x" in held
    assert "item1999x" in held


def test_deep_list_falls_back_to_text_with_markdown_it_py(python_parser: None) -> None:
    """markdown-it-py drops what nests past its limit, so that page is read as text, with a note."""
    text = "# Head\n\n" + P1 + "\n\n" + "".join("  " * i + f"- item{i}x\n" for i in range(2000))
    art = newsclean.clean(text + "\n" + P3)
    assert any("nested deeper than 100 levels" in n for n in art.provenance.notes)
    held = art.body + "\n".join(r.text for r in art.provenance.removed)
    assert "item1999x" in held


def test_nesting_past_the_limit_is_read_as_text(each_parser: str) -> None:
    """Nesting beyond what either parser can hold falls back to the text reader, losing nothing."""
    art = newsclean.clean("# Head\n\n" + P1 + "\n\n" + "- " * 600_000 + "deepest words\n\n" + P3)
    assert any("nested deeper" in n for n in art.provenance.notes)
    held = art.body + "\n".join(r.text for r in art.provenance.removed)
    assert "deepest words" in held
    assert P3 in held


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("> > > x", 7),  # three blockquote levels: no wider than the prefix (6 columns)
        ("\t\t\t\t\t- x", 22),  # tabs count 4 columns
        ("- " * 50 + "x", 100),
        ("1. " * 40 + "x", 120),
    ],
)
def test_nesting_bound_covers_the_line_prefix(text: str, levels: int) -> None:
    """The block bound is at least the container prefix's width (where it is long enough)."""
    bound = md._nesting_bound(text, 0)
    assert bound >= levels
    assert bound >= md._SHORT_PREFIX_LEVELS


def test_inline_bound_counts_brackets_and_emphasis() -> None:
    """A chunk's inline bound is its bracket pairs plus half its emphasis characters."""
    assert md._inline_bound("![a [b ![c](u)](v)](w) **x** _y_") == 3 + 3
    assert md._inline_bound("[[[[ no closing") == 0


def test_reference_runs_split_without_changing_the_html() -> None:
    """Blank lines put between one-line reference definitions change nothing they define."""
    defs = "".join(f'[r{i}]: /u{i} "t{i}"\n' for i in range(30))
    text = (
        defs
        + "[x]: /y\n\ntext\n[r1]: /z\n[r2]: /w\n\n"  # after text: paragraph lines, not definitions
        + "[a]: <b c>\n[d]: javascript:x\n[e]: /f\n\n"  # the second is refused: it stays text
        + " ".join(f"[r{i}]" for i in range(30))
        + " [x] [a] [d] [e]"
    )
    split = md._split_reference_runs(text)
    assert split.count("\n\n") > text.count("\n\n") + 25
    assert md._parser().render(split) == md._parser().render(text)
    if HAS_RS:
        raw = md._rs_parser()
        assert raw.render(split) == raw.render(text)


def test_many_reference_definitions_stay_linear(each_parser: str) -> None:
    """60,000 consecutive reference definitions render in a second or two, not minutes."""
    n = 60_000
    text = "".join(f"[r{i}]: /u{i}\n" for i in range(n)) + "\n" + "[r59999] [r0]"
    start = time.process_time()
    out = md.render_markdown(text)
    assert time.process_time() - start < 5
    assert '<a href="/u59999">r59999</a>' in out


@pytest.mark.parametrize(
    "text",
    [
        "# Headline of the page\n\n" + P1 + "\n\n![A \\| B](/x.jpg)\n\n" + P3,
        "# Headline\n\n" + P1 + " [settings](javascript:x()) and more.\n\n" + P3,
        "# Headline\n\n> quote " + P1 + "\n\n| a | b |\n|---|---|\n| " + P3 + " | 2 |",
        # markdown-it.rs keeps Unicode spaces at a paragraph's edges; the Article does not
        "# Headline\u00a0\n\n\u00a0\n\n\u00a0"
        + P1
        + "\u00a0 \n\n\u00a0  \n05.06.2025 um 14:46\n\n"
        + P3
        + "\n\nThe ferry ran late again, and the harbour master wrote a long letter about it.",
        "# Headline\n\n## Part\u2003 ##\n\n" + P3 + " \u00a0\n\n\u00a0\n\n" + P1,
    ],
)
def test_both_parsers_give_the_same_article(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """With or without markdown-it-pyrs, a page gives the same Article."""
    with monkeypatch.context() as m:
        m.setattr(md, "_rs_parser", lambda: None)
        slow = newsclean.clean(text)
    assert slow.provenance.input_format == "markdown"
    assert slow.body
    fast = newsclean.clean(text)
    assert fast.model_dump(exclude={"timings"}) == slow.model_dump(exclude={"timings"})


_PANICS = (
    "# Council approves three new tram lines\n\nBy Jane Walker\n\n"
    "The council voted on Tuesday to expand the tram network by three new lines, ending "
    "years of debate. See [`the plan.\n\n"
    "Construction is expected to begin next spring, and the first line should open within "
    "four years, officials said after the vote.\n"
)


@needs_rs
def test_rust_parser_panic_falls_back_to_markdown_it_py(monkeypatch: pytest.MonkeyPatch) -> None:
    """'[`' panics markdown-it.rs; the page is read by markdown-it-py, as without the extra."""
    with_rs = newsclean.clean(_PANICS)
    assert any("read with markdown-it-py" in n for n in with_rs.provenance.notes)
    assert with_rs.title == "Council approves three new tram lines"
    assert [p.name for p in with_rs.authors] == ["Jane Walker"]
    assert len(with_rs.paragraphs) == 2
    monkeypatch.setattr(md, "_rs_parser", lambda: None)
    without = newsclean.clean(_PANICS)
    assert with_rs.paragraphs == without.paragraphs
    assert with_rs.title == without.title
