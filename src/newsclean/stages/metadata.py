"""Title, standfirst, byline, dates and source: structured data first, visible text second.

Each stage records the value it settles on with its origin (``doc.set_field``) and marks the
blocks whose text went into metadata (title, subtitle, byline, dateline, signoff, source).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import cache, cached_property
from typing import Any
from urllib.parse import urlsplit

from ..dates import find_dates, parse_iso
from ..document import Block, Document
from ..names import agency_of, is_organisation, parse_byline, strip_byline_prefix
from ..readers.html import author_links, heading_parts, text_of
from ..rules import agencies, bylines, link_note_re, match_phrase
from ..textutil import is_sentence_like, normalize_key, word_count

__all__ = ["find_byline", "find_dates_stage", "find_source", "find_subtitle", "find_title"]

_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·•»]\s+|\s+[|]\s*|\s*[|]\s+")
_HEADLINE_END = re.compile(r"[.;,]$")
_HEADER_ZONE = 12  # blocks after the title searched for byline, date, standfirst


def _body_start(doc: Document) -> int:
    for b in doc.blocks:
        if not b.removed and b.role is None and is_sentence_like(b.text):
            return b.index
    return len(doc.blocks)


def _headline_like(b: Block) -> bool:
    wc = word_count(b.text)
    return 2 <= wc <= 30 and len(b.text) <= 250 and not _HEADLINE_END.search(b.text)


def _strip_site(title: str, doc: Document, *, guess: bool = True) -> str:
    """Remove a site-name part ("Headline - Site") found by comparing with other candidates."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    others = {normalize_key(c.value) for c in doc.get("publisher") if isinstance(c.value, str)}
    host = _domain(doc)
    if host:
        others.add(normalize_key(host.split(".")[0]))
    keep = [
        p
        for p in parts
        if normalize_key(p) not in others
        and not any(
            o and (o in normalize_key(p) and len(normalize_key(p)) <= len(o) + 12) for o in others
        )
    ]
    if keep and len(keep) < len(parts):
        # keep the original separators inside the remaining span
        first, last = keep[0], keep[-1]
        i, j = title.find(first), title.rfind(last)
        if 0 <= i <= j:
            return title[i : j + len(last)].strip()
    # no publisher known: the longest part is the headline when the rest is short
    longest = max(parts, key=len)
    if (
        guess
        and len(longest) >= 0.6 * len(title)
        and all(word_count(p) <= 4 for p in parts if p is not longest)
    ):
        return longest.strip()
    return title


def _domain(doc: Document) -> str | None:
    url = doc.fields.get("canonical_url", (None, ""))[0] or doc.url
    for c in doc.get("canonical_url"):
        url = url or c.value
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return host[4:] if host.startswith("www.") else (host or None)


def find_title(doc: Document) -> Document:
    """Settle the displayed headline; mark its block(s) title and repeats duplicate."""
    metas = [c for c in doc.candidates if c.field == "title" and isinstance(c.value, str)]
    meta_keys = {normalize_key(c.value): c for c in metas}
    stripped_keys = {normalize_key(_strip_site(c.value, doc)): c for c in metas}
    headings = [
        b for b in doc.blocks if b.kind == "heading" and (b.level == 1 or word_count(b.text) >= 2)
    ]
    chosen: Block | None = None
    origin = ""
    # 1. a displayed heading that the metadata also names
    for b in headings:
        k = normalize_key(b.text)
        if k in meta_keys or k in stripped_keys:
            chosen, origin = b, "heading-matches-metadata"
            break
    # 2. the first h1 (in or just before the main content)
    if chosen is None:
        h1s = [b for b in headings if b.level == 1]
        if h1s:
            in_main = [b for b in h1s if b.reason != "outside-main-content"]
            chosen, origin = (in_main or h1s)[0], "h1"
            if doc.format == "markdown":
                chosen = _past_breadcrumb_h1(doc, _past_label_h1(doc, chosen))
    # 3. a JSON-LD headline is the headline the publisher declares: it wins over the
    #    displayed h1 (which may carry a kicker); the h1 block is still marked as the title.
    #    Measured on the development corpus: JSON-LD > h1 > og:title > twitter > <title>
    #    matches the displayed-and-declared headline most often (135/161 vs 120 for h1 first).
    title: str | None = None
    declared = [
        c for c in metas if c.origin == "json-ld:headline" and not c.value.endswith(("…", "..."))
    ]
    if declared:
        title, origin = _strip_site(declared[0].value, doc, guess=False), declared[0].origin
        # the displayed h1 is the JSON-LD alternativeHeadline: the page shows that one
        if chosen is not None and _is_alternative(chosen.text, doc):
            title, origin = chosen.text, "h1-matches-alternative-headline"
    if chosen is None and title is None and metas:
        order = ("meta:og:title", "meta:twitter:title", "html:title")
        metas.sort(key=lambda c: order.index(c.origin) if c.origin in order else len(order))
        title, origin = _strip_site(metas[0].value, doc), metas[0].origin
    # 4. a heading shown as kicker + headline (<span>Kicker</span><span>Headline</span>)
    #    that a metadata title reads: that title, and the heading is the displayed one
    #    (an h1 in the breadcrumbs, a "| Section" suffix of the JSON-LD headline lose to it)
    shown = _kicker_heading(doc, metas) if doc.format == "html" else None
    if shown is not None:
        chosen, title, origin = shown[0], shown[1], "kicker-heading-matches-metadata"
    # 5. no heading and no metadata (text and markdown copies): the headline-like line
    #    above the body that best announces it
    if chosen is None and title is None:
        chosen = _text_title(doc)
        origin = "line-before-body"
    if chosen is not None:
        if title is None:
            # "Kicker : Headline" is how text copies join a kicker span to the headline;
            # "4. Headline" is the headline as an item of a numbered list of top stories
            title = chosen.text
            if doc.format == "text":  # a copy's artefacts; French puts a space before ":"
                if not _spaced_punctuation(doc, chosen):
                    title = _SPACED_COLON.sub(": ", title)
                title = _LIST_NUMBER.sub("", title)
            if doc.format != "html":
                title = _drop_kicker(doc, chosen, title)
                title = _join_colon_kicker(doc, chosen, title)
            if doc.format == "markdown":
                title = _image_title_kicker(doc, title)
        doc.mark(chosen, "title", "headline")
    if not title:
        return doc
    if doc.format == "html":
        title = _plain_quotes(title, metas)
    doc.set_field("title", title, origin)
    key = normalize_key(title)
    for b in doc.blocks:
        if b is not chosen and b.role != "title" and normalize_key(b.text) == key:
            doc.mark(b, "duplicate", "repeated-title")
    doc.flags["title_index"] = chosen.index if chosen is not None else -1
    return doc


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
# metadata titles in order of trust when several read the displayed heading equally well
_META_ORDER = ("json-ld:headline", "meta:og:title", "meta:twitter:title")


def _title_key(text: str) -> str:
    """normalize_key without soft hyphens and zero-width characters ("Heli\xadkopter")."""
    return normalize_key(text.translate(_INVISIBLE))


def _is_alternative(text: str, doc: Document) -> bool:
    """True when ``text`` is the JSON-LD alternativeHeadline (or what a cut one begins)."""
    key = _title_key(text)
    for c in doc.get("alt_title"):
        if not isinstance(c.value, str):
            continue
        alt = c.value.rstrip()
        cut = alt.endswith(("…", "..."))
        akey = _title_key(alt.rstrip(".…"))
        if akey == key or (cut and len(akey) >= 30 and key.startswith(akey)):
            return True
    return False


