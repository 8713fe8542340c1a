"""Authors, agencies and organisations: structured data first, visible bylines second.

Each stage records the value it settles on with its origin (``doc.set_field``) and marks the
blocks whose text went into metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, cached_property
from itertools import pairwise
from typing import Any

from ..dates import find_dates
from ..document import Block, Document
from ..names import agency_of, is_role, parse_byline, strip_byline_prefix
from ..readers.html import author_links
from ..rules import agencies, bylines, ignorecase_gates, match_phrase
from ..textutil import normalize_key, word_count
from ._shared import (
    HEADER_ZONE,
    RELATIVE_TIME,
    SEGMENT,
    body_start,
    creditish,
    header_zone_end,
    is_org,
    origin_rank,
    site_domain,
    title_key,
)

__all__ = ["find_byline"]


@cache
def _contrib_re() -> re.Pattern[str]:
    phrases = sorted(bylines().contributor_phrases, key=len, reverse=True)
    return re.compile("(" + "|".join(re.escape(p) for p in phrases) + ")", re.IGNORECASE)


@cache
def _contrib_gates() -> tuple[str, ...] | None:
    return ignorecase_gates(bylines().contributor_phrases)


def _contributor_phrase(text: str) -> re.Match[str] | None:
    """``_contrib_re().search(text)``, skipped when the lowered text lacks every phrase's gate.

    (The case-insensitive search tries each phrase at every position: 0.9 ms a page on the
    dev corpus, the lowering and the gates' substring tests about a tenth of that.)
    """
    gates = _contrib_gates()
    if gates is not None:
        low = text.lower()
        if not any(map(low.__contains__, gates)):  # (map: no Python frame a gate)
            return None
    return _contrib_re().search(text)


def _is_byline_block(b: Block) -> bool:
    wc = word_count(b.text)
    if wc > 25 or wc == 0:
        return False
    rest, had_prefix = strip_byline_prefix(b.text)
    if had_prefix:
        rest = rest.strip()
        return (bool(rest) and rest[0].isupper()) or bool(agency_of(rest.split(",")[0]))
    return False


# meta tags describe the page; itemprop="author" also marks the authors of teasers and
# related stories anywhere on it, so it comes last (dev corpus: +1 page, no loss)
_AUTHOR_ORIGIN_RANK = ("json-ld", "meta", "microdata")


def _author_rank(origin: str) -> int:
    return origin_rank(origin, _AUTHOR_ORIGIN_RANK)


def _is_byline_label(b: Block) -> bool:
    """A line that is only a byline word: "By", "Von", "Author of the article:"."""
    # such a line has the words of one prefix or label and no more (a case variant keeps
    # them; word_count is cached): most lines of the header zone skip the prefix match
    if word_count(b.text.lstrip("*_ ")) > _label_words():
        return False
    rest, had = strip_byline_prefix(b.text + " ")
    return (had and not rest.strip()) or b.text.strip().casefold().rstrip(":") in _BYLINE_LABELS


_BYLINE_LABELS = frozenset(
    {"author of the article", "author", "authors", "autor", "autorin", "auteur", "written by"}
)


@cache
def _label_words() -> int:
    """Words of the longest byline prefix or label: a longer line is no label."""
    return max(bylines().prefix_words, *(word_count(x) for x in _BYLINE_LABELS))


def find_byline(doc: Document) -> Document:
    """Authors, contributors and agencies from structured data and byline lines."""
    persons: list[str] = []
    agencies_found: list[str] = []
    orgs: dict[str, str] = {}  # organisation -> where it was first read
    credited: dict[str, str] = doc.flags.setdefault("agency_credits", {})
    origin = ""
    # structured data first (JSON-LD, then meta tags, then microdata): the first origin that
    # names persons gives all of them;
    # agencies and organisations come from the most trusted origin that credits anyone:
    # a meta author naming the site does not join the agency a JSON-LD author names
    credit_rank: int | None = None
    outlet = _outlet_keys(doc)
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
            else:
                orgs.setdefault(name, c.origin)
            credit_rank = rank
            continue
        credit = parse_byline(name)
        # a "Person" named like the site is the newsroom, credited as such at this origin;
        # it leaves the persons to the next origin (JSON-LD "Example Daily", meta "Jane Doe")
        named = [p for p in credit.persons if not _names_outlet(p, outlet)]
        if named and not persons:
            origin = c.origin
        if origin == c.origin:
            persons.extend(p for p in named if p not in persons)
        if others:
            agencies_found.extend(a for a in credit.agencies if a not in agencies_found)
            for o in credit.organisations + [p for p in credit.persons if p not in named]:
                orgs.setdefault(o, c.origin)
            credited.update((k, v) for k, v in credit.credited.items() if k not in credited)
        if credit:
            credit_rank = rank if credit_rank is None else min(credit_rank, rank)
    # visible bylines near the top, contributor lines anywhere
    zone_end = header_zone_end(doc)
    visible: list[str] = []
    for b in doc.blocks:
        if b.role in ("title", "subtitle"):
            continue
        wc = word_count(b.text)
        m = _contributor_phrase(b.text) if wc <= 30 else None
        if m is not None:
            credit = parse_byline(b.text[: m.start()])
            contributors = credit.persons
            if contributors:
                doc.flags.setdefault("contributors", []).extend(contributors)
                doc.mark(b, "byline", "contributor-line")
            continue
        if b.index > zone_end or wc > 25:
            continue  # (a block of over 25 words is neither a byline nor a name under a label)
        label_only = b.index > 0 and _is_byline_label(doc.blocks[b.index - 1])
        label_only = label_only or _continues_label_byline(doc, b)
        if _is_byline_block(b) or (label_only and wc <= 12):
            if label_only:
                doc.mark(doc.blocks[b.index - 1], "byline", "byline")
            credit = parse_byline(b.text)
            if credit:
                doc.mark(b, "byline", "byline")
                # the persons without an agency glued to the last name (credits stay as read)
                names = parse_byline(_comma_before_agency(b.text)).persons or credit.persons
                tidy = [_tidy_person(p) for p in names]
                visible.extend(p for p in tidy if p not in visible)
                agencies_found.extend(a for a in credit.agencies if a not in agencies_found)
                credited.update((k, v) for k, v in credit.credited.items() if k not in credited)
                for o in credit.organisations:
                    orgs.setdefault(o, "byline-text")
    # "MDR THÜRINGEN", "VnExpress": a name that opens with the site's own name is the newsroom
    # (the structured persons were sorted so above)
    for n in [n for n in visible if _names_outlet(n, outlet)]:
        visible.remove(n)
        orgs.setdefault(n, "byline-text")
    if not persons and visible:
        persons, origin = visible, "byline-text"
    if not persons:
        linked = _author_links(doc, zone_end)
        if linked:
            persons, origin = linked, "author-link"
    guess = not persons and not _credits_other_than_outlet(outlet, agencies_found, orgs)
    if guess and doc.format in ("html", "markdown"):
        # guesses, not taken when structured data credits an agency or an organisation
        # other than the site itself: a line of names only under the headline, or the
        # emphasised name that closes the article ("**Jane Doe**"); dumps keep both
        # (markdown authors F1 0.782 -> 0.792)
        named = _name_line(doc)
        if named:
            persons, origin = named, "name-line"
    if not persons and guess:
        before = set(credited)
        dated = _names_by_dateline(doc, zone_end, credited)
        if dated:
            persons, origin = dated, "name-by-dateline"
        agencies_found.extend(a for a in credited if a not in before)
    if not persons and guess:
        carded = _name_over_role(doc)
        if carded:
            persons, origin = carded, "author-card"
    _closing_author_card(doc)
    if not persons and guess:
        boxed = _name_over_bio(doc)
        if boxed:
            persons, origin = boxed, "author-box"
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
        doc.set_field("organisations", list(orgs), next(iter(orgs.values())))
    return doc


def _only_names(text: str) -> list[str]:
    """The persons of a line that names persons and nothing else ("Jane Doe/John Roe")."""
    if word_count(text) > 12:
        return []
    persons = parse_byline(text).persons
    if not persons or any(" " not in p for p in persons):
        return []
    return persons if title_key(" ".join(persons)) == title_key(text) else []


def _name_line(doc: Document) -> list[str]:
    """Persons of a names-only line between headline and body, or of the closing signature.

    The signature is the article's last block, emphasised as a whole ("<p><b>Jane Doe</b>").
    """
    ti: int = doc.flags.get("title_index", -1)
    start = body_start(doc)
    # a dump keeps every line of the page's header: there a name must look like one, with
    # capitals (dev corpus, markdown: Hindi and Korean teaser lines read as names otherwise)
    cased_only = doc.format == "markdown"
    if 0 <= ti < start:
        for b in doc.blocks[ti + 1 : min(start, ti + 1 + HEADER_ZONE)]:
            # a linked line is navigation ("Zur Startseite"); author-page links are read apart
            if b.role in (None, "boilerplate") and b.kind == "paragraph" and b.link_density < 0.5:
                names = _only_names(b.text)
                if names and cased_only and not all(map(_cased, names)):
                    continue  # a dump's teaser or UI line in a script without capitals
                if names:
                    doc.mark(b, "byline", "name-line")
                    return names + _more_name_lines(doc, b, start, cased_only, names)
    last = next((b for b in reversed(doc.blocks) if b.role is None), None)
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


def _more_name_lines(
    doc: Document, first: Block, start: int, cased_only: bool, names: list[str]
) -> list[str]:
    """Names on the lines right under a name line: one author a line, the last one possibly
    followed by the date ("Jane Doe" / "John Roe" / "Ann Lee, 8 January 2024, 17:46")."""
    out: list[str] = []
    for b in doc.blocks[first.index + 1 : min(start, first.index + 4)]:
        if b.role not in (None, "boilerplate") or b.kind != "paragraph" or b.link_density >= 0.5:
            break
        dates = find_dates(b.text)
        more = _only_names(b.text[: dates[0].start].strip(" ,|–—-") if dates else b.text)
        if not more or (cased_only and not all(map(_cased, more))):
            break
        out += [n for n in more if n not in names and n not in out]
        if dates:
            break  # the dateline closes the header (its date is the date stage's)
        doc.mark(b, "byline", "name-line")
    return out


# how far into the note about the author its role word may come ("Jane Doe is a freelance
# writer based in Lisbon", "... is the deputy editor of ..."): 3-6 words on the dev corpus
_BIO_ROLE_REACH = 12


def _name_over_bio(doc: Document) -> list[str]:
    """The author of a box under the text: a name line over a note that opens with the name.

    ("Jane Doe" / "Jane Doe is a staff writer covering ..."): the note names a role within its
    first words, which a show's or a product's blurb ("Tram Talk is our weekly show") does
    not. Only below the article's first paragraph; the name and the note are marked.
    """
    roles = _role_words()
    blocks = [b for b in doc.blocks[body_start(doc) :] if b.reason != "no-words"]
    for b, nxt in pairwise(blocks):
        if word_count(b.text) > 4 or not nxt.text.startswith(b.text.strip() + " "):
            continue
        persons = _only_names(b.text)
        if len(persons) != 1:
            continue
        rest = nxt.text[len(b.text.strip()) :].split()[:_BIO_ROLE_REACH]
        if (
            rest
            and rest[0][:1].islower()
            and any(w.casefold().strip(".,;:") in roles for w in rest)
        ):
            doc.mark(b, "byline", "author-card")
            doc.mark(nxt, "author-bio", "author-note")
            return persons
    return []


# the note under a closing author card: a few sentences about the author (dev corpus: 40
# words), not a paragraph of the article
_CARD_NOTE_WORDS = 80


def _closing_author_card(doc: Document) -> None:
    """An author card left past the first third of the text ("Jane Doe" / "Redakteurin" /
    "She has covered transport for ten years."): the name and role lines and the short note
    under them are the author's box, not article text (whoever the byline names). Past the
    first third: teasers kept after the box can make it look mid-text (dev corpus: at 40 %
    of the lines)."""
    kept = [b for b in doc.blocks if b.role is None]
    for b, nxt in pairwise(kept[len(kept) // 3 :]):
        if nxt.index == b.index + 1 and _card_name(doc, b, nxt):
            note = doc.blocks[nxt.index + 1] if nxt.index + 1 < len(doc.blocks) else None
            if note is not None and note.role is None and word_count(note.text) <= _CARD_NOTE_WORDS:
                doc.mark(note, "author-bio", "author-note")
            return


def _name_over_role(doc: Document) -> list[str]:
    """The name of an author box: a line of one full name over a line that is only a role.

    ("## Jane Doe" / "Journalist", "Jane Doe" / "Redakteurin"): the first such pair.
    """
    for b, nxt in pairwise(doc.blocks):
        name = _card_name(doc, b, nxt)
        if name:
            return [name]
    return []


def _card_name(doc: Document, b: Block, nxt: Block) -> str | None:
    """The one full name of ``b`` when ``nxt`` is only a role (an author card): both are marked."""
    if not is_role(nxt.text) or word_count(b.text) > 4:
        return None
    persons = _only_names(b.text)
    if len(persons) != 1:
        return None
    doc.mark(b, "byline", "author-card")
    doc.mark(nxt, "byline", "author-card")
    return persons[0]


def _cased(name: str) -> bool:
    return any(c.isupper() for c in name)


def _outlet_keys(doc: Document) -> set[str]:
    """Comparison keys of the publishing site's names: publisher names, host, host stem."""
    outlet = {normalize_key(c.value) for c in doc.get("publisher") if isinstance(c.value, str)}
    host = site_domain(doc)
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


def _credits_other_than_outlet(
    outlet: set[str], agencies_found: list[str], orgs: Iterable[str]
) -> bool:
    """True when an agency or an organisation other than the publishing site (``outlet``: its
    name keys) is credited."""
    return bool(agencies_found) or any(normalize_key(o) not in outlet for o in orgs)


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


# the rest of a name line: a role ("Deputy Content Hub Director") or the reading time
_READ_TIME = re.compile(r"^\d{1,3}\s*(?:min|mins|minutes?|minuten|minutos|minuti)\b", re.I)


_ROLE_EXTRA = frozenset({"director", "head", "chief", "redaktionsleiter", "redaktionsleiterin"})


_PARTICLES = frozenset(
    {"van", "der", "den", "de", "del", "da", "dos", "von", "zu", "la", "le", "di"}
)


_TIME_WORD = re.compile(r"^(?:uhr|h|[ap]\.?m\.?)(?!\w)", re.IGNORECASE)


_GLUED_BY = re.compile(r"^\s*by(?=[A-Z])")  # "byJane Doe": a copy dropped the space


_PREFIX_COLON = re.compile(r"^\s*(\w{2,4}):\s*")  # "Von: Jane Doe"


_NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w'’.-]*)$")


def _role_words() -> frozenset[str]:
    return frozenset(w for r in bylines().roles for w in r.split()) | _ROLE_EXTRA


_HANGUL = re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")


def _is_name(tokens: list[str], body: _Body) -> bool:
    """Two to four capitalised tokens (particles aside) that the body does not use.

    A name the body repeats ("Donald Trump", "South Africa") is its subject, not its author.
    """
    core = [t for t in tokens if t.casefold() not in _PARTICLES]
    if not 2 <= len(core) <= 4 or len(tokens) > 5:
        return False
    # Korean names are written as one word ("배윤경"): words of Hangul apart are a phrase
    # ("많이 본 뉴스", most-read news)
    if any(_HANGUL.search(t) for t in core):
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
        return [b.text for b in self._doc.blocks if b.role is None and word_count(b.text) >= 8]

    @cached_property
    def lower_words(self) -> set[str]:
        """Words the body writes in lower case."""
        return {w for t in self._prose for w in _LETTERS.findall(t) if w[0].islower()}

    @cached_property
    def paras(self) -> list[str]:
        """Prose paragraphs, casefolded; photo credits left out (they name the author)."""
        return [" ".join(t.split()).casefold() for t in self._prose if not creditish(t)]


_LETTERS = re.compile(r"\b[^\W\d_]+\b")


def _names_by_dateline(doc: Document, zone_end: int, credited: dict[str, str]) -> list[str]:
    """Persons named in a dateline ("Jane Doe / Site / Sep 2, 2024") or on a line beside it.

    Beside it means within two lines (blank "*" lines aside), the name alone or followed by a
    role or the reading time; names whose words the body uses in lower case are not names.
    An agency the dateline itself credits ("Associated Press, March 3, 2025") goes into
    ``credited`` with its spelling there, when no other line credited it before.
    """
    blocks = doc.blocks[: zone_end + 1]
    body = _Body(doc)
    out: list[str] = []
    for i in _dateline_order(doc, len(blocks)):
        b = blocks[i]
        if word_count(b.text) > 25 or b.reason == "after-article":
            continue
        spans = [(h.start, h.end) for h in find_dates(b.text)]
        spans += [m.span() for m in RELATIVE_TIME.finditer(b.text)]
        if not spans:
            continue
        spans.sort()
        # "Jane Doe, 26.04.2024 10:00": the text before the date, then the segments
        head = b.text[: spans[0][0]].strip(" ,;:|–—-")
        # "28. April 2024, 14:26 Uhr, Jane Doe"
        tail = _TIME_WORD.sub("", b.text[spans[-1][1] :].strip(" ,;:|–—-")).strip(" ,;:|–—-")
        segs = [x for x in (head, tail) if x] + SEGMENT.split(b.text)
        for seg in segs:
            if not find_dates(seg) and not RELATIVE_TIME.search(seg):
                name = _leading_name(seg.strip(), body)
                if name and name not in out:
                    out.append(name)
                elif name is None and word_count(seg) <= 4:
                    agency = agency_of(seg.strip())
                    if agency:
                        credited.setdefault(agency, seg.strip())
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
                names = _neighbour_names(nb, body)
                found_prev = bool(names)
                out.extend(n for n in names if n not in out)
        if out:
            return out[:4]
    return out


def _dateline_order(doc: Document, n: int) -> list[int]:
    """Where to look for the article's dateline: from the headline down, then up from it.

    Lines above the headline are the page's (today's date, a teaser's dateline), and the
    nearest of them is likeliest the article's.
    """
    ti: int = doc.flags.get("title_index", -1)
    if ti < 0:
        return list(range(n))
    # above the headline, only the article's header: a date further up is the page's own
    # ("Monday, 3 March 2025" in the masthead), beside its login and menu lines
    return [*range(ti, n), *range(min(ti, n) - 1, max(-1, ti - 1 - HEADER_ZONE), -1)]


def _neighbour_names(nb: Block, body: _Body) -> list[str]:
    """The names on a line beside a dateline, if the line is a name line.

    One name ("Jane Doe", "Jane Doe Deputy Editor"), or two to four joined as in a byline
    ("Jane Doe and John Roe", "Jane Doe/John Roe", "Jane Doe, John Roe, Ann Lee"), each a name.
    """
    if nb.role in ("title", "subtitle", "caption", "credit", "media") or nb.kind == "caption":
        return []
    wc = word_count(nb.text)
    if wc > 16 or find_dates(nb.text):
        return []
    text = nb.text.strip()
    name = _leading_name(text, body) if wc <= 8 else None
    if name:
        return [name]
    credit = parse_byline(text)
    persons = credit.persons
    if (
        2 <= len(persons) <= 4
        and not credit.agencies
        and not credit.organisations
        and all(_is_name(p.split(), body) for p in persons)
    ):
        return persons
    return []


def _name_after_body(doc: Document) -> list[str]:
    """A name line right after the article's last paragraph: the author signing off.

    Sites in several languages print the author's name under the text instead of above it.
    """
    last = max((b.index for b in doc.blocks if b.role is None), default=-1)
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
