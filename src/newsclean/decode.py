"""Bytes to text: BOM, UTF-8, declared charset, detection; every decision is recorded.

Order of trust:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. known binary formats (zstd, xz, PDF, ZIP, images, ...) are refused with a message saying
   what to do; so is data that is mostly control bytes (gzip-compressed input is decompressed
   before, by :func:`gunzip`, bounded by ``max_bytes``);
3. UTF-16/UTF-32 without BOM, recognised by the pattern of NUL bytes in ASCII-heavy text
   (such bytes are also valid UTF-8, so this comes before the UTF-8 check);
4. valid UTF-8 (ISO-2022-JP, a 7-bit encoding, when it has its escape sequences);
5. mostly UTF-8 with a few invalid bytes (a page assembled from two encodings, or cut in the
   middle of a character): the invalid bytes are read as Windows-1252, nothing is dropped;
6. a declared charset (HTTP header, then ``<meta>`` or the XML declaration), but only when the
   bytes decode under it and read about as well as under the best other candidate: a
   declaration that does not fit the bytes is not trusted;
7. detection: every candidate legacy encoding that decodes the sample is scored by how much
   its reading looks like text (words in one script and one language's alphabet, no control
   or stray symbol characters), the best one wins.

Labels are read as browsers read them (WHATWG): ``iso-8859-1`` and ``ascii`` mean
Windows-1252, ``gb2312`` means GB18030, ``shift_jis`` means Windows-31J, and so on.
:class:`Decoded` carries the encoding, how it was chosen, and notes on anything repaired.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .errors import InputTooLargeError, UndecodableInputError

__all__ = ["GZIP_MAGIC", "Decoded", "decode", "gunzip", "scrub_str"]

GZIP_MAGIC = b"\x1f\x8b"


def gunzip(data: bytes, limit: int | None) -> bytes:
    """The decompressed bytes of gzip ``data`` (all its members), at most ``limit`` of them.

    Decompressed in steps that stop one byte past the limit, so a small file that inflates to
    gigabytes (a "gzip bomb") costs no more than ``limit`` bytes of memory before
    :class:`InputTooLargeError`. Corrupt or truncated data is :class:`UndecodableInputError`.
    """
    out: list[bytes] = []
    total = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(wbits=31)  # gzip header and trailer
        try:
            chunk = inflater.decompress(rest, 0 if limit is None else limit - total + 1)
        except zlib.error as exc:
            raise UndecodableInputError(
                f"the input looks like gzip-compressed data but does not decompress ({exc}); "
                "pass the page itself"
            ) from None
        total += len(chunk)
        if limit is not None and total > limit:
            raise InputTooLargeError(total, limit, decompressed=True)
        out.append(chunk)
        if not inflater.eof:
            raise UndecodableInputError(
                f"the input is gzip-compressed data cut off after {len(data):,} bytes "
                "(truncated file?); pass the whole file or the page itself"
            )
        rest = inflater.unused_data
        if not rest.strip(b"\x00"):
            break  # members padded with NUL bytes to a block size, as tape tools write them
    return b"".join(out)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# bounded: only the first 4 KiB is searched, and the pattern has no nested repetition
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""",
    re.IGNORECASE,
)
_MAGIC = (
    (GZIP_MAGIC, "gzip-compressed data inside gzip data: decompress it first (gzip.decompress)"),
    (b"%PDF-", "a PDF file: extract its text with a PDF tool first"),
    (b"PK\x03\x04", "a ZIP archive (or an office document): unpack it first"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data: decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed data: decompress it first (lzma.decompress)"),
    (b"BZh", "bzip2-compressed data: decompress it first (bz2.decompress)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document: convert it to text first"),
    (b"\x7fELF", "an executable, not a page"),
    (b"\x89PNG", "a PNG image, not a page"),
    (b"\xff\xd8\xff", "a JPEG image, not a page"),
    (b"GIF8", "a GIF image, not a page"),
    (b"wOFF", "a web font, not a page"),
    (b"wOF2", "a web font, not a page"),
)
_SURROGATES = re.compile("[\ud800-\udfff]")

# WHATWG encoding labels whose Python codec of the same name decodes differently
_WHATWG = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "iso8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "korean": "cp949",
}
# declared in a page, these cannot be right for bytes that reached the declaration check
# (browsers read them as UTF-8; UTF-16/32 were tried on the NUL pattern already)
_IGNORED_DECLARATIONS = ("utf-16", "utf-32", "x-user-defined")

