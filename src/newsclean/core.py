"""``clean()``: decode, detect, read, run the pipeline, assemble the Article."""

from __future__ import annotations

from .article import Article
from .assemble import assemble
from .decode import decode, scrub_str
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
    """Decode and read ``raw`` into a working Document (no stage has run yet)."""
    if isinstance(raw, (bytes, bytearray, memoryview)):
        data = bytes(raw)
        if max_bytes is not None and len(data) > max_bytes:
            raise InputTooLargeError(len(data), max_bytes)
        dec = decode(data, http_charset=http_charset)
        text, encoding, how = dec.text, dec.encoding, dec.how
    elif isinstance(raw, str):
        if max_bytes is not None and len(raw) > max_bytes:
            raise InputTooLargeError(len(raw), max_bytes)
        text, encoding, how = raw, None, None
    else:
        raise InputError(
            f"clean() takes str or bytes, not {type(raw).__name__}; "
            "read files in binary mode and pass the bytes"
        )
    text, had_surrogates = scrub_str(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = Document(raw=raw, text=text, format=detect_format(text), url=url, encoding=encoding)
    if how is not None:
        doc.notes.append(f"decoded as {encoding} ({how})")
    if had_surrogates:
        doc.notes.append("lone surrogates replaced by U+FFFD")
    return read(doc)


def clean(
    raw: str | bytes,
    *,
    url: str | None = None,
    pipeline: Pipeline | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Article:
    """Clean one news page (HTML, markdown dump or plain text, as str or bytes) into an Article.

    >>> article = clean("<h1>Hello</h1><p>This is the first paragraph of a short story.</p>")
    >>> article.title
    'Hello'

    Raises a subclass of :class:`newsclean.NewscleanError` for input it cannot take
    (undecodable bytes, input over ``max_bytes``) or a stage that fails.
    """
    doc = prepare(raw, url=url, max_bytes=max_bytes)
    pipe = pipeline if pipeline is not None else _default_pipeline()
    try:
        doc = pipe.run(doc)
        return assemble(doc)
    except NewscleanError:
        raise
    except RecursionError as exc:  # pragma: no cover - defensive: walkers are iterative
        raise InputError("the input is nested too deeply to process") from exc