def _kicker_heading(doc: Document, metas: list[Any]) -> tuple[Block, str] | None:
    """A heading above the body shown as kicker + headline, and the metadata title it shows.

    A title equal to the headline part alone wins (the kicker is shown apart from it); else
    one equal to kicker and headline together, preferably joined by a colon.
    """
    metas = sorted(
        metas, key=lambda c: _META_ORDER.index(c.origin) if c.origin in _META_ORDER else 9
    )
    texts = [c.value for c in metas] + [_strip_site(c.value, doc, guess=False) for c in metas]
    readings = [(t, _title_key(t)) for t in texts]
    for b in doc.blocks[: _body_start(doc)]:
        el = b.extra.get("el")
        if b.kind != "heading" or b.level > 3 or el is None:
            continue
        parts = heading_parts(el)
        if not parts or word_count(parts[0]) > 8:
            continue
        kicker, head = parts[0], " ".join(parts[1:])
        head_key = _title_key(head)
        alone = [t for t, k in readings if k == head_key]
        if alone:
            return b, alone[0]
        both = _title_key(kicker + " " + head)
        joined = [t for t, k in readings if k == both]
        if joined:
            colon = [r for r in joined if r[len(kicker) : len(kicker) + 2].strip().startswith(":")]
            return b, (colon or joined)[0]
    return None


# typographic quotes and their plain spelling (one character each: lengths are kept)
_CURLY_QUOTES = str.maketrans("\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f", "''''\"\"\"\"")


def _plain_quotes(title: str, metas: list[Any]) -> str:
    """The title with plain quotes when the page's metadata spells the same title with them.

    Typographic quotes are presentation: a page that writes "Doe's plan" in its og:title and
    "Doe’s plan" in its h1 gives one title, kept in its plain spelling (searchable as typed).
    """
    plain = title.translate(_CURLY_QUOTES)
    if plain == title:
        return title
    for c in metas:
        v = c.value
        if v.startswith(plain) and (
            len(v) == len(plain) or _TITLE_SEPARATORS.match(v, len(plain)) is not None
        ):
            return plain
    return title


_LIST_NUMBER = re.compile(r"^\d{1,2}\.\s+(?=\D)")
_LABEL_H1_REACH = 40  # blocks after a label h1 searched for the headline (seen: up to 26)


def _past_label_h1(doc: Document, h1: Block) -> Block:
    """The headline heading after an h1 that is only a label ("Roma", "Article details").

    Page dumps mark the section or the site name as h1 on some templates (a label: short,
    and printed again on the page or read as menu/UI text); the headline is then the next
    h1/h2 of three words or more. A short h1 printed once is a headline ("Легкий троннинг")
    unless that next heading is printed twice on the page (the headline echoed) and it not.
    """
    if _title_words(h1.text) > 2:
        return h1
    key = normalize_key(h1.text)
    repeated = sum(1 for b in doc.blocks if normalize_key(b.text) == key) >= 2
    nxt = next(
        (
            b
            for b in doc.blocks[h1.index + 1 : h1.index + _LABEL_H1_REACH]
            if b.kind == "heading"
            and b.level <= 2
            and _title_words(b.text) >= 3
            and len(b.text) <= 250
            and not _HEADLINE_END.search(b.text)
            and b.role not in ("navigation", "footer", "share", "related")
        ),
        None,
    )
    if nxt is None:
        return h1
    if repeated or h1.role in ("navigation", "ui"):
        return nxt
    nkey = normalize_key(nxt.text)
    return nxt if sum(1 for b in doc.blocks if normalize_key(b.text) == nkey) >= 2 else h1
    key = normalize_key(h1.text)
    repeated = sum(1 for b in doc.blocks if normalize_key(b.text) == key) >= 2
    if not repeated and h1.role not in ("navigation", "ui"):
        return h1  # a short headline ("Легкий троннинг") is printed once
    for b in doc.blocks[h1.index + 1 : h1.index + _LABEL_H1_REACH]:
        if (
            b.kind == "heading"
            and b.level <= 2
            and _title_words(b.text) >= 3
            and len(b.text) <= 250
            and not _HEADLINE_END.search(b.text)
            and b.role not in ("navigation", "footer", "share", "related")
        ):
            return b
    return h1


def _breadcrumb_item(b: Block) -> bool:
    """The block is a list item after other items of its list (a breadcrumb trail's end)."""
    el = b.extra.get("el")
    if el is None:
        return False
    li = el if el.tag == "li" else el.getparent()
    return li is not None and li.tag == "li" and li.getprevious() is not None


def _past_breadcrumb_h1(doc: Document, h1: Block) -> Block:
    """The headline heading after an h1 printed as the last item of a breadcrumb list.

    Some templates print the page's (SEO) title as an h1 ending the breadcrumb trail
    ("- Home - Politik - # Headline") and the displayed headline as an h2 under it, above
    the standfirst and byline. Only a heading before the article's first sentence counts,
    and not one that reads as the h1 itself or its tail: then the h1 is the headline with its
    kicker joined ("Kicker: Headline" over a heading "Kicker Headline" or "Headline").
    """
    if not _breadcrumb_item(h1):
        return h1
    h1_key = f" {normalize_key(h1.text)}"
    for b in doc.blocks[h1.index + 1 : h1.index + _LABEL_H1_REACH]:
        if b.kind != "heading":
            if is_sentence_like(b.text) and b.role not in ("ui", "navigation"):
                break  # the article (or another teaser) started: no headline heading
            continue
        if (
            b.level <= 2
            and _title_words(b.text) >= 3
            and len(b.text) <= 250
            and not _HEADLINE_END.search(b.text)
            and not _breadcrumb_item(b)
            and b.role not in ("navigation", "footer", "share", "related")
        ):
            return h1 if h1_key.endswith(f" {normalize_key(b.text)}") else b
    return h1


_KICKER_MAX = 4  # words of a kicker glued before the headline (seen: 1-3 on the dev corpus)


def _drop_kicker(doc: Document, chosen: Block, title: str) -> str:
    """The headline without a kicker that a copy glued to it ("Premier League Headline").

    Only when the page prints the bare headline elsewhere (a breadcrumb's last item) and no
    punctuation joins the two, or a free-standing " : " (a kicker span joined by the copy):
    "Kicker: Headline" is how sites write their own headlines.
    """
    words = title.split()
    ends = {
        normalize_key(_LIST_NUMBER.sub("", b.text))
        for b in doc.blocks
        if b is not chosen and 3 <= word_count(b.text) < len(words)
    }
    for n in range(1, min(_KICKER_MAX, len(words) - 3) + 1):
        if not words[n - 1][-1].isalnum():
            break
        rest = " ".join(words[n:])
        if words[n] == ":":
            rest = " ".join(words[n + 1 :])
        elif not words[n][0].isalnum() and words[n][0] not in "\"'„“‘«":
            break
        if normalize_key(rest) in ends:
            return rest
    return title


def _image_title_kicker(doc: Document, title: str) -> str:
    """The headline without the kicker a dump glued to it, split where an image title shows.

    Pandoc keeps an image's title ("Kicker: Headline"); when it reads as the heading word for
    word and the heading runs the kicker into the headline with a bare space, the text after
    its first ": " is the headline (a heading that keeps the colon is the site's own wording).
    """
    key = normalize_key(title)
    if doc.tree is None or len(key.split()) < 4:
        return title
    flat = " ".join(title.split())
    for img in doc.tree.iter("img"):
        shown = str(img.get("title") or "")
        kicker, sep, rest = shown.partition(": ")
        kicker = " ".join(kicker.split())
        if (
            sep
            and kicker
            and flat.startswith(kicker + " ")
            and normalize_key(shown) == key
            and word_count(rest) >= 3
        ):
            return rest.strip()
    return title


_KICKER_LINE_MAX = 8  # words of a kicker line a copy split off before ": Headline" (seen: 3)


def _join_colon_kicker(doc: Document, chosen: Block, title: str) -> str:
    """A line ": Headline" continues the one above: the copy broke "Kicker: Headline" there.

    The kicker is the nearest line above when it is short and ends without punctuation;
    without one, the stray colon is dropped.
    """
    if not title.startswith(":"):
        return title
    rest = title[1:].strip()
    above = next(
        (b for b in reversed(doc.blocks[: chosen.index]) if b.reason != "no-words"),
        None,
    )
    if (
        above is not None
        and 1 <= word_count(above.text) <= _KICKER_LINE_MAX
        and above.text.rstrip()[-1:].isalnum()
    ):
        doc.mark(above, "title", "headline")
        return f"{above.text.strip()}: {rest}"
    return rest


