"""Rules as data: phrase catalogues, agencies, byline words, month names and class vocabulary.

Everything is loaded once from ``newsclean/data`` (JSON files, one per language for the phrase
catalogues: adding a language is adding a file) and compiled into lookup tables on first use.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from .textutil import ascii_table

__all__ = [
    "CAMEL_BOUNDARY",
    "COPYRIGHT_OPEN",
    "RIGHTS_RESERVED",
    "Hints",
    "PhraseHit",
    "agencies",
    "bylines",
    "class_tokens",
    "hints",
    "ignorecase_gates",
    "image_url_kind",
    "link_note_re",
    "match_phrase",
    "months",
    "phrase_key",
    "weekdays",
    "word_tokens",
    "zones",
]

# category in the phrase files -> (role, reason code)
CATEGORY_ROLE: dict[str, tuple[str, str]] = {
    "ad": ("ad", "advertisement"),
    "ui": ("ui", "ui-text"),
    "share": ("share", "share-buttons"),
    "comments": ("comments", "comment-form"),
    "newsletter": ("newsletter", "newsletter-prompt"),
    "cookie": ("ui", "cookie-prompt"),
    "subscription": ("promo", "subscription-prompt"),
    "related": ("related", "related-links"),
    "video": ("media", "video-teaser"),
    "footer": ("footer", "footer-links"),
}
MAX_PHRASE_WORDS = 60
# a line that only starts with a catalogue phrase must be short, except prompts (which are
# sentences); calibrated on the development corpus (consent placeholders of embedded content
# run to 40-50 words, the terms under a newsletter sign-up box to 45: at 60 words for
# newsletter prompts, one page gains body F1 0.905 -> 0.926 and none loses)
_PREFIX_MAX_WORDS = {"comments": 30, "cookie": 60, "newsletter": 60, "subscription": 30}
_PREFIX_DEFAULT_MAX = 14

_KEY_DROP = re.compile(r"[^\w:]+")
#: (pattern text) a copyright line's opening: "©", "(c)" or "Copyright", after a list bullet
COPYRIGHT_OPEN = r"^\s*(?:[*•·-]\s*)?(?:©|\(c\)|copyright\b)"
#: (pattern text) the rights clause of a copyright notice, in the catalogue languages
RIGHTS_RESERVED = r"\b(?:all rights|alle rechte|tous droits|todos los derechos|tutti i diritti)"
#: where a camelCase class name splits into words ("articleBody" -> "article Body")
CAMEL_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CLASS_SPLIT = re.compile(r"[^a-z0-9]+")


# characters an IGNORECASE pattern matches in no character but themselves and their other
# ASCII case, whose lower() is the lowercase letter: ASCII digits, punctuation, space and the
# letters but "i" and "s" (re also matches "\u0131", "\u0130" to "i" and "\u017f" to "s"; the Kelvin
# sign lowercases to "k"); tests/test_fastpaths.py checks this against every code point
_GATE_CHARS = frozenset(string.ascii_lowercase + string.digits + string.punctuation + " ") - {
    "i",
    "s",
}


def ignorecase_gates(phrases: Iterable[str]) -> tuple[str, ...] | None:
    """Substrings of which ``text.lower()`` holds one whenever ``text`` has a phrase in it.

    "Has a phrase in it" as an IGNORECASE search for the alternation of the escaped phrases
    finds it: each phrase's gate is its longest run of :data:`_GATE_CHARS`, which such a
    match spells the same in the lowered text. None when a phrase has no such run (then only
    the search can tell). A few substring tests on the lowered text cost a fraction of the
    search, which tries every branch at every position.
    """
    gates: list[str] = []
    for p in phrases:
        runs = re.split("[^" + re.escape("".join(sorted(_GATE_CHARS))) + "]+", p.lower())
        best = max(runs, key=len, default="")
        if not best:
            return None
        gates.append(best)
    unique = list(dict.fromkeys(gates))
    # a gate that holds another is found only where that one is: the shorter one suffices
    return tuple(g for g in unique if not any(h != g and h in g for h in unique))


def _load(name: str) -> Any:
    return json.loads(resources.files("newsclean").joinpath(f"data/{name}").read_text("utf-8"))


# phrase_key of ASCII text (two thirds of its texts on the dev corpus) with a byte table: the
# lowercased letters, digits, "_" and ":" stay, every other byte splits (textutil._WORD_BYTES
# says why that is the regex's result; 0.63 against 2.1 us a text)
_KEY_BYTES = ascii_table("_:", lower=True)


def phrase_key(text: str) -> str:
    """Matching key of a line: casefolded words (and colons), single spaces."""
    if text.isascii():
        return b" ".join(text.encode("ascii").translate(_KEY_BYTES).split()).decode("ascii")
    return " ".join(_KEY_DROP.sub(" ", text.casefold()).split())


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """A catalogue match: the role and reason code, and the category that matched."""

    role: str
    reason: str
    category: str


@dataclass(frozen=True, slots=True)
class _Catalogue:
    exact: dict[str, PhraseHit]
    prefix: dict[str, list[tuple[str, PhraseHit]]]  # first word -> [(prefix key, hit)]
    share_words: frozenset[str]  # one-word share entries ("facebook", "teilen", "tweet")


@cache
def _catalogue() -> _Catalogue:
    exact: dict[str, PhraseHit] = {}
    prefix: dict[str, list[tuple[str, PhraseHit]]] = {}
    folder = resources.files("newsclean").joinpath("data/phrases")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text("utf-8"))
        for category, lists in data.items():
            if category.startswith("_"):
                continue
            role, reason = CATEGORY_ROLE[category]
            hit = PhraseHit(role, reason, category)
            for p in lists.get("exact", []):
                exact.setdefault(phrase_key(p), hit)
            for p in lists.get("prefix", []):
                k = phrase_key(p)
                if k:
                    prefix.setdefault(k.split(" ", 1)[0].rstrip(":"), []).append((k, hit))
    share_words = frozenset(
        k for k, h in exact.items() if h.category == "share" and " " not in k and k.isalpha()
    )
    return _Catalogue(exact, prefix, share_words)


def match_phrase(text: str) -> PhraseHit | None:
    """The catalogue entry a short line is, or starts with; None for anything else."""
    key = phrase_key(text)
    if not key:
        return None
    cat = _catalogue()
    hit = cat.exact.get(key) or cat.exact.get(key.rstrip(":").strip())
    if hit is not None:
        return hit
    words = key.count(" ") + 1
    if words > MAX_PHRASE_WORDS:
        return None
    first = key.split(" ", 1)[0].rstrip(":")
    for p, h in cat.prefix.get(first, ()):
        if words > _PREFIX_MAX_WORDS.get(h.category, _PREFIX_DEFAULT_MAX):
            continue
        if key.startswith(p) and (len(key) == len(p) or key[len(p)] == " " or p.endswith(":")):
            return h
    # a share bar printed as one line: service names and their counts ("Facebook 12 X 3
    # WhatsApp", "Teilen Facebook WhatsApp")
    if 2 <= words <= _SHARE_BAR_MAX and first in cat.share_words:
        parts = key.split(" ")
        if all(w in cat.share_words or w.isdigit() for w in parts):
            return cat.exact[first]
    return None


_SHARE_BAR_MAX = 12  # words of a share bar line: a dozen services and counts


@dataclass(frozen=True, slots=True)
class Agencies:
    """Agency spellings (casefolded) -> canonical names, and photo-credit words."""

    names: dict[str, str]
    long_names: dict[str, str]  # spellings safe to find in running text (4+ letters)
    photo: frozenset[str]
    pattern: re.Pattern[str]  # finds long agency names in text


@cache
def agencies() -> Agencies:
    data = _load("agencies.json")
    names: dict[str, str] = {}
    for canonical, spellings in data["news"].items():
        names[canonical.casefold()] = canonical
        for s in spellings:
            names[s] = canonical
    long_names = {k: v for k, v in names.items() if len(k) >= 4 and k not in {"ria", "pool"}}
    alts = sorted(long_names, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in alts) + r")\b", re.IGNORECASE)
    return Agencies(names, long_names, frozenset(data["photo"]), pattern)


@dataclass(frozen=True, slots=True)
class Bylines:
    """Byline vocabulary, compiled."""

    prefix_re: re.Pattern[str]
    joiners_re: re.Pattern[str]
    organisation_words: frozenset[str]
    roles: tuple[str, ...]
    contributor_phrases: tuple[str, ...]
    attribution_verbs: tuple[str, ...]
    #: lower-case particles inside personal names ("Chus del Pino", "Ludwig van Beethoven")
    name_particles: frozenset[str] = frozenset()
    #: beat and rank words printed before a role ("Lifestyle Writer", "Senior Political Reporter")
    role_modifiers: frozenset[str] = frozenset()
    #: word tokens (``\w+``) of the longest byline prefix ("ein beitrag von": 3)
    prefix_words: int = 0


@cache
def link_note_re() -> re.Pattern[str]:
    """A note appended to link text ("(opens in a new window)"), from link_notes.json."""
    notes = sorted(_load("link_notes.json")["notes"], key=len, reverse=True)
    return re.compile(
        r"[(\[]\s*(?:" + "|".join(re.escape(n) for n in notes) + r")\s*[)\]]", re.IGNORECASE
    )


@cache
def bylines() -> Bylines:
    data = _load("bylines.json")
    prefixes = sorted({p for ps in data["prefixes"].values() for p in ps}, key=len, reverse=True)
    prefix_re = re.compile(
        r"^\s*(?:" + "|".join(re.escape(p) for p in prefixes) + r")(?:\s+|(?<=:))", re.IGNORECASE
    )
    joiners = sorted(data["joiners"], key=len, reverse=True)
    joiners_re = re.compile(
        r"\s*(?:,|;|\s+(?:" + "|".join(re.escape(j) for j in joiners) + r")\s+)\s*", re.IGNORECASE
    )
    return Bylines(
        prefix_re,
        joiners_re,
        frozenset(data["organisation_words"]),
        tuple(sorted(data["roles"], key=len, reverse=True)),
        tuple(data["contributor_phrases"]),
        tuple(data["attribution_verbs"]),
        frozenset(data.get("name_particles", ())),
        frozenset(data.get("role_modifiers", ())),
        max((len(re.findall(r"\w+", p)) for p in prefixes), default=0),
    )


@cache
def months() -> dict[str, int]:
    """Month name (casefolded, any supported language) -> month number."""
    data = _load("months.json")
    out: dict[str, int] = {}
    for lang, names in data.items():
        if lang.startswith("_"):
            continue
        for i, spellings in enumerate(names, start=1):
            for s in spellings:
                out.setdefault(s, i)
    return out


@cache
def weekdays() -> frozenset[str]:
    """Weekday names and abbreviations (casefolded), any supported language."""
    data = _load("weekdays.json")
    return frozenset(
        name for lang, days in data.items() if not lang.startswith("_") for d in days for name in d
    )


@cache
def zones() -> dict[str, str]:
    """Time-zone abbreviation (as printed, upper case) -> its UTC offset ("+09:00")."""
    return dict(_load("zones.json")["zones"])


@cache
def stopwords() -> dict[str, frozenset[str]]:
    """Language -> its most frequent function words, for the light language guess."""
    data = _load("stopwords.json")
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


@dataclass(frozen=True, slots=True)
class Hints:
    """Class/id vocabulary: positive words and negative word -> (role, reason)."""

    positive: frozenset[str]
    negative: dict[str, tuple[str, str]]


@cache
def hints() -> Hints:
    data = _load("hints.json")
    neg = {k: (v[0], v[1]) for k, v in data["negative"].items()}
    return Hints(frozenset(data["positive"]), neg)


@cache
def _image_url_words() -> tuple[frozenset[str], frozenset[str]]:
    data = _load("hints.json")["image_urls"]
    return frozenset(data["ui"]), frozenset(data["placeholder"])


def image_url_kind(url: str | None) -> str | None:
    """``"ui"`` for a site's icon, logo or pixel, ``"placeholder"`` for a lazy-loading stand-in.

    Read from the words of the URL's file name and folder (``/static/icons/share.svg``,
    ``img/grey-placeholder.png``), see ``image_urls`` in ``data/hints.json``; None otherwise.
    """
    if not url:
        return None
    if url.startswith("data:") or url == "#inline-data":
        # an inline stand-in (a 1x1 GIF, a blurred preview); the markdown reader cuts
        # base64 URIs to "#inline-data"
        return "placeholder"
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    words = {t for part in path.rsplit("/", 2)[-2:] for t in word_tokens(part)}
    ui, placeholder = _image_url_words()
    if not words.isdisjoint(ui):
        return "ui"
    if not words.isdisjoint(placeholder):
        return "placeholder"
    return None


@lru_cache(maxsize=16384)
def class_tokens(value: str) -> tuple[str, ...]:
    """Split a class/id attribute into lowercase tokens (also on camelCase), plus joined pairs."""
    # whitespace always separates tokens, so the tokens are those of each word in turn: words
    # ("menu-item", "is-active") recur across pages where whole class strings rarely do
    toks = [t for w in value.split() for t in word_tokens(w)]
    joined = [a + b for a, b in pairwise(toks)]
    return tuple(toks + joined)


@lru_cache(maxsize=16384)
def word_tokens(word: str) -> tuple[str, ...]:
    """The tokens of one whitespace-free word of a class/id attribute, without pairs."""
    parts = _CLASS_SPLIT.split((word if word.islower() else CAMEL_BOUNDARY.sub(" ", word)).lower())
    return tuple(p for p in parts if p)
