"""Read HTML pages out of WARC files (``.warc`` or ``.warc.gz``).

:func:`iter_warc` yields one :class:`WarcPage` per ``response`` record whose HTTP payload is
HTML (``text/html`` or ``application/xhtml+xml``; records without a Content-Type are kept,
the cleaner decides). The payload comes back as bytes with transfer and content encodings
(chunked, gzip, deflate) undone, ready for :func:`newsclean.clean`.

Three backends, chosen by :func:`iter_warc` with ``backend="auto"``:

``fastwarc``
    The C++ reader of the ``fastwarc`` package (``pip install newsclean[warc]``); fastest
    (see docs/batch.md for the measurement).
``warcio``
    The reference reader (``pip install warcio``).
``python``
    A small reader in this module: gzip members and uncompressed files, no dependencies.

>>> import io
>>> record = (b"WARC/1.0\\r\\nWARC-Type: response\\r\\nWARC-Target-URI: https://example.org/a\\r\\n"
...           b"Content-Length: 53\\r\\n\\r\\nHTTP/1.1 200 OK\\r\\nContent-Type: text/html\\r\\n\\r\\n<p>Hi</p>"
...           b"\\r\\n\\r\\n")
>>> [(p.url, p.html) for p in iter_warc(io.BytesIO(record), backend="python")]
[('https://example.org/a', b'<p>Hi</p>')]
"""

from __future__ import annotations

import gzip
import importlib
import io
import os
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any, Literal, cast

__all__ = ["Backend", "WarcPage", "available_backends", "iter_warc"]

