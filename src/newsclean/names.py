"""Byline parsing: split credited names, strip roles, tell persons from organisations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .rules import agencies, bylines

__all__ = [
    "PUBLISHED_LABEL",
    "Credit",
    "agency_of",
    "is_author_card",
    "is_organisation",
    "is_role",
    "parse_byline",
    "strip_byline_prefix",
]

# matches start at a token start only: "\S+@\S+\.\w+" backtracked in cubic time on "@@@@..."
_EMAIL = re.compile(r"(?<!\S)[^\s@]+@[\w.-]+\.\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
# the label of a dateline ("Published 19 May 2026", "Stand: 12:00 Uhr"): a byline running into
# one ("By Jane Doe published 19 May 2026") names its people before it
PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|updated|veröffentlicht|erschienen|aktualisiert|stand|publié|"
    r"mis à jour|publicado|actualizado|pubblicato|gepubliceerd|opublikowano|yayınlanma|"
    r"publisert|publicerad|udgivet)\b",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\(([^()]{0,80})\)")
# separators between credits: " | ", " / ", " • ", and a slash between words ("Jane Doe/rbb")
_PIPE = re.compile(r"\s[|/•·]\s|(?<=[^\W\d_])/(?=[^\W\d_])")
_IN_CLAUSE = re.compile(r",\s+in\s+(?=[A-Z])")
_NON_NAME = re.compile(r"[\d@#:;!?]")
_SPACES = re.compile(r"\s+")
_SPACED_DASH = re.compile(r"\s[-–—]\s")


@dataclass
class Credit:
    """Names from a byline, split into persons, agencies and other organisations."""

    persons: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    #: canonical agency name -> the spelling the byline credits ("The Associated Press")
    credited: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        """True when the byline credits anyone: a person, an agency or an organisation."""
        return bool(self.persons or self.agencies or self.organisations)


def strip_byline_prefix(text: str) -> tuple[str, bool]:
    """Remove an opening 'By'/'Von'/'Par'/... ; say whether there was one."""
    text = text.lstrip("*_ ")  # emphasis markers left by a markdown dump ("*Von X*")
    m = bylines().prefix_re.match(text)
    if m is None:
        return text, False
    return text[m.end() :], True


def agency_of(name: str) -> str | None:
    """Canonical agency name when ``name`` is a known news agency spelling."""
    key = name.casefold().strip(" .,;:()[]")
    return agencies().names.get(key)


_ACRONYM = re.compile(r"\b[A-ZÄÖÜ]{2,4}\b")
# from a token start only: "\b[\w-]+" restarted at every "-" (quadratic on "a-a-a-...")
_DOMAIN = re.compile(r"(?<![\w-])[\w-]+\.(?:[a-z]{2,6})\b", re.IGNORECASE)


def is_organisation(name: str) -> bool:
    """True when a credited name reads as an organisation.

    An organisation word ("Redaktion", "News", "Times"), an acronym among mixed-case words
    ("MDR Thüringen"), or a domain name ("sportschau.de").
    """
    words = set(re.findall(r"\w+", name.casefold()))
    if words & bylines().organisation_words or _DOMAIN.search(name):
        return True
    return (bool(_ACRONYM.search(name)) and not name.isupper()) or (
        name.isupper() and len(name.split()) == 1 and len(name) <= 5
    )


@cache
def _role_set() -> frozenset[str]:
    return frozenset(bylines().roles)


def is_role(text: str) -> bool:
    """The whole text is a role of the byline catalogue ("Journalist", "Staff writer:")."""
    return text.strip().casefold().rstrip(".:") in _role_set()


def _strip_roles(name: str) -> str:
    low = name.casefold()
    if low in _role_set():
        return ""  # "Reporter" alone: a role, no one's name
    for role in bylines().roles:
        i = low.find(role)
        # the role ends a word, and starts one or ends a compound after the name
        # ("Jane Doe Sportreporterin"); "Krautreporter" alone is a name, not "Kraut" + role
        end = i + len(role)
        if (
            i > 0
            and (end == len(low) or not low[end].isalpha())
            and (not low[i - 1].isalpha() or " " in low[:i].strip())
        ):
            # "Jane Doe, Staff Writer" / "Jane Doe Redakteurin"
            before = name[:i].rstrip(" ,-–|")
            if before:  # ("Senior Political Reporter" alone is no name at all)
                name = _strip_role_modifiers(before)
                low = name.casefold()
        elif i == 0 and len(role) < len(low) and not low[len(role)].isalpha():
            name = name[len(role) :].lstrip(" ,:-–")
            low = name.casefold()
    return name


def _strip_role_modifiers(name: str) -> str:
    """ "Jane Doe Senior Political" -> "Jane Doe": the beat and rank words before a role.

    A name keeps two words at least; words that are all modifiers are no name ("").
    """
    words = name.split()
    modifiers = bylines().role_modifiers
    if all(w.casefold() in modifiers for w in words):
        return ""
    while len(words) > 2 and words[-1].casefold() in modifiers:
        words.pop()
    return " ".join(words) if len(words) < len(name.split()) else name


def _looks_like_person(name: str) -> bool:
    # a spaced dash joins two things ("Haberler - Anadolu Ajansı"), never parts of a name
    if not name or _NON_NAME.search(name) or _SPACED_DASH.search(name):
        return False
    words = name.split()
    if not 1 <= len(words) <= 5:
        return False
    if len(words) == 1 and len(name) < 3:
        return False
    # names start with a capital letter (scripts without case pass); a particle inside a
    # name ("Chus del Pino", "Anna von Berg") may be lower case
    particles = bylines().name_particles
    return all(
        w[0].isupper()
        or not w[0].isalpha()
        or not w[0].isascii()
        or (0 < i < len(words) - 1 and w in particles)
        for i, w in enumerate(words)
        if w[0].isalpha()
    )


_CARD_SPLIT = re.compile(r"\s[-–—|]\s|,\s")
# a role with its beat or place, printed once or twice ("Reporter in Rome Reporter in Rome")
_CARD_MAX_ROLE_WORDS = 6


def is_author_card(text: str) -> bool:
    """A person's name and their role: "Jane Doe – Journalist in Paris", "Jane Doe, Reporter".

    What a page prints beside an author's photo; no headline reads like this.
    """
    parts = _CARD_SPLIT.split(text, maxsplit=1)
    if len(parts) != 2 or len(parts[0].split()) < 2 or not _looks_like_person(parts[0].strip()):
        return False  # a full name: "Trump – Reporter grilled …" is a kicker and a headline
    rest = parts[1].strip().casefold()
    if len(rest.split()) > _CARD_MAX_ROLE_WORDS:
        return False
    return any(
        rest.startswith(role) and (len(rest) == len(role) or not rest[len(role)].isalpha())
        for role in bylines().roles
    )


# "Jane Doe in Kyiv", "Associated Press in Lisbon", "Anna Müller aus Berlin", "Marie Dupont à
# Paris": where the reporter filed from, after a name (one to three capitalised words)
_IN_PLACE = re.compile(r"\s+(?:in|from|aus|à|en)\s+[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,2}$")
_PLACE_WORDS = (" in ", " from ", " aus ", " à ", " en ")  # what the pattern needs to match


def _without_place(name: str) -> str:
    """The name without the place it was filed from, when what is left is a name or agency."""
    if not any(w in name for w in _PLACE_WORDS):
        return name  # (most names: a substring test spares the regex)
    m = _IN_PLACE.search(name)
    if m is None or not m.group(0).split()[1][0].isupper():  # a place is capitalised
        return name
    head = name[: m.start()]
    if agency_of(head) or (len(head.split()) >= 2 and _looks_like_person(head)):
        return head
    return name


def parse_byline(text: str) -> Credit:
    """Split a byline ("By Jane Doe and John Roe, Reuters") into persons, agencies, organisations."""
    out = Credit()
    text = _EMAIL.sub(" ", _URL.sub(" ", PUBLISHED_LABEL.split(text, maxsplit=1)[0]))
    text, _ = strip_byline_prefix(text.strip())
    # "(afp, rtr)" and "| Reuters": agency credits in parentheses or after a separator
    for inner in _PARENS.findall(text):
        for part in re.split(r"[,/;]", inner):
            ag = agency_of(part)
            if ag and ag not in out.agencies:
                out.agencies.append(ag)
    text = _PARENS.sub(" ", text)
    # "By TPN, in News, Portugal": what follows ", in" is a section or a place
    text = _IN_CLAUSE.split(text, maxsplit=1)[0]
    # one space between words: the joiner pattern backtracks in cubic time on long space runs
    # (left behind by a run of removed e-mail addresses)
    text = _SPACES.sub(" ", _PIPE.sub(", ", text))
    seen: set[str] = set()
    for raw in bylines().joiners_re.split(text):
        name = _SPACES.sub(" ", raw).strip(" .,;:-–—|/")
        if not name:
            continue
        name, _ = strip_byline_prefix(name)
        name = _without_place(name)
        ag = agency_of(name)
        if ag:
            if ag not in out.agencies:
                out.agencies.append(ag)
            out.credited.setdefault(ag, name)
            continue
        name = _strip_roles(name).strip(" .,;:-–—|/")
        if not name:
            continue
        ag = agency_of(name)
        if ag:
            if ag not in out.agencies:
                out.agencies.append(ag)
            out.credited.setdefault(ag, name)
        elif name.casefold() in bylines().organisation_words:
            continue  # "with Agencies", "News": a kind of credit, not a name
        elif is_organisation(name):
            if name not in out.organisations:
                out.organisations.append(name)
        elif name not in seen and _looks_like_person(name):
            seen.add(name)  # (a set: a list lookup made a 10,000-name byline quadratic)
            out.persons.append(name)
    # "Jane Doe, Frankfurt": a one-word name next to full names is a place, not a person;
    # so is one next to an organisation ("example.de, Frankfurt, Germany")
    if any(" " in p for p in out.persons) or out.organisations or out.agencies:
        out.persons = [p for p in out.persons if " " in p]
    return out