_SPACED_COLON = re.compile(r"(?<=\w) : (?=\w)")
_SPACED_PUNCT = re.compile(r"\w[ \u00a0\u202f][:;?!](?=\s|$)")
_SPACED_PUNCT_MIN = 3  # calibrated on the dev corpus: a French page prints 25+ in its prose


def _spaced_punctuation(doc: Document, chosen: Block) -> bool:
    """The page's prose spaces ':;?!' from the word before (French typography).

    There "Kicker : Headline" is how the site writes it; elsewhere " : " is a copy joining a
    kicker span to the headline, read as "Kicker: Headline".
    """
    n = 0
    for b in doc.blocks:
        if b is not chosen and is_sentence_like(b.text):  # teasers can be copies' joins too
            n += len(_SPACED_PUNCT.findall(b.text))
            if n >= _SPACED_PUNCT_MIN:
                return True
    return False


# letters and the combining vowel signs that scripts such as Devanagari write inside words
# (Python's \w leaves marks out: "पकड़ा" would split into fragments)
_MARKS = "".join(
    chr(c) for c in range(0x300, 0x3000) if unicodedata.category(chr(c)) in ("Mn", "Mc")
)
_CONTENT_WORD = re.compile(rf"(?:[^\W\d_]|[{re.escape(_MARKS)}]){{4,}}")
_CREDITISH = re.compile(r"©|/\s*(?:dpa|afp|ap|reuters)\b", re.I)
_CREDIT_LABEL = re.compile(r"\b(?:foto|photo|credit|bild|image|quelle)\b\s*[:.]", re.I)
_CREDIT_TAIL = 5  # words after a credit label that ends a caption ("Foto: Jane Doe/dpa")
_TITLE_WINDOW = 25  # blocks above the body searched for the headline of a text copy
_TITLE_AFTER_START = 6  # and below its first sentence-like block: a ticker line or teaser
# read as the start can sit above the headline (dev corpus: 6 and 8 win the same page, none lost)
# removed blocks that can still be the headline of a text copy: the page header before the
# article, lines repeated on the page (the headline is echoed by the <title> line, breadcrumbs,
# share texts) and the short lines after a "related" label that run into the headline
_TITLE_REASONS = frozenset(
    {"before-article", "repeated-line", "repeated-label", "related-section", "repeated-title"}
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_TITLE_SPLIT = re.compile(r"\s+[|\-–—·•»:]\s+|^\d{1,2}\.\s+")


def _stems(text: str) -> set[str]:
    """Word stems (first five letters); character pairs for scripts written without spaces."""
    folded = text.casefold()
    out = {w[:5] for w in _CONTENT_WORD.findall(folded) if not _CJK.match(w)}
    cjk = "".join(_CJK.findall(folded))
    out.update(cjk[i : i + 2] for i in range(len(cjk) - 1))
    return out


_PHOTO_BY = re.compile(r"\b(?:photos?|pictures?|fotos?|bilder?)\s+(?:by|von|de|di)\b", re.I)
# where a person stands in the picture: "Jane Doe (r.)", "(left)", "v.l.n.r."
_CAPTION_MARK = re.compile(
    r"\((?:r|l|m|li|re|links|rechts|mitte|left|right|centre|center|pictured)\.?\)|\bv\.\s?l\.",
    re.IGNORECASE,
)
# a photographer's credit "Jane Doe/agency": a name, a slash and one word, nothing else
_SLASH_CREDIT = re.compile(r"^\s*[^\W\d_][\w.'’ -]{2,40}/\s?[\w.-]{2,20}\s*$")


def _creditish(text: str) -> bool:
    """A photo caption or credit line: credit words, or a photo agency named at its end."""
    if _CREDITISH.search(text) or _PHOTO_BY.search(text) or _SLASH_CREDIT.match(text):
        return True
    # "Foto: ..." opening the line or naming a credit at its end; "Erstes Bild: So könnte
    # ..." is a headline whose kicker ends in a credit word
    for m in _CREDIT_LABEL.finditer(text):
        if m.start() == 0 or word_count(text[m.end() :]) <= _CREDIT_TAIL:
            return True
    if _CAPTION_MARK.search(text):
        return True
    return bool(_photo_agency_re().search(text[-60:].casefold()))


@cache
def _photo_agency_re() -> re.Pattern[str]:
    """Photo agencies of five letters or more that are not news agencies ("getty images")."""
    names = sorted(
        (p for p in agencies().photo if len(p) >= 5 and agency_of(p) is None), key=len, reverse=True
    )
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in names) + r")\b")


def _credit_or_dateline(text: str) -> bool:
    """A byline, dateline or photo credit, alone or as one segment of a "a | b | c" line."""
    return _creditish(text) or _byline_or_dateline(text)


def _byline_or_dateline(text: str) -> bool:
    """A byline or dateline, alone or as one segment of a "a | b | c" line."""
    for seg in _SEGMENT.split(text):
        seg = seg.strip()
        if not seg:
            continue
        rest, prefixed = strip_byline_prefix(seg)
        if prefixed and (not rest.strip() or _credits_someone(seg)):
            return True
        if find_dates(seg) or _PUBLISHED_LABEL.match(seg) or _RELATIVE_TIME.search(seg):
            return True
    return False


def _credits_someone(text: str) -> bool:
    credit = parse_byline(text)
    return bool(credit.persons or credit.agencies or credit.organisations)