Backend = Literal["auto", "fastwarc", "warcio", "python"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML response out of a WARC file."""

    #: the WARC-Record-ID (``<urn:uuid:...>``), or ``None`` when the record has none
    record_id: str | None
    #: the WARC-Target-URI
    url: str | None
    #: the WARC-Date as written in the record
    date: str | None
    #: charset from the HTTP Content-Type header, if any
    http_charset: str | None
    #: the HTTP payload (the page), decoded from chunked/gzip/deflate
    html: bytes


def available_backends() -> list[str]:
    """Backends usable on this machine, fastest first."""
    out = []
    for name in ("fastwarc", "warcio"):
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        out.append(name)
    out.append("python")
    return out


def iter_warc(
    source: str | os.PathLike[str] | IO[bytes], *, backend: Backend = "auto"
) -> Iterator[WarcPage]:
    """Yield the HTML response records of a WARC file (path or binary file object)."""
    if backend == "auto":
        backend = available_backends()[0]  # type: ignore[assignment]
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as fh:
            yield from iter_warc(fh, backend=backend)
        return
    if backend == "fastwarc":
        yield from _iter_fastwarc(source)
    elif backend == "warcio":
        yield from _iter_warcio(source)
    elif backend == "python":
        yield from _iter_python(source)
    else:
        raise ValueError(f"unknown WARC backend {backend!r}; use one of {available_backends()}")


def _is_html(content_type: str | None) -> bool:
    if not content_type:
        return True
    return content_type.split(";", 1)[0].strip().lower() in _HTML_TYPES


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _encoded(header: Callable[[str], str | None]) -> bool:
    """Whether the HTTP payload was transfer- or content-encoded (its length then differs
    from the record's, so a cut record can only be told by length when this is False)."""
    coding = (header("Content-Encoding") or "").strip().lower()
    return (
        coding not in ("", "identity") or "chunked" in (header("Transfer-Encoding") or "").lower()
    )


# --- fastwarc -----------------------------------------------------------------------------------


def _iter_fastwarc(fh: IO[bytes]) -> Iterator[WarcPage]:
    fw: Any = importlib.import_module("fastwarc.warc")
    for rec in fw.ArchiveIterator(
        fh, record_types=fw.WarcRecordType.response, parse_http=True, auto_decode="all"
    ):
        if rec.http_headers is None:
            # no "Content-Type: application/http" on the record: parse it anyway, as warcio does
            rec.is_http = True
            try:
                rec.parse_http(auto_decode="all")
            except Exception:
                continue
            if rec.http_headers is None:
                continue
        ctype = rec.http_content_type
        if not _is_html(ctype):
            continue
        headers = rec.headers
        html = rec.reader.read()
        http = rec.http_headers
        if len(html) < rec.content_length and not _encoded(http.get):
            # the file ends inside this record: fastwarc hands over the stub without a word
            # (a cut encoded payload raises on its own); only an unencoded payload's length
            # can be checked against the record's
            raise EOFError(
                f"WARC record {headers.get('WARC-Record-ID', '')} cut short: "
                f"{len(html)} of {rec.content_length} payload bytes"
            )
        yield WarcPage(
            record_id=headers.get("WARC-Record-ID"),
            url=headers.get("WARC-Target-URI"),
            date=headers.get("WARC-Date"),
            http_charset=rec.http_charset or _charset(http.get("Content-Type")),
            html=html,
        )


# --- warcio -------------------------------------------------------------------------------------


def _iter_warcio(fh: IO[bytes]) -> Iterator[WarcPage]:
    ai: Any = importlib.import_module("warcio.archiveiterator")
    for rec in ai.ArchiveIterator(fh):
        if rec.rec_type != "response":
            continue
        ctype = rec.http_headers.get_header("Content-Type") if rec.http_headers else None
        if not _is_html(ctype):
            continue
        html = rec.content_stream().read()
        left = getattr(rec.raw_stream, "limit", 0)  # bytes of the record not read
        if left and not (rec.http_headers and _encoded(rec.http_headers.get_header)):
            raise EOFError(  # the file ends inside this record (warcio gives the stub)
                f"WARC record {rec.rec_headers.get_header('WARC-Record-ID') or ''} cut short: "
                f"{len(html)} payload bytes, {left} missing"
            )
        yield WarcPage(
            record_id=rec.rec_headers.get_header("WARC-Record-ID"),
            url=rec.rec_headers.get_header("WARC-Target-URI"),
            date=rec.rec_headers.get_header("WARC-Date"),
            http_charset=_charset(ctype),
            html=html,
        )


# --- pure python --------------------------------------------------------------------------------


def _open_maybe_gzip(fh: IO[bytes]) -> IO[bytes]:
    buffered: Any = fh if hasattr(fh, "peek") else io.BufferedReader(cast(Any, fh))
    if buffered.peek(2)[:2] == b"\x1f\x8b":
        return cast(IO[bytes], gzip.GzipFile(fileobj=buffered, mode="rb"))  # every member in turn
    return cast(IO[bytes], buffered)


def _read_headers(fh: IO[bytes]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    while True:
        line = fh.readline(65536)
        if not line or line in (b"\r\n", b"\n"):
            return out
        if line[:1] in (b" ", b"\t") and out:  # folded header line
            key, value = out[-1]
            out[-1] = (key, value + " " + line.strip().decode("latin-1"))
            continue
        key, sep, value = line.decode("latin-1").partition(":")
        if sep:
            out.append((key.strip().lower(), value.strip()))


def _dechunk(body: bytes) -> bytes:
    out = bytearray()
    pos = 0
    while pos < len(body):
        end = body.find(b"\r\n", pos)
        if end < 0:
            break
        try:
            size = int(body[pos:end].split(b";", 1)[0].strip() or b"0", 16)
        except ValueError:
            return body  # not chunked after all
        if size == 0:
            break
        out += body[end + 2 : end + 2 + size]
        pos = end + 2 + size + 2
    return bytes(out)


def _decompress(body: bytes, encoding: str) -> bytes:
    enc = encoding.strip().lower()
    try:
        if enc in ("gzip", "x-gzip"):
            return zlib.decompress(body, 16 + zlib.MAX_WBITS)
        if enc == "deflate":
            try:
                return zlib.decompress(body)
            except zlib.error:
                return zlib.decompress(body, -zlib.MAX_WBITS)
    except zlib.error:
        return body  # header lies (common): keep the bytes as they are
    return body


def _iter_python(fh: IO[bytes]) -> Iterator[WarcPage]:
    stream = _open_maybe_gzip(fh)
    while True:
        line = stream.readline(65536)
        if not line:
            return
        if not line.startswith(b"WARC/"):
            continue  # blank separator lines between records
        headers = dict(_read_headers(stream))
        length = int(headers.get("content-length", "0") or 0)
        block = stream.read(length)
        if len(block) < length:  # the file ends inside this record: say so, do not clean a stub
            raise EOFError(
                f"WARC record {headers.get('warc-record-id', '')} cut short: "
                f"{len(block)} of {length} bytes"
            )
        if headers.get("warc-type") != "response":
            continue
        if not headers.get("content-type", "application/http").startswith("application/http"):
            continue
        head_end = block.find(b"\r\n\r\n")
        sep = 4
        if head_end < 0:
            head_end, sep = block.find(b"\n\n"), 2
        if head_end < 0:
            continue
        http = io.BytesIO(block[: head_end + sep])
        http.readline()  # status line
        http_headers = dict(_read_headers(http))
        ctype = http_headers.get("content-type")
        if not _is_html(ctype):
            continue
        body = block[head_end + sep :]
        if "chunked" in http_headers.get("transfer-encoding", "").lower():
            body = _dechunk(body)
        if "content-encoding" in http_headers:
            body = _decompress(body, http_headers["content-encoding"])
        yield WarcPage(
            record_id=headers.get("warc-record-id"),
            url=headers.get("warc-target-uri"),
            date=headers.get("warc-date"),
            http_charset=_charset(ctype),
            html=body,
        )
