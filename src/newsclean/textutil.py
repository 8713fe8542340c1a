"""Small text helpers shared by readers and stages: whitespace, invisible characters, repair."""

from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache
from itertools import islice

import ftfy
from ftfy.badness import is_bad

__all__ = [
    "ascii_table",
    "clean_inline",
    "is_sentence_like",
    "normalize_key",
    "repair",
    "word_count",
]

# zero-width space, word joiner, BOM, soft hyphen, and C0/C1 controls other than \t \n.
# ZWJ/ZWNJ (U+200C/U+200D) are kept: emoji sequences and Persian/Indic text need them.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_WORD = re.compile(r"\w+")
_LOWER_WORD = re.compile(r"\b[^\W\d_A-Z]{2,}\b")
_SENTENCE_END = re.compile(r"""[.!?…。！？:;)"”»’'\]]\s*$""")
# the characters _SENTENCE_END ends on: a search for it with "$" tries every position of the
# text, so _ends_sentence looks at the last character after rstrip() (which strips \s exactly)
_SENTENCE_END_CHARS = frozenset(""".!?…。！？:;)"”»’']""")

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    normalization="NFC",
    explain=False,
)


_DELETE = dict.fromkeys(
    [
        0x200B,
        0x2060,
        0xFEFF,
        0x00AD,
        *range(0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        *range(0x7F, 0xA0),
    ]
)


def clean_inline(text: str) -> str:
    """Drop invisible characters and collapse all whitespace (NBSP included) to single spaces."""
    # str.split() splits on every Unicode space (NBSP, thin space, ...); translate deletes
    # (translate looks every character up in the table: a search for the few it deletes first
    # is ~5x faster on text that has none, which is nearly all text)
    # Half the texts are clean already (dev corpus: 52 % of the walk's block texts): a
    # printable text holds no character clean_inline deletes (controls, format characters)
    # and no whitespace but the ASCII space (every other space is a separator or a control),
    # so without a double, leading or trailing space it is its own result
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    if _INVISIBLE.search(text) is not None:
        text = text.translate(_DELETE)
    return " ".join(text.split())


# UTF-8 lead byte read as Latin-1/cp1252 followed by a continuation byte read the same way:
# the signature of nearly all real mojibake ("Ã©", "â€™", "Ð¿"). A cheap first look; ftfy
# decides on the texts it flags.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00df\u00e0-\u00ef\u00f0-\u00f4]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def may_be_damaged(text: str) -> bool:
    """Cheap test: could ``text`` hold mojibake worth handing to ftfy?"""
    return not text.isascii() and _MOJIBAKE.search(text) is not None


def repair(text: str) -> str:
    """Fix encoding damage (mojibake) without restyling quotes or widths; NFC."""
    if text.isascii():
        return text
    if may_be_damaged(text) and is_bad(text):
        text = ftfy.fix_text(text, _FTFY)
    return unicodedata.normalize("NFC", text)


def ascii_table(keep: str, *, lower: bool) -> bytes:
    """A ``bytes.translate`` table for ASCII text: the ASCII letters, digits and the characters
    of ``keep`` stay (lowercased with ``lower``), every other byte becomes a space."""
    kept = {ord(c) for c in string.ascii_letters + string.digits + keep}
    return bytes((ord(chr(b).lower()) if lower else b) if b in kept else 0x20 for b in range(256))


# ASCII text is nearly two thirds of the texts word_count and normalize_key are asked about
# (dev corpus: 11.6k of 19k and 12.7k of 20.3k cache misses). There ``\w`` is [A-Za-z0-9_],
# NFKC changes nothing and casefold() is lower(): mapping every other byte to a space and
# splitting on spaces gives the regex's tokens, ~2.5x faster than findall() (0.44 against
# 1.17 us a text; tests/test_fastpaths.py checks every ASCII character)
_WORD_BYTES = ascii_table("_", lower=False)
_WORD_KEY_BYTES = ascii_table("_", lower=True)


@lru_cache(maxsize=16384)
def word_count(text: str) -> int:
    """Number of word tokens; in Chinese and Japanese, written without spaces, one word for
    every two characters (the length of an average word there)."""
    if text.isascii():
        return len(text.encode("ascii").translate(_WORD_BYTES).split())
    if _CJK_CHAR.search(text) is None:
        return len(_WORD.findall(text))
    runs = _CJK_RUN.findall(text)
    rest = _CJK_RUN.sub(" ", text)
    return len(_WORD.findall(rest)) + sum((len(r) + 1) // 2 for r in runs)


# Han ideographs, kana and their compatibility forms: scripts written without spaces
_CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]"
_CJK_RUN = re.compile(_CJK + "+")
_CJK_CHAR = re.compile(_CJK)  # (a search for one character is ~2x faster than for a run)


def text_length(text: str) -> int:
    """Length in characters, a Chinese or Japanese character counting two, so that length
    thresholds (prose from 40 characters, the main run's weights) mean about the same as in
    languages written with spaces, where a word takes six characters and there two or three.

    Calibrated on the development corpus (five Japanese pages, markdown and text copies): two
    brings two pages' bodies from F1 0.58 and 0.75 to 1.00 and 0.91; three does as well there
    but lets one page's footer of site descriptions outweigh its article.
    """
    if text.isascii() or _CJK_CHAR.search(text) is None:
        return len(text)
    return len(text) + sum(map(len, _CJK_RUN.findall(text)))


def is_sentence_like(text: str) -> bool:
    """Looks like running prose: several words, lowercase words, and closing punctuation."""
    if len(text) < 40 and text_length(text) < 40:  # (text_length is never below len)
        return False
    n = word_count(text)
    if n < 6:
        # scripts without spaces that word_count does not split (Thai) count characters instead
        return len(text) >= 40 and _ends_sentence(text) and not text.isascii()
    # headlines and teasers have no closing punctuation; long unpunctuated prose still counts
    return _ends_sentence(text) or (len(text) >= 150 and _lower_words_at_least(text, 12))


def _lower_words_at_least(text: str, n: int) -> bool:
    """``len(_LOWER_WORD.findall(text)) >= n``, stopping at the n-th match (dev corpus: the
    texts that get here are long and unpunctuated, ~50 us each for the whole findall)."""
    return next(islice(_LOWER_WORD.finditer(text), n - 1, None), None) is not None


def _ends_sentence(text: str) -> bool:
    """``_SENTENCE_END.search(text)``: closing punctuation, then only whitespace."""
    end = text.rstrip()
    return bool(end) and end[-1] in _SENTENCE_END_CHARS


@lru_cache(maxsize=4096)
def normalize_key(text: str) -> str:
    """A comparison key: casefolded word tokens joined by spaces."""
    if text.isascii():  # (see _WORD_BYTES)
        return b" ".join(text.encode("ascii").translate(_WORD_KEY_BYTES).split()).decode("ascii")
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))