def _title_words(text: str) -> int:
    """Word count, with two CJK characters counted as a word (their words are not spaced)."""
    n_cjk = len(_CJK.findall(text))
    return word_count(text) if n_cjk < 4 else max(word_count(text), n_cjk // 2)


def _echo_keys(doc: Document) -> list[str]:
    """Each line's comparison key, padded with spaces for word-bounded containment tests."""
    return [f" {normalize_key(b.text)} " for b in doc.blocks]


def _echoed(keys: list[str], b: Block) -> bool:
    """The line is printed again elsewhere on the page, alone or inside a longer line."""
    key = keys[b.index]
    return len(key) > 2 and any(key in k for i, k in enumerate(keys) if i != b.index)


def _announces_header(doc: Document, b: Block) -> bool:
    """A byline or dateline follows within four blocks: the line heads the article's header."""
    seen = 0
    for nb in doc.blocks[b.index + 1 : b.index + 12]:
        if nb.reason == "no-words":
            continue
        if word_count(nb.text) <= 25 and _byline_or_dateline(nb.text):
            return True
        seen += 1
        if seen == 4:
            break
    return False


def _under_headline(doc: Document, b: Block, lead: set[str]) -> bool:
    """The line right above is a headline-like line of five words or more about the lead.

    A headline and its standfirst are printed one after the other; kickers above a headline
    are shorter than five words, and menu lines or teasers above it share no word with the
    article's lead.
    """
    above = next(
        (x for x in reversed(doc.blocks[max(0, b.index - 3) : b.index]) if x.reason != "no-words"),
        None,
    )
    return (
        above is not None
        and word_count(above.text) >= 5
        and len(above.text) <= 250
        and bool(_stems(above.text) & lead)
        and not _HEADLINE_END.search(above.text)
        and not _credit_or_dateline(above.text)
    )


def _restates_above(doc: Document, b: Block, words: set[str]) -> bool:
    """A shorter headline-like line just above says the same: this line is its standfirst."""
    for pb in doc.blocks[max(0, b.index - 2) : b.index]:
        if word_count(pb.text) >= word_count(b.text) or word_count(pb.text) < 3:
            continue
        above = _stems(pb.text)
        if len(above & words) >= max(2.0, 0.5 * len(above)):
            return True
    return False


# calibrated on the text copies of the development corpus (title exact): 1.0 and 2.0 fix the
# same two pages, 2.0 loses another headline; 8 lines cover kicker, standfirst and byline
_TRAIL_PENALTY = 1.0
_TRAIL_REACH = 8


def _trail_end(doc: Document, b: Block) -> bool:
    """A list item after a short one ("Home", "Politics"): the last item of a breadcrumb."""
    if b.kind != "list_item" or b.index == 0:
        return False
    prev = doc.blocks[b.index - 1]
    if prev.kind != "list_item" or _title_words(prev.text) > 3:
        return False
    # the headline printed under it, bare or with the kicker unjoined: the item is the
    # headline with its kicker ("Kicker: Headline"), as in markdown (_past_breadcrumb_h1)
    key = f" {normalize_key(b.text)}"
    return not any(
        _title_words(nb.text) >= 3 and key.endswith(f" {normalize_key(nb.text)}")
        for nb in doc.blocks[b.index + 1 : b.index + 1 + _TRAIL_REACH]
    )


# calibrated on the text copies of the development corpus (title exact): 1.0 and 1.5 fix the
# same page (a standfirst printed under the byline), none lost
_UNDER_BYLINE_PENALTY = 1.0


def _lead_without(doc: Document, start: int, b: Block) -> set[str]:
    """The lead's stems from its three blocks other than ``b``."""
    return _stems(" ".join(x.text for x in doc.blocks[start : start + 3] if x is not b))


def _under_byline(doc: Document, b: Block) -> bool:
    """The line right above is a byline ("By Jane Doe"): a headline is printed above it."""
    above = next(
        (x for x in reversed(doc.blocks[max(0, b.index - 3) : b.index]) if x.reason != "no-words"),
        None,
    )
    if above is None or word_count(above.text) > 12:
        return False
    _rest, prefixed = strip_byline_prefix(above.text)
    return prefixed and _credits_someone(above.text)


# calibrated on the text copies of the development corpus (title exact): 0.4 and 0.5 win the
# same two pages and lose none; 0.75 and 1.0 lose a headline to the line above it
_OVER_STANDFIRST_BONUS = 0.5


def _over_standfirst(doc: Document, b: Block, lead: set[str]) -> bool:
    """The next line reads as a standfirst under ``b`` (``_under_headline``): ``b`` heads it."""
    nxt = next((x for x in doc.blocks[b.index + 1 : b.index + 4] if x.reason != "no-words"), None)
    return nxt is not None and 5 <= _title_words(nxt.text) <= 36 and _under_headline(doc, nxt, lead)


def _text_title(doc: Document) -> Block | None:
    """Score headline-like lines above the body: word overlap with the lead, then position.

    Calibrated on the text copies of the development corpus (title exact match).
    """
    start = _body_start(doc)
    if start >= len(doc.blocks):
        return None
    lead = _stems(" ".join(b.text for b in doc.blocks[start : start + 3]))
    echoes = _echo_keys(doc)
    best: tuple[float, Block] | None = None
    first_live = next((b for b in doc.blocks if b.reason not in ("ui-text",)), None)
    for b in doc.blocks[max(0, start - _TITLE_WINDOW) : start + _TITLE_AFTER_START]:
        if b.removed and b.reason not in _TITLE_REASONS:
            continue
        # a caption read as the body's first paragraph can push the headline past the start:
        # there, only a line heading the byline and dateline is taken
        if b.index >= start and (b.index == start or not _announces_header(doc, b)):
            continue
        wc = _title_words(b.text)
        # up to 36 words: the longest dev-corpus headline has 31 (a quote and its context)
        if not 3 <= wc <= 36 or len(b.text) > 250 or _HEADLINE_END.search(b.text):
            continue
        if _credit_or_dateline(b.text) or link_note_re().search(b.text):
            continue  # a credit, a dateline, or a link ("Jobs (opens in a new window)")
        words = _stems(b.text)
        # a line inside the lead's three blocks is compared with the others only
        own_lead = lead if not start <= b.index < start + 3 else _lead_without(doc, start, b)
        overlap = len(words & own_lead) / max(1, len(words))
        # short lines (section names, labels) overlap easily: discount them
        score = (
            6 * overlap * min(1.0, wc / 6) + (1.5 if b is first_live else 0.0) + min(wc, 12) / 12
        )
        score += 0.5 * (b.index - start) / _TITLE_WINDOW  # nearer the body is likelier
        # calibrated on the text copies of the development corpus (title exact match): the
        # headline is echoed elsewhere on the page, sits right above byline or date, and the
        # standfirst under it restates it at greater length
        if _echoed(echoes, b):
            score += 1.0
        if _announces_header(doc, b):
            score += 1.0
        if _restates_above(doc, b, words) or _under_headline(doc, b, lead):
            score -= 1.5
        if wc >= 5 and _over_standfirst(doc, b, lead):
            score += _OVER_STANDFIRST_BONUS
        if _trail_end(doc, b):
            score -= _TRAIL_PENALTY
        if _under_byline(doc, b):
            score -= _UNDER_BYLINE_PENALTY
        if best is None or score > best[0]:
            best = (score, b)
    if best is None or best[0] < 1.5:
        return None
    # the headline printed twice in the header: its first print starts the header
    key = normalize_key(best[1].text)
    window = doc.blocks[max(0, start - _TITLE_WINDOW) : best[1].index]
    return next((b for b in window if normalize_key(b.text) == key), best[1])


def _description_match(text: str, descriptions: list[str]) -> bool:
    k = normalize_key(text)
    if len(k) < 20:
        return False
    for d in descriptions:
        dk = normalize_key(d)
        if not dk:
            continue
        if k == dk or (len(dk) > 40 and (k.startswith(dk[:80]) or dk.startswith(k[:80]))):
            return True
        a, b = set(k.split()), set(dk.split())
        if len(a & b) >= 0.8 * max(len(a), len(b)):
            return True
    return False


def find_subtitle(doc: Document) -> Document:
    """The standfirst under the headline becomes the subtitle."""
    ti = doc.flags.get("title_index", -1)
    descriptions = [c.value for c in doc.get("description") if isinstance(c.value, str)]
    start = ti + 1 if ti >= 0 else 0
    window = doc.blocks[start : start + _HEADER_ZONE]
    for b in window:
        if b.role in ("duplicate", "caption", "credit", "media") or (
            b.removed and b.reason in ("repeated-line",)
        ):
            continue
        if b.kind == "heading" or b.kind == "caption":
            if b.level and b.level <= 2 and not descriptions:
                break
            continue
        if descriptions and _description_match(b.text, descriptions):
            doc.mark(b, "subtitle", "standfirst")
            doc.set_field("subtitle", b.text, "standfirst-matches-description")
            return doc
        if descriptions:
            continue
        # no description to compare with: only the block right after the headline, when it
        # stands apart from the body (emphasised, or followed by byline, date or image)
        outside = b.reason in ("before-article", "outside-main-content")
        if (
            ti >= 0
            and 8 <= word_count(b.text) <= 80
            and not b.extra.get("credit")
            and (outside or not b.removed)
        ):
            if doc.format == "html" and not outside:
                break
            nxt = next((x for x in doc.blocks[b.index + 1 :] if x.role != "duplicate"), None)
            apart = b.extra.get("emphasized") or (
                nxt is not None
                and (
                    nxt.role in ("byline", "dateline", "caption", "credit", "media")
                    or nxt.kind == "caption"
                )
            )
            if apart:
                doc.mark(b, "subtitle", "standfirst")
                doc.set_field("subtitle", b.text, "block-after-headline")
                return doc
        break
    return doc


_CONTRIB_RE: re.Pattern[str] | None = None


def _contrib_re() -> re.Pattern[str]:
    global _CONTRIB_RE
    if _CONTRIB_RE is None:
        phrases = sorted(bylines().contributor_phrases, key=len, reverse=True)
        _CONTRIB_RE = re.compile("(" + "|".join(re.escape(p) for p in phrases) + ")", re.IGNORECASE)
    return _CONTRIB_RE


def _is_byline_block(b: Block) -> bool:
    wc = word_count(b.text)
    if wc > 25 or wc == 0:
        return False
    _, had_prefix = strip_byline_prefix(b.text)
    if had_prefix:
        rest = strip_byline_prefix(b.text)[0]
        return (bool(rest.strip()) and rest.strip()[0].isupper()) or bool(
            agency_of(rest.split(",")[0])
        )
    return False


# meta tags describe the page; itemprop="author" also marks the authors of teasers and
# related stories anywhere on it, so it comes last (dev corpus: +1 page, no loss)
_AUTHOR_ORIGIN_RANK = ("json-ld", "meta", "microdata")


def _author_rank(origin: str) -> int:
    for i, o in enumerate(_AUTHOR_ORIGIN_RANK):
        if origin.startswith(o):
            return i
    return len(_AUTHOR_ORIGIN_RANK)


def _is_byline_label(b: Block) -> bool:
    """A line that is only a byline word: "By", "Von", "Author of the article:"."""
    rest, had = strip_byline_prefix(b.text + " ")
    return (had and not rest.strip()) or b.text.strip().casefold().rstrip(":") in _BYLINE_LABELS


_BYLINE_LABELS = frozenset(
    {"author of the article", "author", "authors", "autor", "autorin", "auteur", "written by"}
)


def find_byline(doc: Document) -> Document:
    """Authors, contributors and agencies from structured data and byline lines."""
    persons: list[str] = []
    agencies_found: list[str] = []
    orgs: list[str] = []
    credited: dict[str, str] = doc.flags.setdefault("agency_credits", {})
    origin = ""
    # structured data first (JSON-LD, then meta tags, then microdata): the first origin that
    # names persons gives all of them;
    # agencies and organisations come from the most trusted origin that credits anyone:
    # a meta author naming the site does not join the agency a JSON-LD author names
    credit_rank: int | None = None
    for c in sorted(doc.get("authors"), key=lambda c: _author_rank(c.origin)):
        if isinstance(c.value, tuple):
            name, kind = c.value
        else:
            name, kind = c.value, ""
        if not name or name.startswith("http"):
            continue
        rank = _author_rank(c.origin)
        others = credit_rank is None or rank <= credit_rank
        if "Organization" in kind:
            ag = agency_of(name)
            if not others:
                continue
            if ag:
                agencies_found.append(ag)
                credited.setdefault(ag, name.strip())
            elif name not in orgs:
                orgs.append(name)
            credit_rank = rank
            continue
        credit = parse_byline(name)
        if credit.persons and not persons:
            origin = c.origin
        if origin == c.origin:
            persons.extend(p for p in credit.persons if p not in persons)
        if others:
            agencies_found.extend(a for a in credit.agencies if a not in agencies_found)
            orgs.extend(o for o in credit.organisations if o not in orgs)
            credited.update((k, v) for k, v in credit.credited.items() if k not in credited)
        if credit.persons or credit.agencies or credit.organisations:
            credit_rank = rank if credit_rank is None else min(credit_rank, rank)
    # visible bylines near the top, contributor lines anywhere
    zone_end = _zone_end(doc)
    visible: list[str] = []
    for b in doc.blocks:
        if b.role in ("title", "subtitle"):
            continue
        m = _contrib_re().search(b.text) if word_count(b.text) <= 30 else None
        if m is not None:
            credit = parse_byline(b.text[: m.start()])
            contributors = credit.persons
            if contributors:
                doc.flags.setdefault("contributors", []).extend(contributors)
                doc.mark(b, "byline", "contributor-line")
            continue
        if b.index > zone_end:
            continue
        label_only = b.index > 0 and _is_byline_label(doc.blocks[b.index - 1])
        label_only = label_only or _continues_label_byline(doc, b)
        if _is_byline_block(b) or (label_only and word_count(b.text) <= 12):
            if label_only:
                doc.mark(doc.blocks[b.index - 1], "byline", "byline")
            credit = parse_byline(b.text)
            if credit.persons or credit.agencies or credit.organisations:
                doc.mark(b, "byline", "byline")
                # the persons without an agency glued to the last name (credits stay as read)
                names = parse_byline(_comma_before_agency(b.text)).persons or credit.persons
                tidy = [_tidy_person(p) for p in names]
                visible.extend(p for p in tidy if p not in visible)
                agencies_found.extend(a for a in credit.agencies if a not in agencies_found)
                credited.update((k, v) for k, v in credit.credited.items() if k not in credited)
                orgs.extend(o for o in credit.organisations if o not in orgs)
    # "MDR THÜRINGEN", "VnExpress": a name that opens with the site's own name is the newsroom
    outlet = _outlet_keys(doc)
    for names in (persons, visible):
        for n in [n for n in names if _names_outlet(n, outlet)]:
            names.remove(n)
            if n not in orgs:
                orgs.append(n)
    if not persons and visible:
        persons, origin = visible, "byline-text"
    if not persons:
        linked = _author_links(doc, zone_end)
        if linked:
            persons, origin = linked, "author-link"
    guess = not persons and not _credits_other_than_outlet(doc, agencies_found, orgs)
    if guess and doc.format == "html":
        # guesses, not taken when structured data credits an agency or an organisation
        # other than the site itself: a line of names only under the headline, or the
        # emphasised name that closes the article ("**Jane Doe**")
        named = _name_line(doc)
        if named:
            persons, origin = named, "name-line"
    if not persons and guess:
        dated = _names_by_dateline(doc, zone_end)
        if dated:
            persons, origin = dated, "name-by-dateline"
    if not persons and not orgs and not agencies_found:  # no credit at all so far
        signed = _name_after_body(doc)
        if signed:
            persons, origin = signed, "name-after-body"
    if persons:
        persons = list(dict.fromkeys(_tidy_person(p) for p in persons))
        # "Jane Doe" from one line and "Zeichen" from another: a one-word "name" beside
        # full names is a place or a word, as parse_byline decides within one line
        if any(" " in p for p in persons):
            persons = [p for p in persons if " " in p or p[0].lower() == p[0].upper()]
        doc.set_field("authors", persons, origin or "byline-text")
    if doc.flags.get("contributors"):
        doc.set_field("contributors", doc.flags["contributors"], "contributor-line")
    if agencies_found:
        doc.flags.setdefault("agencies", []).extend(agencies_found)
    if orgs:
        doc.set_field("organisations", orgs, origin or "byline-text")
    return doc


def _only_names(text: str) -> list[str]:
    """The persons of a line that names persons and nothing else ("Jane Doe/John Roe")."""
    if word_count(text) > 12:
        return []
    persons = parse_byline(text).persons
    if not persons or any(" " not in p for p in persons):
        return []
    return persons if _title_key(" ".join(persons)) == _title_key(text) else []


def _name_line(doc: Document) -> list[str]:
    """Persons of a names-only line between headline and body, or of the closing signature.

    The signature is the article's last block, emphasised as a whole ("<p><b>Jane Doe</b>").
    """
    ti: int = doc.flags.get("title_index", -1)
    start = _body_start(doc)
    if 0 <= ti < start:
        for b in doc.blocks[ti + 1 : min(start, ti + 1 + _HEADER_ZONE)]:
            # a linked line is navigation ("Zur Startseite"); author-page links are read apart
            if b.role in (None, "boilerplate") and b.kind == "paragraph" and b.link_density < 0.5:
                names = _only_names(b.text)
                if names:
                    doc.mark(b, "byline", "name-line")
                    return names
    last = next((b for b in reversed(doc.blocks) if not b.removed and b.role is None), None)
    if last is None:
        return []
    # the signature closes the text, or was cut off just after it as the page's rest
    after = doc.blocks[last.index + 1 : last.index + 2]
    for b in [last] + [x for x in after if x.reason == "after-article"]:
        # an all-capitals bold line closing the text reads as a heading, not a signature
        if b.extra.get("emphasized") and not b.text.isupper():
            names = _only_names(b.text)
            if names:
                doc.mark(b, "byline", "author-signature")
                return names
    return []


def _outlet_keys(doc: Document) -> set[str]:
    """Comparison keys of the publishing site's names: publisher names, host, host stem."""
    outlet = {normalize_key(c.value) for c in doc.get("publisher") if isinstance(c.value, str)}
    host = _domain(doc)
    if host:
        outlet |= {normalize_key(host), normalize_key(host.split(".")[0])}
    # a one- or two-letter key ("n" of n-tv.de) would match initials, not a site's name
    return {o for o in outlet if len(o) >= 3}


def _names_outlet(name: str, outlet: set[str]) -> bool:
    """True when ``name`` is the site's name or opens with it ("MDR THÜRINGEN" on mdr.de).

    Only at the start: a surname that happens to be the site's name ("Anna Welt") stays.
    """
    key = normalize_key(name)
    return any(key == o or key.startswith(o + " ") for o in outlet)


def _credits_other_than_outlet(doc: Document, agencies_found: list[str], orgs: list[str]) -> bool:
    """True when an agency or an organisation other than the publishing site is credited."""
    if agencies_found:
        return True
    outlet = _outlet_keys(doc)
    return any(normalize_key(o) not in outlet for o in orgs)


# a link or label glued to the name by a copy that dropped the space: "Jane DoeTwitter";
# three lower-case letters before the capital keep "McDonald", "MacKenzie", "DeShawn"
_GLUED_TAIL = re.compile(r"(?<=[^\W\d_A-Z]{3})[A-Z][^\W\d_A-Z]{2,}$")


def _tidy_person(name: str) -> str:
    """A byline name without what a page copy glued to it: "Jane Doe ¶ Editor", "Jane DoeNews"."""
    name = name.split(" ¶ ")[0].strip()
    tokens = name.split()
    if len(tokens) >= 2:
        last = _GLUED_TAIL.sub("", tokens[-1])
        if last:
            tokens[-1] = last
    if len(tokens) >= 3 and match_phrase(tokens[-1]):  # "Jane Doe Twitter": a share link
        tokens.pop()
    return " ".join(tokens)


def _continues_label_byline(doc: Document, b: Block) -> bool:
    """A second name line under "Von" / "Jasper Riemann": the label's byline goes on."""
    if b.index < 2 or word_count(b.text) > 4:
        return False
    prev, label = doc.blocks[b.index - 1], doc.blocks[b.index - 2]
    return (
        prev.role == "byline"
        and label.role == "byline"
        and _is_byline_label(label)
        and _is_name(b.text.split(), _Body(doc))
    )


def _comma_before_agency(text: str) -> str:
    """ "By Jane Doe The Associated Press" with a comma before the agency the copy glued on."""
    low = text.casefold().rstrip(" .")
    for spelling in _long_agency_spellings():
        if not low.endswith(" " + spelling):
            continue
        cut = len(low) - len(spelling)
        head = strip_byline_prefix(text[:cut])[0]
        # a name before the agency, joined without a separator
        if word_count(head) >= 2 and head.rstrip()[-1:].isalpha():
            return text[:cut].rstrip() + ", " + text[cut:].strip()
        return text
    return text


@cache
def _long_agency_spellings() -> tuple[str, ...]:
    """Agency spellings of two words or more ("the associated press"), longest first."""
    return tuple(sorted((n for n in agencies().names if " " in n), key=len, reverse=True))


def _zone_end(doc: Document) -> int:
    """Last block index of the article's header: after the title and the body's start."""
    ti: int = doc.flags.get("title_index", -1)
    return max(ti, _body_start(doc)) + _HEADER_ZONE


_SEGMENT = re.compile(r"\s*\|\s*|\s[/•·]\s|\s{2,}|\s¶\s")
# the rest of a name line: a role ("Deputy Content Hub Director") or the reading time
_READ_TIME = re.compile(r"^\d{1,3}\s*(?:min|mins|minutes?|minuten|minutos|minuti)\b", re.I)
_ROLE_EXTRA = frozenset({"director", "head", "chief", "redaktionsleiter", "redaktionsleiterin"})
_PARTICLES = frozenset(
    {"van", "der", "den", "de", "del", "da", "dos", "von", "zu", "la", "le", "di"}
)
# "Published 4 hours ago", "3h ago", "vor 3 Stunden": a dateline without a date
_RELATIVE_TIME = re.compile(
    r"\b\d{1,3}\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|[smhd])\s+ago\b"
    r"|\bvor\s+\d{1,3}\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten)\b"
    r"|\b\d{1,3}\s+(?:minutes?|hours?|days?)\s*$"  # "Jane Doe 7 hours"
    r"|\b(?:heute|gestern|today|yesterday|aujourd'hui|hoy|ayer|oggi|ieri)\b\W{0,3}"
    r"(?:um|at|à|a las|alle)?\s*\d{1,2}[:.h]\d{2}",  # "Publiziert heute um 12:19 Uhr"
    re.IGNORECASE,
)
_TIME_WORD = re.compile(r"^(?:uhr|h|[ap]\.?m\.?)(?!\w)", re.IGNORECASE)
_GLUED_BY = re.compile(r"^\s*by(?=[A-Z])")  # "byJane Doe": a copy dropped the space
_PREFIX_COLON = re.compile(r"^\s*(\w{2,4}):\s*")  # "Von: Jane Doe"
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w'’.-]*)$")


def _role_words() -> frozenset[str]:
    return frozenset(w for r in bylines().roles for w in r.split()) | _ROLE_EXTRA


def _is_name(tokens: list[str], body: _Body) -> bool:
    """Two to four capitalised tokens (particles aside) that the body does not use.

    A name the body repeats ("Donald Trump", "South Africa") is its subject, not its author.
    """
    core = [t for t in tokens if t.casefold() not in _PARTICLES]
    if not 2 <= len(core) <= 4 or len(tokens) > 5:
        return False
    # capitalised, or in a script without case
    if not all(
        _NAME_TOKEN.match(t) and (t[0].isupper() or t[0].lower() == t[0].upper()) for t in core
    ):
        return False
    if any(t.casefold() in _role_words() for t in core) or match_phrase(" ".join(tokens)):
        return False
    if any(match_phrase(t) for t in core):  # "Teilen Twittern Senden", "Primary Menu"
        return False
    # "Current Issue", "Federal Politics": capitalised words the body uses in lower case
    if sum(1 for t in core if t.casefold() in body.lower_words) * 2 >= len(core):
        return False
    # calibrated on the dev corpus: an author's name can appear in one paragraph (a bio line,
    # a caption read as text), the subject's name in several
    name = " ".join(tokens).casefold()
    return sum(1 for p in body.paras if name in p) < 2


def _leading_name(text: str, body: _Body) -> str | None:
    """The person a name line credits: "Jane Doe", "Jane Doe Deputy Editor", "Jane Doe 2 min read"."""
    text = strip_byline_prefix(_GLUED_BY.sub("", _PREFIX_COLON.sub(r"\1 ", text)))[0]
    tokens = text.split()
    # "Kolumne von Jane Doe", "Analysis by Jane Doe": a genre word before the byline word
    if len(tokens) >= 3 and strip_byline_prefix(" ".join(tokens[1:]))[1]:
        text = strip_byline_prefix(" ".join(tokens[1:]))[0]
        tokens = text.split()
    if is_org(text):
        return None
    if _is_name(tokens, body):
        return " ".join(tokens)
    roles = _role_words()
    for n in (2, 3):
        rest = tokens[n:]
        if not rest or not _is_name(tokens[:n], body):
            continue
        rest_text = " ".join(rest)
        if _READ_TIME.match(rest_text) or any(t.casefold().strip(".,") in roles for t in rest):
            return " ".join(tokens[:n])
    return None


class _Body:
    """The body's words and prose paragraphs, computed on first use (most pages never ask)."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc

    @cached_property
    def _prose(self) -> list[str]:
        return [
            b.text
            for b in self._doc.blocks
            if not b.removed and b.role is None and word_count(b.text) >= 8
        ]

    @cached_property
    def lower_words(self) -> set[str]:
        """Words the body writes in lower case."""
        return {w for t in self._prose for w in _LETTERS.findall(t) if w[0].islower()}

    @cached_property
    def paras(self) -> list[str]:
        """Prose paragraphs, casefolded; photo credits left out (they name the author)."""
        return [" ".join(t.split()).casefold() for t in self._prose if not _creditish(t)]


_LETTERS = re.compile(r"\b[^\W\d_]+\b")


def _names_by_dateline(doc: Document, zone_end: int) -> list[str]:
    """Persons named in a dateline ("Jane Doe / Site / Sep 2, 2024") or on a line beside it.

    Beside it means within two lines (blank "*" lines aside), the name alone or followed by a
    role or the reading time; names whose words the body uses in lower case are not names.
    """
    blocks = doc.blocks[: zone_end + 1]
    body = _Body(doc)
    out: list[str] = []
    for i, b in enumerate(blocks):
        if word_count(b.text) > 25:
            continue
        spans = [(h.start, h.end) for h in find_dates(b.text)]
        spans += [m.span() for m in _RELATIVE_TIME.finditer(b.text)]
        if not spans:
            continue
        spans.sort()
        # "Jane Doe, 26.04.2024 10:00": the text before the date, then the segments
        head = b.text[: spans[0][0]].strip(" ,;:|–—-")
        # "28. April 2024, 14:26 Uhr, Jane Doe"
        tail = _TIME_WORD.sub("", b.text[spans[-1][1] :].strip(" ,;:|–—-")).strip(" ,;:|–—-")
        segs = [x for x in (head, tail) if x] + _SEGMENT.split(b.text)
        for seg in segs:
            if not find_dates(seg) and not _RELATIVE_TIME.search(seg):
                name = _leading_name(seg.strip(), body)
                if name and name not in out:
                    out.append(name)
        near = [x for x in blocks[max(0, i - 6) : i + 7] if x.reason != "no-words"]
        at = near.index(b)
        for step in (-1, 1):
            # two lines either way, and on along a run of name lines (a list of authors)
            found_prev = False
            for dist in range(1, 6):
                j = at + step * dist
                if not 0 <= j < len(near) or (dist > 2 and not found_prev):
                    break
                nb = near[j]
                lo, hi = sorted((nb.index, b.index))
                if any(x.role == "title" for x in blocks[lo:hi]):
                    break  # the headline stands between them: the line belongs to the page above
                name = _neighbour_name(nb, body)
                found_prev = name is not None
                if name and name not in out:
                    out.append(name)
        if out:
            return out[:4]
    return out


def _neighbour_name(nb: Block, body: _Body) -> str | None:
    """The name on a line beside a dateline, if the line is a name line."""
    if nb.role in ("title", "subtitle", "caption", "credit", "media") or nb.kind == "caption":
        return None
    if word_count(nb.text) > 8 or find_dates(nb.text):
        return None
    return _leading_name(nb.text.strip(), body)


def _name_after_body(doc: Document) -> list[str]:
    """A name line right after the article's last paragraph: the author signing off.

    Sites in several languages print the author's name under the text instead of above it.
    """
    last = max((b.index for b in doc.blocks if not b.removed and b.role is None), default=-1)
    if last < 0:
        return []
    body = _Body(doc)
    b = next((x for x in doc.blocks[last + 1 :] if x.reason != "no-words"), None)
    # the first line under the text, plain text (not a link, menu or teaser), "Jane Doe"
    if b is None or b.reason != "after-article" or word_count(b.text) > 5:
        return []
    tokens = strip_byline_prefix(b.text.strip())[0].split()
    # written as a name ("Jane Doe", "Lê Phương"), not in capitals ("AP NEWS", "VIDEO")
    if not all(t[:1].isupper() and not t[1:].isupper() for t in tokens):
        return []
    return [" ".join(tokens)] if _is_name(tokens, body) else []


def _author_links(doc: Document, zone_end: int) -> list[str]:
    """Names of links to author pages near the top of the article."""
    out: list[str] = []
    seen_els: set[Any] = set()
    for b in doc.blocks[: zone_end + 1]:
        if b.role in ("navigation", "footer"):
            continue
        el = b.extra.get("el")
        if el is None or el in seen_els:
            continue
        seen_els.add(el)
        for text in author_links(el):
            for p in parse_byline(text).persons:
                if p not in out and not match_phrase(p):  # "Bluesky": a profile link
                    out.append(p)
    return out[:6]


_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|-)")


def find_dates_stage(doc: Document) -> Document:
    """Published and updated: structured data first, then datelines, then the URL."""
    order = ("json-ld", "meta", "html:time")

    def rank(origin: str) -> int:
        for i, o in enumerate(order):
            if origin.startswith(o):
                return i
        return len(order)

    for field in ("published", "updated"):
        best: tuple[int, Any, str] | None = None
        for c in doc.get(field):
            v = parse_iso(c.value) if isinstance(c.value, str) else None
            if v is None and isinstance(c.value, str):
                hits = find_dates(c.value)
                v = hits[0].value if hits else None
            if v is None:
                continue
            r = rank(c.origin)
            if best is None or r < best[0]:
                best = (r, v, c.origin)
        if best is not None:
            doc.set_field(field, best[1], best[2])
    # visible datelines near the top
    ti = doc.flags.get("title_index", -1)
    # datelines sit just above or below the headline, or between it and the body
    start = _body_start(doc)
    zone = _below_title_first(
        doc.blocks[max(0, min(ti if ti >= 0 else 10**9, start) - 6) : _zone_end(doc) + 1],
        ti,
        start,
    )
    month_first = False
    for b in zone:
        # an embedded post's date is the post's, not the article's
        if b.role in ("title", "subtitle", "media") or word_count(b.text) > 20:
            continue
        hits = find_dates(b.text, month_first=month_first)
        if not hits:
            continue
        covered = sum(h.end - h.start for h in hits)
        labelled = bool(_PUBLISHED_LABEL.search(b.text[: hits[0].start + 1]))
        if covered < 0.3 * len(b.text) and b.role != "byline" and not labelled:
            continue
        if b.role != "byline":
            doc.mark(b, "dateline", "dateline")
        for h in hits:
            field = "updated" if h.updated else "published"
            if field not in doc.fields or _refines(doc.fields[field][0], h.value):
                doc.set_field(field, h.value, "dateline-text")
        if "published" in doc.fields:
            break
    if "published" not in doc.fields:
        # a bare dateline anywhere after the headline (some pages print it under the article)
        for b in doc.blocks[max(0, ti) :]:
            if word_count(b.text) > 10 or b.role in ("title", "subtitle"):
                continue
            hits = find_dates(b.text)
            if hits and sum(h.end - h.start for h in hits) >= 0.5 * len(b.text):
                doc.set_field("published", hits[0].value, "dateline-text")
                if not b.removed or b.reason in ("after-article", "before-article"):
                    doc.mark(b, "dateline", "dateline")
                break
    if "published" not in doc.fields:
        for url in [doc.url, *(c.value for c in doc.get("canonical_url"))]:
            m = _URL_DATE.search(url or "")
            if m:
                try:
                    doc.set_field("published", date(int(m[1]), int(m[2]), int(m[3])), "url")
                    break
                except ValueError:
                    continue
    return doc


def _below_title_first(zone: list[Block], ti: int, start: int) -> list[Block]:
    """The dateline zone in search order: between headline and body, above it, in the body.

    A teaser of another story above the headline can carry its own date, so the header
    under the headline comes first; dates in the first paragraphs come last.
    """
    if ti < 0:
        return zone
    header = [b for b in zone if ti < b.index < start]
    above = [b for b in zone if b.index <= ti]
    return header + above + [b for b in zone if b.index >= start and b.index > ti]


_PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|updated|veröffentlicht|erschienen|aktualisiert|stand|publié|"
    r"mis à jour|publicado|actualizado|pubblicato|gepubliceerd|opublikowano|yayınlanma|"
    r"publisert|publicerad|udgivet)\b",
    re.IGNORECASE,
)


def _refines(old: Any, new: Any) -> bool:
    """A visible date with a time refines a structured date-only value of the same day."""
    return type(old) is date and isinstance(new, datetime) and new.date() == old


_SIGNOFF = re.compile(
    r"^\s*(?:[a-zäöü]{1,4}\s*/\s*)*[a-zäöü]{1,4}\s*\(([^)]{2,60})\)?\s*$", re.IGNORECASE
)
_DATELINE_AGENCY = re.compile(r"^[^()]{0,60}\(([A-Za-z][\w ./-]{1,30})\)\s*[-–—:]")
_ORIGINAL_URL = re.compile(
    r"^\s*(?:original(?:\s+url|\s+article|ly published)?|source|quelle|fuente|source originale)\s*:\s*(.*)$",
    re.IGNORECASE,
)
_URL_IN = re.compile(r"<?(https?://[^\s>]+)>?")
_COPYRIGHT_OWNER = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(.{2,80}?)\s*"
    r"(?:,?\s*(?:company|inc\.?|ltd\.?|llc|gmbh(?:\s*&\s*co\.?\s*kg)?|ag|s\.a\.|plc|group|corporation))?"
    r"\.?(?:\s+all rights reserved\.?)?\s*$",
    re.IGNORECASE,
)


def _attributions(text: str) -> list[str]:
    """Outlets the text says it is based on: "The New York Times reported", "according to X"."""
    words = bylines().organisation_words
    out: list[str] = []
    for m in re.finditer(r"((?:The |the )?(?:[A-Z][\w&'’-]*\s){0,4}[A-Z][\w&'’-]*)", text[:3000]):
        name = m.group(1).strip()
        toks = name.split()
        if not toks or toks[-1].casefold() not in words or len(toks) < 2:
            continue
        around = text[max(0, m.start() - 40) : m.end() + 40].casefold()
        if any(v in around for v in bylines().attribution_verbs):
            name = name[0].upper() + name[1:]
            if name.casefold().startswith("the "):
                name = "The " + name[4:]
            out.append(name)
    return out


_SOURCE_WORD = re.compile(r"^\s*(?:quelle|source|fuente|fonte|bron)\s*:\s*", re.IGNORECASE)


def _agency_lines(doc: Document) -> list[str]:
    """Agencies credited by a line of their own in the article: "dpa", "Quelle: dpa".

    Only lines from the headline to just after the body's end, and only when no person or
    organisation is credited (a staff article that quotes an agency photo stays the staff's).
    """
    if doc.fields.get("authors") or doc.fields.get("organisations"):
        return []
    live = [b.index for b in doc.blocks if not b.removed and b.role is None]
    if not live:
        return []
    lo = max(0, doc.flags.get("title_index", -1))
    out: list[str] = []
    for b in doc.blocks[lo : live[-1] + 3]:
        text = _SOURCE_WORD.sub("", b.text).strip()
        if word_count(text) > 3 or (b.kind == "caption" and not _SOURCE_WORD.match(b.text)):
            continue
        ag = (agency_of(text) or agency_of(text.split()[0])) if text else None
        if ag and ag not in out:
            out.append(ag)
    return out


_WITH_AGENCY = re.compile(r"^\s*(?:mit|with|avec|con)\s+", re.IGNORECASE)  # "mit dpa"


def _mark_agency_lines(doc: Document) -> None:
    """A body line that only names an agency ("dpa", "Quelle: dpa", "Bron: BELGA") is a credit."""
    for b in doc.blocks:
        if b.removed or b.kind == "heading":
            continue
        text = _WITH_AGENCY.sub("", _SOURCE_WORD.sub("", b.text)).strip(" .")
        if text and word_count(text) <= 3 and agency_of(text):
            doc.mark(b, "source", "agency-line")


def find_source(doc: Document) -> Document:
    """Publisher, canonical URL, agencies (sign-offs, datelines), attribution, section, language."""
    found_agencies: list[str] = list(doc.flags.get("agencies", []))
    blocks = doc.blocks
    for i, b in enumerate(blocks):
        m = _SIGNOFF.match(b.text)
        if m and (b.removed is False or b.reason in ("after-article", "outside-main-content")):
            codes = [agency_of(p) for p in re.split(r"[,/;]", m.group(1))]
            codes_ok = [c for c in codes if c]
            if codes_ok:
                doc.mark(b, "signoff", "agency-signoff")
                found_agencies.extend(c for c in codes_ok if c not in found_agencies)
                continue
        m2 = _ORIGINAL_URL.match(b.text)
        if m2:
            rest = m2.group(1)
            url_m = _URL_IN.search(rest)
            if not url_m and i + 1 < len(blocks):
                url_m = _URL_IN.fullmatch(blocks[i + 1].text.strip())
                if url_m:
                    doc.mark(blocks[i + 1], "source", "original-url")
            if url_m:
                doc.add("canonical_url", url_m.group(1).rstrip(").,"), "original-url-text")
                doc.mark(b, "source", "original-url")
                continue
        if b.reason == "copyright-line":
            mm = _COPYRIGHT_OWNER.match(b.text)
            if mm and mm.group(1):
                owner = mm.group(1).strip(" ,.")
                if owner and word_count(owner) <= 6:
                    doc.add("publisher", owner, "copyright-line")
    found_agencies.extend(a for a in _agency_lines(doc) if a not in found_agencies)
    _mark_agency_lines(doc)
    first_body = next((b for b in blocks if not b.removed and b.role is None), None)
    if first_body is not None:
        m3 = _DATELINE_AGENCY.match(first_body.text)
        if m3:
            ag = agency_of(m3.group(1))
            if ag and ag not in found_agencies:
                found_agencies.append(ag)
    attributed: list[str] = []
    body_text = " ".join(b.text for b in blocks if not b.removed)
    for name in _attributions(body_text):
        key = normalize_key(name).removeprefix("the ")
        if not any(normalize_key(a).removeprefix("the ") == key for a in attributed):
            attributed.append(name)
    if found_agencies:
        doc.set_field("agencies", found_agencies, "byline-or-signoff")
        # as the page credits them; a sign-off code ("afp, rtre") keeps the canonical name
        credited = doc.flags.get("agency_credits", {})
        doc.set_field(
            "agency_credits", [credited.get(a, a) for a in found_agencies], "byline-or-signoff"
        )
    if attributed:
        doc.set_field("attributed_to", attributed, "body-text")
    # canonical URL and domain
    order = ("link:canonical", "meta:og:url", "json-ld:url", "original-url-text")
    cands = sorted(
        doc.get("canonical_url"), key=lambda c: order.index(c.origin) if c.origin in order else 9
    )
    for c in cands:
        if isinstance(c.value, str) and c.value.startswith(("http://", "https://")):
            doc.set_field("canonical_url", c.value, c.origin)
            break
    else:
        if doc.url:
            doc.set_field("canonical_url", doc.url, "url-argument")
    dom = _domain(doc)
    if dom:
        doc.set_field("domain", dom, "canonical-url")
    # publisher
    porder = ("meta:og:site_name", "json-ld:publisher", "meta:application-name", "copyright-line")
    pubs = sorted(
        doc.get("publisher"), key=lambda c: porder.index(c.origin) if c.origin in porder else 9
    )
    if pubs:
        doc.set_field("publisher", pubs[0].value, pubs[0].origin)
    _section(doc)
    _language(doc)
    return doc


def _section(doc: Document) -> None:
    for c in doc.get("section"):
        if isinstance(c.value, str) and 0 < word_count(c.value) <= 5:
            doc.set_field("section", c.value, c.origin)
            return
    if doc.tree is None:
        return
    for a in doc.tree.iter("a"):
        href = a.get("href") or ""
        if re.search(
            r"/(?:section|sections|category|categories|rubrik|ressort|themen)/[\w-]+/?$", href
        ):
            text = " ".join(text_of(a).split())
            if 0 < word_count(text) <= 3:
                doc.set_field("section", text, "section-link")
                return


_STOP: dict[str, frozenset[str]] | None = None


def _language(doc: Document) -> None:
    for c in doc.get("language"):
        if isinstance(c.value, str) and re.match(
            r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$", c.value
        ):
            doc.set_field("language", c.value.replace("_", "-").split("-")[0].lower(), c.origin)
            return
    global _STOP
    if _STOP is None:
        import json
        from importlib import resources

        data = json.loads(
            resources.files("newsclean").joinpath("data/stopwords.json").read_text("utf-8")
        )
        _STOP = {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}
    words = re.findall(
        r"\w+", " ".join(b.text for b in doc.blocks if not b.removed)[:5000].casefold()
    )
    if len(words) < 20:
        return
    counts = {lang: sum(1 for w in words if w in sw) for lang, sw in _STOP.items()}
    lang, n = max(counts.items(), key=lambda kv: kv[1])
    if n >= 0.08 * len(words):
        doc.set_field("language", lang, "stopword-guess")


def is_org(name: str) -> bool:
    """Organisation or agency (re-exported for the assembler)."""
    return is_organisation(name) or agency_of(name) is not None
