"""Source: agency sign-offs, original-URL footers, publisher, canonical URL, attribution, section, language.

Each stage records the value it settles on with its origin (``doc.set_field``) and marks the
blocks whose text went into metadata.
"""

from __future__ import annotations

import re
from functools import cache

from ..document import KEPT_ROLES, Document
from ..names import agency_of
from ..readers.html import text_of
from ..rules import COPYRIGHT_OPEN, RIGHTS_RESERVED, bylines, stopwords
from ..textutil import normalize_key, word_count
from ._shared import (
    site_domain,
)

__all__ = ["find_source"]


_SIGNOFF = re.compile(
    r"^\s*(?:[a-zäöü]{1,4}\s*/\s*)*[a-zäöü]{1,4}\s*\(([^)]{2,60})\)?\s*$", re.IGNORECASE
)


_DATELINE_AGENCY = re.compile(r"^[^()]{0,60}\(([A-Za-z][\w ./-]{1,30})\)\s*[-–—:]")


_ORIGINAL_URL = re.compile(
    r"^\s*(?:original(?:\s+url|\s+article|ly published)?|source|quelle|fuente|source originale)\s*:\s*(.*)$",
    re.IGNORECASE,
)


_URL_IN = re.compile(r"<?(https?://[^\s>]+)>?")


# a copyright notice up to its owner: "©", "Copyright", both, and a year or a span of years
# (the opening is the boilerplate stage's COPYRIGHT_OPEN, which made the line a copyright line)
_NOTICE_HEAD = re.compile(
    COPYRIGHT_OPEN
    + r"(?:\s*(?:©|\(c\)|copyright\b))*\s*(?:(?:19|20)\d{2}(?:\s*[-–—]\s*(?:19|20)\d{2})?\s*)?",
    re.IGNORECASE,
)
# where the owner's name ends: ", a division of …" (a comma before a lower-case word: not
# "Doe, Roe & Co."), ". All rights reserved", " - Established", a year after the name
# ("Example Verlag GmbH 2026")
_OWNER_END = re.compile(
    r",\s*(?=(?-i:[a-z]))|\.\s|\.$|\s[-–—|]\s|\s(?:19|20)\d{2}\b|" + RIGHTS_RESERVED, re.IGNORECASE
)
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_LEGAL_FORM = re.compile(
    r"[\s,]+(?:company|inc\.?|ltd\.?|limited|llc|gmbh(?:\s*&\s*co\.?(?:\s*kg)?)?|ag|s\.a\.?|plc|"
    r"n\.v\.?|b\.v\.?|corporation|corp\.?)\s*$",
    re.IGNORECASE,
)


def _copyright_owner(text: str) -> str | None:
    """Who a copyright notice names ("© 2024 Example Media Inc. All rights reserved.").

    None when the notice names no one plausibly the publisher: more than six words, a name
    that does not start with a capital ("an Example Media company") and is no domain, or a
    news agency (its notice credits the agency's copy, not the page's publisher).
    """
    m = _NOTICE_HEAD.match(text)
    if m is None:
        return None
    rest = text[m.end() :].lstrip(" -–—|:")  # "© 2024 - example.com"
    end = _OWNER_END.search(rest)
    owner = (rest[: end.start()] if end else rest).strip(" .,:;")
    owner = _LEGAL_FORM.sub("", owner).strip(" .,")
    if not owner or word_count(owner) > 6 or agency_of(owner):
        return None
    if owner[0].isalpha() and not owner[0].isupper() and not _DOMAIN.fullmatch(owner):
        return None  # ("an Example Media company"; "example.com" is a name)
    return owner


#: a run of one to five capitalised words, after an optional "The "/"the ": the
#: ``((?:The |the )?(?:W\s){0,4}W)`` this code first had (W a capitalised word), written so
#: that the regex engine can skip positions. Every match starts with "T", "t" or a capital:
#: the lookahead says so up front, and the run written as W(\sW){0,4} has the same matches (a
#: word W takes its whole run of word characters, which never hold a space). On the body
#: texts of the dev corpus: 0.067 against 0.21 ms a page; tests/test_fastpaths.py compares
#: the two patterns' matches.
_NAME_RUN = re.compile(r"(?=[A-Zt])((?:The |the )?[A-Z][\w&'’-]*(?:\s[A-Z][\w&'’-]*){0,4})")


def _attributions(text: str) -> list[str]:
    """Outlets the text says it is based on: "The New York Times reported", "according to X"."""
    words = bylines().organisation_words
    out: list[str] = []
    for m in _NAME_RUN.finditer(text[:3000]):
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
_WITH_AGENCY = re.compile(r"^\s*(?:mit|with|avec|con)\s+", re.IGNORECASE)  # "mit dpa"


def _agency_only(text: str, *, first_word: bool = False) -> str | None:
    """The agency a line of at most three words credits ("dpa", "Quelle: dpa", "mit dpa").

    ``first_word`` also accepts a line that opens with the agency ("dpa/lnw").
    """
    # the two prefixes remove one word each at most: a longer line cannot come down to three
    # (word_count is cached; the body's lines, ~150 a page, skip the two substitutions)
    if word_count(text) > 5:
        return None
    rest = _WITH_AGENCY.sub("", _SOURCE_WORD.sub("", text)).strip(" .")
    if not rest or word_count(rest) > 3:
        return None
    return agency_of(rest) or (agency_of(rest.split()[0]) if first_word else None)