# candidates of detection, in order of preference when two read equally well
_CANDIDATES = (
    "cp1252",
    "iso8859_15",
    "cp1250",
    "cp1251",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1257",
    "cp1255",
    "cp1256",
    "iso8859_2",
    "cp932",
    "euc_jp",
    "gb18030",
    "big5hkscs",
    "cp949",
)
_MULTIBYTE = frozenset({"cp932", "euc_jp", "gb18030", "big5hkscs", "cp949"})
_SAMPLE = 65536  # bytes scored by detection (the mostly-UTF-8 check reads everything)

# lowercase letters of the alphabets of languages written with Latin letters: a word whose
# non-ASCII letters all belong to one of them reads as text
_ALPHABETS = tuple(
    frozenset(a)
    for a in (
        "äöüßéàè",  # German (with common French loans)
        "àâæçéèêëîïôœùûüÿ",  # French
        "áéíñóúüàèïòç·",  # Spanish, Catalan
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "éëïöüèáóíú",  # Dutch, Afrikaans
        "åäæøöéüá",  # Scandinavian
        "áðéíóúýþæö",  # Icelandic, Faroese
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "ăâîșțşţ",  # Romanian
        "çğıöşüâî",  # Turkish
        "čćđšž",  # Croatian, Slovenian, Bosnian, Serbian Latin
        "ąčęėįšųūž",  # Lithuanian
        "āčēģīķļņšūž",  # Latvian
        "äõöüšž",  # Estonian
        "äöåšž",  # Finnish
        "ŵŷâêîôû",  # Welsh
        "ëç",  # Albanian
    )
)
# non-letter characters common in running text: they count like letters of plausible words
_TEXT_SYMBOLS = frozenset("\u00a0“”‘’‚„–—…€•«»‹›°·©®™§¶±×÷¿¡½¼¾²³£¥¢µ†‡‰′″№")
# scripts that may share one word (Japanese mixes kanji and kana; Korean may add hanja)
_SCRIPT_GROUPS = (
    frozenset({"LATIN"}),
    frozenset({"CYRILLIC"}),
    frozenset({"GREEK"}),
    frozenset({"HEBREW"}),
    frozenset({"ARABIC"}),
    frozenset({"THAI"}),
    frozenset({"CJK", "HIRAGANA", "KATAKANA"}),
    frozenset({"HANGUL", "CJK"}),
)
_BICAMERAL = frozenset({"LATIN", "CYRILLIC", "GREEK"})
_SCRIPT_ALIASES = {"KATAKANA-HIRAGANA": "KATAKANA", "IDEOGRAPHIC": "CJK", "FULLWIDTH": "CJK"}
# the most frequent characters of Chinese (both scripts), Japanese and Korean text: a right
# reading of CJK bytes is full of them, a wrong one (GB read as Big5, ...) has next to none
_COMMON = frozenset(
    "的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也你对對"
    "生能而子那得于於着下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如"
    "都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心她本前开開但因只从從想实實日"
    "のにはをたがでてとしれさあるいうかなこもっ月新聞社"
    "이다의는에을하고가한로서지기를은도으있것들수사그인대라적보"
)
# a single non-ASCII letter standing alone as a word ("à", "é", "å" are words; "œ" is not)
_SINGLE_LETTER_WORDS = frozenset("àèéóòùìáíúöäåüçñ")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The decoded text, the encoding, how it was chosen, and what was repaired."""

    text: str
    encoding: str
    #: bom | utf-8 | iso-2022-jp | utf-16-nul-pattern | utf-32-nul-pattern | repaired |
    #: declared | declared-http | detected
    how: str
    notes: tuple[str, ...] = ()


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error("newsclean-cp1252", _cp1252_fallback)


def _normalise_name(name: str) -> str | None:
    """Python codec name for an encoding label, browser-style; None for unknown labels."""
    label = name.strip().lower()
    label = _WHATWG.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _binary_reason(sample: bytes) -> str | None:
    """Why ``sample`` is not text (None when it may be text)."""
    if not sample:
        return None
    controls = sum(1 for b in sample if b < 9 or 13 < b < 27 or 27 < b < 32)
    if controls / len(sample) > 0.05:
        return (
            f"the input looks like binary data, not text ({controls} of the first "
            f"{len(sample)} bytes are control bytes); pass the page's HTML or text"
        )
    return None


def _nul_pattern(sample: bytes) -> str | None:
    """UTF-16/UTF-32 codec when NUL bytes fall where ASCII text in that encoding has them."""
    if len(sample) < 8:
        return None
    sample = sample[: len(sample) // 4 * 4]
    col = [sample[i::4].count(0) / (len(sample) // 4) for i in range(4)]
    if col[1] > 0.9 and col[2] > 0.9 and col[3] > 0.9 and col[0] < 0.1:
        return "utf-32-le"
    if col[0] > 0.9 and col[1] > 0.9 and col[2] > 0.9 and col[3] < 0.1:
        return "utf-32-be"
    even = (col[0] + col[2]) / 2
    odd = (col[1] + col[3]) / 2
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> tuple[bool, int]:
    """Whether ``data`` is UTF-8 apart from a few invalid sequences; their number."""
    text = data.decode("utf-8", errors="replace")
    errors = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - errors
    # genuine legacy text has next to no valid multi-byte sequences by accident (an uppercase
    # accented letter followed by a symbol), so a few are enough (calibrated: development
    # corpus bodies in UTF-8 with three Windows-1252 characters appended all pass)
    return valid >= 2 and errors <= valid, errors


@lru_cache(maxsize=65536)
def _char_info(c: str) -> tuple[str, int]:
    """(script of a letter, score of the character by itself)."""
    name = unicodedata.name(c, "")
    script = name.split(" ", 1)[0] if name else ""
    if c.isalpha():
        if script == "HALFWIDTH":  # half-width katakana: what GB/Big5 bytes read as Shift-JIS
            return "HALFWIDTH", -1
        script = _SCRIPT_ALIASES.get(script, script)
        return script, 1 if c in _COMMON else 0
    if c in _TEXT_SYMBOLS or 0x3000 <= ord(c) <= 0x303F or 0xFF01 <= ord(c) <= 0xFF60:
        return "", 1  # as plausible as a letter of a plausible word
    if c.isspace() or c.isnumeric():
        return "", 0
    cat = unicodedata.category(c)
    if cat in ("Cc", "Cf", "Co", "Cn", "Cs"):
        return "", -3
    if cat.startswith("M"):
        return "", 0  # combining marks (Arabic/Hebrew vowel points, Thai)
    if cat[0] == "P":
        return "", 0 if c.isascii() or cat in ("Pd", "Pi", "Pf") else -1
    return "", -1


def _score(text: str, weight: int) -> int:
    """How much ``text`` reads as text: + for plausible words, - for junk characters."""
    score = 0
    for c, n in Counter(text).items():
        if not c.isascii():
            score += _char_info(c)[1] * weight * n
    for m in _LETTERS.finditer(text):
        word = m.group()
        if word.isascii():
            continue
        n = weight * sum(1 for c in word if not c.isascii())
        score += n if _plausible_word(word) else -n
    return score


def _plausible_word(word: str) -> bool:
    if len(word) == 1 and word.lower() not in _SINGLE_LETTER_WORDS and word < "\u0370":
        return False
    scripts = {_char_info(c)[0] for c in word if not c.isascii()}
    if "HALFWIDTH" in scripts or not any(scripts <= g for g in _SCRIPT_GROUPS):
        return False
    if not scripts <= {"LATIN"} and any(c.isascii() for c in word):
        return False  # ASCII letters inside a Cyrillic/Greek/CJK word
    if scripts & _BICAMERAL:
        for a, b in itertools.pairwise(word):
            if a.islower() and b.isupper() and not (a.isascii() and b.isascii()):
                return False  # "пРИВЕТ": KOI8-R read as Windows-1251 and the reverse
    if scripts == {"LATIN"}:
        letters = {c for c in word.lower() if not c.isascii()}
        return any(letters <= a for a in _ALPHABETS)
    return True


_HIGH = re.compile(rb"[\x80-\xff]")


def _sample(data: bytes) -> bytes:
    """``_SAMPLE`` bytes from just before the first non-ASCII byte (a page's head and scripts
    can be 100 KB of ASCII), starting and ending at ASCII bytes (never inside a character)."""
    first = _HIGH.search(data)
    start = max(0, first.start() - 1024) if first is not None else 0
    if len(data) - start <= _SAMPLE:
        return data[start:]
    cut = start + _SAMPLE
    while cut > start + _SAMPLE - 4096 and data[cut - 1] >= 0x80:
        cut -= 1
    return data[start:cut]


def _ranked(sample: bytes) -> list[tuple[int, str]]:
    """(score, codec) of every candidate that decodes ``sample``, best first."""
    out: list[tuple[int, int, str]] = []
    for i, enc in enumerate(_CANDIDATES):
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        out.append((_score(text, 2 if enc in _MULTIBYTE else 1), -i, enc))
    out.sort(reverse=True)
    return [(s, enc) for s, _, enc in out]


def _decode_all(data: bytes, enc: str, how: str, notes: list[str]) -> Decoded:
    text = data.decode(enc, errors="replace")
    try:
        bad = text.count("\ufffd") - data.count("\ufffd".encode(enc))
    except UnicodeEncodeError:  # the encoding has no U+FFFD: every one is a replacement
        bad = text.count("\ufffd")
    if bad > 0:
        notes.append(f"{bad} byte sequence(s) not valid in {enc} replaced by U+FFFD")
    return Decoded(text, enc, how, tuple(notes))


def decode(data: bytes, *, http_charset: str | None = None) -> Decoded:
    """Decode ``data`` to text, or raise :class:`UndecodableInputError`."""
    for bom, bom_enc in _BOMS:
        if data.startswith(bom):
            return _decode_all(data[len(bom) :], bom_enc, "bom", [])
    head = data[:4096]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise UndecodableInputError(f"the input looks like {what}")
    wide = _nul_pattern(head)
    if wide is not None:
        return _decode_all(data, wide, f"{wide[:6]}-nul-pattern", [])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if head.count(0) > 0.1 * len(head):
            raise UndecodableInputError(
                f"the input looks like binary data, not text ({head.count(0)} of the first "
                f"{len(head)} bytes are NUL); pass the page's HTML or text"
            )
        if data.isascii() and b"\x1b$" in head:
            try:
                return Decoded(data.decode("iso2022_jp"), "iso2022_jp", "iso-2022-jp")
            except UnicodeDecodeError:
                pass
        return Decoded(text, "utf-8", "utf-8")
    reason = _binary_reason(head)
    if reason is not None:
        raise UndecodableInputError(reason)
    notes: list[str] = []
    mostly, errors = _mostly_utf8(data)
    if mostly:
        # UTF-8 with a few invalid bytes: read those as Windows-1252 rather than re-guess
        text = data.decode("utf-8", errors="newsclean-cp1252")
        notes.append(f"{errors} invalid UTF-8 sequence(s) read as windows-1252")
        return Decoded(text, "utf-8", "repaired", tuple(notes))
    sample = _sample(data)
    declared: list[tuple[str, str]] = []
    if http_charset:
        declared.append((http_charset, "declared-http"))
    m = _DECLARED.search(head)
    if m:
        declared.append(((m.group(1) or m.group(2)).decode("ascii", "replace"), "declared"))
    ranked = _ranked(sample)
    best_score = ranked[0][0] if ranked else 0
    for name, how in declared:
        enc = _normalise_name(name)
        where = "the HTTP header" if how == "declared-http" else "the page"
        ignored = f"charset {name!r} declared in {where} ignored"
        if enc is None:
            notes.append(f"{ignored}: unknown encoding")
            continue
        if enc.startswith(("utf-8", *_IGNORED_DECLARATIONS)):
            notes.append(f"{ignored}: the bytes are not {enc}")
            continue
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            notes.append(f"{ignored}: the bytes are not {enc}")
            continue
        score = _score(text, 2 if enc in _MULTIBYTE else 1)
        if ranked and score < best_score - max(2, abs(best_score) // 10):
            notes.append(f"{ignored}: the bytes read better as {ranked[0][1]}")
            continue
        if enc != name.strip().lower():
            notes.append(f"charset {name!r} read as {enc}")
        return _decode_all(data, enc, how, notes)
    enc = ranked[0][1] if ranked else "cp1252"
    return _decode_all(data, enc, "detected", notes)


def scrub_str(text: str) -> tuple[str, bool]:
    """Replace lone surrogates (which lxml and JSON cannot take) with U+FFFD."""
    try:
        text.encode("utf-8")  # fast path in C: only lone surrogates fail
        return text, False
    except UnicodeEncodeError:
        pass
    return _SURROGATES.sub("\ufffd", text), True
