"""Bytes to text: BOM, UTF-8, declared charset, detection; every decision is recorded.

Order of trust: a byte-order mark; valid UTF-8; a declared charset (HTTP header, ``<meta>``,
XML declaration) but only when the bytes decode under it; UTF-16 without BOM (NUL-byte
pattern); then charset detection on a sample. Mixed input (UTF-8 with stray single-byte
characters) is repaired byte by byte instead of dropped.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import UndecodableInputError

__all__ = ["Decoded", "decode", "scrub_str"]

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
    (b"\x1f\x8b", "gzip-compressed data: decompress it first (gzip.decompress)"),
    (b"%PDF-", "a PDF file: extract its text with a PDF tool first"),
    (b"PK\x03\x04", "a ZIP archive: unpack it first"),
    (b"\x89PNG", "a PNG image, not a page"),
    (b"\xff\xd8\xff", "a JPEG image, not a page"),
    (b"GIF8", "a GIF image, not a page"),
)
_SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The decoded text and how it was decoded."""

    text: str
    encoding: str
    how: str  # bom | utf-8 | declared | declared-http | utf-16-nul-pattern | detected | repaired


def _utf8_with_cp1252(data: bytes) -> str:
    """Decode UTF-8, reading each invalid byte as Windows-1252 (mixed-encoding pages)."""
    return data.decode("utf-8", errors="newsclean-cp1252")


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error("newsclean-cp1252", _cp1252_fallback)


def _normalise_name(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls / len(sample) > 0.1


def decode(data: bytes, *, http_charset: str | None = None) -> Decoded:
    """Decode ``data`` to text, or raise :class:`UndecodableInputError`."""
    for bom, bom_enc in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(bom_enc, errors="replace"), bom_enc, "bom")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UndecodableInputError(f"the input looks like {what}")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:4096]
    declared: list[tuple[str, str]] = []
    if http_charset:
        declared.append((http_charset, "declared-http"))
    m = _DECLARED.search(head)
    if m:
        declared.append(((m.group(1) or m.group(2)).decode("ascii", "replace"), "declared"))
    for name, how in declared:
        enc = _normalise_name(name)
        if enc is None or enc.startswith("utf-8"):
            continue
        try:
            return Decoded(data.decode(enc), enc, how)
        except (UnicodeDecodeError, LookupError):
            continue
    # UTF-16 without BOM: every other byte NUL in ASCII-heavy text
    sample = data[:2000]
    if len(sample) >= 4:
        even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
        odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
        if odd_nul > 0.4 and even_nul < 0.05:
            return Decoded(
                data.decode("utf-16-le", errors="replace"), "utf-16-le", "utf-16-nul-pattern"
            )
        if even_nul > 0.4 and odd_nul < 0.05:
            return Decoded(
                data.decode("utf-16-be", errors="replace"), "utf-16-be", "utf-16-nul-pattern"
            )
    if _looks_binary(sample):
        raise UndecodableInputError(
            "the input looks like binary data, not text; pass the page's HTML or text"
        )
    # mostly UTF-8 with a few stray bytes: repair rather than re-guess the whole page
    multibyte = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", data[:65536]))
    if multibyte >= 3:
        return Decoded(_utf8_with_cp1252(data), "utf-8", "repaired")
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    enc = _normalise_name(best.encoding) if best is not None else None
    if enc is None:
        enc = "cp1252"
    return Decoded(data.decode(enc, errors="replace"), enc, "detected")


def scrub_str(text: str) -> tuple[str, bool]:
    """Replace lone surrogates (which lxml and JSON cannot take) with U+FFFD."""
    try:
        text.encode("utf-8")  # fast path in C: only lone surrogates fail
        return text, False
    except UnicodeEncodeError:
        pass
    return _SURROGATES.sub("\ufffd", text), True