def _agency_lines(doc: Document) -> list[str]:
    """Agencies credited by a line of their own in the article: "dpa", "Quelle: dpa".

    Only lines from the headline to just after the body's end, and only when no person or
    organisation is credited (a staff article that quotes an agency photo stays the staff's).
    """
    if doc.fields.get("authors") or doc.fields.get("organisations"):
        return []
    live = [b.index for b in doc.blocks if b.role is None]
    if not live:
        return []
    lo = max(0, doc.flags.get("title_index", -1))
    out: list[str] = []
    for b in doc.blocks[lo : live[-1] + 3]:
        if b.kind == "caption" and not _SOURCE_WORD.match(b.text):
            continue
        ag = _agency_only(b.text, first_word=True)
        if ag and ag not in out:
            out.append(ag)
    return out


def _mark_agency_lines(doc: Document) -> None:
    """A body line that only names an agency ("dpa", "Quelle: dpa", "Bron: BELGA") is a credit."""
    for b in doc.blocks:
        if b.role in KEPT_ROLES and b.kind != "heading" and _agency_only(b.text):
            doc.mark(b, "source", "agency-line")


def find_source(doc: Document) -> Document:
    """Publisher, canonical URL, agencies (sign-offs, datelines), attribution, section, language."""
    found_agencies: list[str] = list(doc.flags.get("agencies", []))
    blocks = doc.blocks
    owner: str | None = None
    for i, b in enumerate(blocks):
        # (each pattern needs a character most blocks lack: "(" and ":" are tested first)
        m = _SIGNOFF.match(b.text) if "(" in b.text else None
        if m and (b.role in KEPT_ROLES or b.reason in ("after-article", "outside-main-content")):
            codes = [agency_of(p) for p in re.split(r"[,/;]", m.group(1))]
            codes_ok = [c for c in codes if c]
            if codes_ok:
                doc.mark(b, "signoff", "agency-signoff")
                found_agencies.extend(c for c in codes_ok if c not in found_agencies)
                continue
        m2 = _ORIGINAL_URL.match(b.text) if ":" in b.text else None
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
            owner = _copyright_owner(b.text) or owner
    # of several copyright notices the last is the page footer's (the first may be a
    # syndicated story's: "© 2026 Agence France-Presse" above "© 2026 Example News")
    doc.add("publisher", owner, "copyright-line")
    found_agencies.extend(a for a in _agency_lines(doc) if a not in found_agencies)
    _mark_agency_lines(doc)
    first_body = next((b for b in blocks if b.role is None), None)
    if first_body is not None:
        m3 = _DATELINE_AGENCY.match(first_body.text)
        if m3:
            ag = agency_of(m3.group(1))
            if ag and ag not in found_agencies:
                found_agencies.append(ag)
    attributed: list[str] = []
    body_text = " ".join(b.text for b in blocks if b.role in KEPT_ROLES)
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
    dom = site_domain(doc)
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


_SECTION_HREF = re.compile(
    r"/(?:section|sections|category|categories|rubrik|ressort|themen)/[\w-]+/?$"
)
# a substring of each alternative of _SECTION_HREF (which is case-sensitive)
_SECTION_WORDS = ("section", "categor", "rubrik", "ressort", "themen")


def _section(doc: Document) -> None:
    for c in doc.get("section"):
        if isinstance(c.value, str) and 0 < word_count(c.value) <= 5:
            doc.set_field("section", c.value, c.origin)
            return
    if doc.tree is None:
        return
    for a in doc.tree.iter("a"):
        href = a.get("href") or ""
        # (every link of a page without a section candidate: the words first, in C)
        if any(map(href.__contains__, _SECTION_WORDS)) and _SECTION_HREF.search(href):
            text = " ".join(text_of(a).split())
            if 0 < word_count(text) <= 3:
                doc.set_field("section", text, "section-link")
                return


