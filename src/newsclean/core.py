"""``clean()``: decode, detect, read, run the pipeline, assemble the Article."""

from __future__ import annotations

import gc

from .article import Article
from .assemble import assemble
from .decode import GZIP_MAGIC, decode, gunzip, scrub_str
from .document import Document
from .errors import InputError, InputTooLargeError, NewscleanError
from .pipeline import Pipeline
from .readers import detect_format, read

__all__ = ["DEFAULT_MAX_BYTES", "clean", "prepare"]

#: default input size limit: far above any real article page (the largest page of the
#: development corpus is under 3 MB), low enough that one pathological file cannot eat memory
DEFAULT_MAX_BYTES = 50_000_000

_DEFAULT: Pipeline | None = None


def _default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline.default()
    return _DEFAULT


def prepare(
    raw: str | bytes,
    *,
    url: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    http_charset: str | None = None,
) -> Document:
    """Decode and read ``raw`` into a working Document (no stage has run yet).

    ``max_bytes`` bounds the input's size in bytes (a str counts as its UTF-8 encoding, gzip
    bytes both as they are and decompressed); None lifts the limit. See docs/limits.md.
    """
    if max_bytes is not None and (
        not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes < 0
    ):
        raise InputError(f"max_bytes must be a non-negative int or None, not {max_bytes!r}")
    notes: list[str] = []
    if isinstance(raw, (bytes, bytearray, memoryview)):
        size = memoryview(raw).nbytes
        if max_bytes is not None and size > max_bytes:
            raise InputTooLargeError(size, max_bytes)
        data = bytes(raw)
        if data[:2] == GZIP_MAGIC:
            data = gunzip(data, max_bytes)
            notes.append(
                f"gzip-compressed input ({size:,} bytes) decompressed to {len(data):,} bytes"
            )
        dec = decode(data, http_charset=http_charset)
        text, encoding = dec.text, dec.encoding
        notes.append(f"decoded as {dec.encoding} ({dec.how})")
        notes.extend(dec.notes)
        # Python's strict UTF-8 decoder never yields a surrogate: no need to scan for them
        strict_utf8 = dec.encoding == dec.how == "utf-8"
        # the bytes as they are when the text is exactly their UTF-8 decoding: the HTML
        # reader hands them to libxml2 instead of encoding the text again
        utf8: bytes | None = data if strict_utf8 else None
    elif isinstance(raw, str):
        if max_bytes is not None:
            size = _utf8_size(raw, max_bytes)
            if size > max_bytes:
                raise InputTooLargeError(size, max_bytes)
        text, encoding = raw, None
        strict_utf8 = False
        utf8 = None
    else:
        raise InputError(
            f"clean() takes str or bytes, not {type(raw).__name__}; "
            "read files in binary mode and pass the bytes"
        )
    if not strict_utf8:
        text, had_surrogates = scrub_str(text)
        if had_surrogates:
            notes.append("lone surrogates replaced by U+FFFD")
    # the bytes, when the text is their UTF-8 decoding, say as much and are searched faster:
    # in a str of two or four bytes a character, CPython looks for NUL with memchr() on its
    # low byte, which every ASCII character holds (0.22 ms a page on the dev corpus, 0.02 in
    # the bytes; UTF-8 writes U+0000 and CR as the bytes 0x00 and 0x0D and nothing else)
    if (b"\x00" in utf8) if utf8 is not None else ("\x00" in text):
        # NUL is never text: browsers drop it too (and libxml2 would turn it into U+FFFD)
        notes.append(f"{text.count(chr(0))} NUL character(s) removed")
        text = text.replace("\x00", "")
        # (UTF-8 encodes NUL, CR and LF as those single bytes and never uses them inside a
        # multi-byte character: the same replacements on the bytes keep them the text's)
        utf8 = utf8.replace(b"\x00", b"") if utf8 is not None else None
    if (b"\r" in utf8) if utf8 is not None else ("\r" in text):
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        utf8 = utf8.replace(b"\r\n", b"\n").replace(b"\r", b"\n") if utf8 is not None else None
    doc = Document(raw=raw, text=text, format=detect_format(text), url=url, encoding=encoding)
    doc.utf8 = utf8
    doc.notes.extend(notes)
    try:
        return read(doc)
    except RecursionError as exc:  # pragma: no cover - defensive: readers are iterative
        raise InputError("the input is nested too deeply to read") from exc


def _utf8_size(text: str, limit: int) -> int:
    """Size of ``text`` in UTF-8, computed only when the length alone cannot decide."""
    if len(text) > limit or len(text) * 4 <= limit:
        return len(text)  # over for sure (1+ byte per character) / under for sure
    return len(text.encode("utf-8", errors="surrogatepass"))


def clean(
    raw: str | bytes,
    *,
    url: str | None = None,
    pipeline: Pipeline | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    charset: str | None = None,
) -> Article:
    """Clean one news page (HTML, markdown dump or plain text, as str or bytes) into an Article.

    ``charset`` is the encoding the HTTP response declared (Content-Type), if you have it: it
    is tried before the page's own declaration, and only trusted when the bytes decode under it.

    >>> article = clean("<h1>Hello</h1><p>This is the first paragraph of a short story.</p>")
    >>> article.title
    'Hello'

    Raises a subclass of :class:`newsclean.NewscleanError` for input it cannot take
    (undecodable bytes, input over ``max_bytes``) or a stage that fails.

    Python's cyclic garbage collector is paused while the page is cleaned and left as it was
    found afterwards (a page's objects are freed by reference counting; the collections they
    would trigger cost ~5 % of the time).
    """
    # (the docstring says why; the collections a page would trigger walk the caller's whole
    # heap: 1.1 ms a page in-process on the dev corpus)
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        doc = prepare(raw, url=url, max_bytes=max_bytes, http_charset=charset)
        pipe = pipeline if pipeline is not None else _default_pipeline()
        doc = pipe.run(doc)
        return assemble(doc)
    except NewscleanError:
        raise
    except RecursionError as exc:  # pragma: no cover - defensive: walkers are iterative
        raise InputError("the input is nested too deeply to process") from exc
    finally:
        if paused:
            gc.enable()