# letters of a script that one language (or a family told apart by a few letters) writes in
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ja", re.compile("[\u3040-\u30ff]")),  # hiragana, katakana (Japanese also uses kanji)
    ("ko", re.compile("[\uac00-\ud7af\u1100-\u11ff]")),
    ("zh", re.compile("[\u4e00-\u9fff]")),  # Han with no kana: Chinese
    ("th", re.compile("[\u0e00-\u0e7f]")),
    ("hi", re.compile("[\u0900-\u097f]")),  # Devanagari (Marathi and Nepali share it)
    ("bn", re.compile("[\u0980-\u09ff]")),
    ("ta", re.compile("[\u0b80-\u0bff]")),
    ("el", re.compile("[\u0370-\u03ff]")),
    ("he", re.compile("[\u0590-\u05ff]")),
    ("ar", re.compile("[\u0600-\u06ff]")),
    ("ka", re.compile("[\u10a0-\u10ff]")),
    ("hy", re.compile("[\u0530-\u058f]")),
    ("ru", re.compile("[\u0400-\u04ff]")),
)
# Cyrillic and Arabic letters that only some of the languages written in them use
_CYRILLIC = (("uk", re.compile("[іїєґІЇЄҐ]")), ("sr", re.compile("[ђћџљњјЂЋЏЉЊЈ]")))
_PERSIAN = re.compile("[پچژگ]")
_URDU = re.compile("[ٹڈڑںے]")
_LETTER = re.compile(r"[^\W\d_]")
# every telling script above lies past Latin and its extensions
_PAST_LATIN = re.compile("[\u0370-\uffff]")
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def _script_language(sample: str) -> str | None:
    """The language a text's letters tell, when a third of them are in one telling script."""
    letters = len(_LETTER.findall(sample))
    # one scan settles Latin-script text (nearly every page) before one scan per script
    if letters < 40 or len(_PAST_LATIN.findall(sample)) < 0.05 * letters:
        return None
    for lang, pattern in _SCRIPTS:
        n = len(pattern.findall(sample))
        if lang == "ja" and n >= 0.05 * letters:  # a few kana among kanji
            return "ja"
        if lang != "ja" and n >= letters / 3:
            if lang == "ru":
                return next((x for x, p in _CYRILLIC if p.search(sample)), "ru")
            if lang == "ar":
                return "ur" if _URDU.search(sample) else "fa" if _PERSIAN.search(sample) else "ar"
            return lang
    return None


# a declared language is checked against the text when its function words are listed. The
# declaration is a template's, not the text's, when the text has under 1 % of its function
# words, or another language has 4 times as many (and 4 % of the words). Development corpus
# (HTML pages declaring a listed language): the text's own language gives 4.9 % (Turkish) to
# 30 % of the words, and no other language more than 0.9 times as many; the five pages whose
# template declares "en" over Swahili, Xhosa or Zulu text give 0.0 %. A German text gives 1-3 %
# English function words ("in", "will"), so the share alone would not catch it.
_DECLARED_MIN_SHARE = 0.01
_DECLARED_OUTNUMBERED = 4.0
# a clear guess: 4 % of the words and 1.2 times the runner-up's count (development corpus,
# markdown and text shapes: 290 of 304 pages right, 2 wrong, the rest left without a guess;
# Turkish and Vietnamese bodies are 5-7 % function words of these lists)
_GUESS_MIN_SHARE = 0.04
_GUESS_MARGIN = 1.2
_DECLARED_MIN_WORDS = 50  # fewer words than this cannot contradict a declaration
_STOPWORD_LISTS = {"nb": "no", "nn": "no"}  # declared tags whose function words are another's


def _language(doc: Document) -> None:
    sample = " ".join(b.text for b in doc.blocks if b.role in KEPT_ROLES)[:5000]
    for c in doc.get("language"):
        if isinstance(c.value, str) and _LANG_TAG.match(c.value):
            declared = c.value.replace("_", "-").split("-")[0].lower()
            listed = _STOPWORD_LISTS.get(declared, declared)
            # ~150 words tell a language apart; the check runs on every page that declares one
            # (0.06 ms a page)
            if listed in stopwords() and _text_denies(*_function_words(sample[:1000]), listed):
                doc.notes.append(
                    f"language {declared!r} ({c.origin}) is not the text's: it has almost "
                    "none of that language's function words"
                )
                break
            doc.set_field("language", declared, c.origin)
            return
    by_script = _script_language(sample)
    if by_script:
        doc.set_field("language", by_script, "script-guess")
        return
    n, counts = _function_words(sample)
    if n < 20:
        return
    (best, lang), (second, _) = counts[0], counts[1]
    if best >= _GUESS_MIN_SHARE * n and best >= _GUESS_MARGIN * second:
        doc.set_field("language", lang, "stopword-guess")


@cache
def _stopword_index() -> dict[str, tuple[str, ...]]:
    """Function word -> the languages that list it."""
    index: dict[str, list[str]] = {}
    for lang, words in stopwords().items():
        for w in words:
            index.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


def _function_words(sample: str) -> tuple[int, list[tuple[int, str]]]:
    """The sample's word count, and (function words, language) for each list, most first."""
    words = re.findall(r"\w+", sample.casefold())
    index = _stopword_index()
    counts = dict.fromkeys(stopwords(), 0)
    for w in words:
        for lang in index.get(w, ()):
            counts[lang] += 1
    return len(words), sorted(((k, lang) for lang, k in counts.items()), reverse=True)


def _text_denies(n: int, counts: list[tuple[int, str]], listed: str) -> bool:
    """The text has (almost) none of the declared language's function words."""
    if n < _DECLARED_MIN_WORDS:
        return False
    own = next(k for k, lang in counts if lang == listed)
    best, lang = counts[0]
    return own < _DECLARED_MIN_SHARE * n or (
        lang != listed and best >= _GUESS_MIN_SHARE * n and best >= _DECLARED_OUTNUMBERED * own
    )
