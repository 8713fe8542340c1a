"""Small generated pages and WARC records shared by the batch, CLI and datatrove tests."""

from __future__ import annotations

import uuid

_TEMPLATE = (
    "<html><head><title>Story {i} - The Daily</title>{meta}</head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<article><h1>Story {i} headline</h1><p class='byline'>By Jane Doe</p>"
    "<p>The first paragraph of story {i} tells what happened in the town on Monday, "
    "with enough words to count as text.</p>"
    "<p>A second paragraph adds detail about the people involved and what they said.</p>"
    "</article><footer>Copyright 2024 The Daily</footer></body></html>"
)


#: four article paragraphs long enough to count as prose in every format
ARTICLE_PARAS = [
    "The city council voted on Tuesday to expand the tram network by three new lines, a decision that ends years of debate among residents and businesses.",
    "Construction is expected to begin next spring, and the first line should open within four years, officials said at a press conference in the town hall.",
    "Opponents argued that the money would be better spent on buses, which can be rerouted as the city grows and cost far less to run each year.",
    "Supporters countered that trams carry more passengers and attract riders who would never take a bus, pointing to the experience of other cities.",
]


def page(i: int, *, dated: bool = False) -> str:
    """A small news page whose headline is 'Story <i> headline' (dated: 2024-05-0<i>)."""
    meta = (
        f"<meta property='article:published_time' content='2024-05-0{i}T08:00:00Z'>"
        if dated
        else ""
    )
    return _TEMPLATE.format(i=i, meta=meta)


def warc_record(
    url: str,
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    rec_type: str = "response",
    declare_http: bool = True,
    payload_type: str | None = None,
) -> bytes:
    """One WARC/1.0 record holding an HTTP response (or a request) for ``url``."""
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() + b"\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    declared = f"Content-Type: application/http; msgtype={rec_type}\r\n" if declare_http else ""
    identified = f"WARC-Identified-Payload-Type: {payload_type}\r\n" if payload_type else ""
    head = (
        f"WARC/1.0\r\nWARC-Type: {rec_type}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        f"{identified}{declared}Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


#: headline and paragraph of :func:`legacy_page`
LEGACY_HEADLINE = "Закон о бюджете"
LEGACY_TEXT = (
    "Президент подписал закон о бюджете на следующий год. "
    "Депутаты обсуждали его три недели, а затем приняли."
)


def legacy_page(charset: str = "iso-8859-5") -> bytes:
    """A Russian page in a legacy charset that it does not declare itself (no meta charset).

    In ISO-8859-5 these bytes are read as Arabic by detection alone (checked when this was
    written), so only the HTTP header's charset decodes them right."""
    html = (
        f"<html><head><title>{LEGACY_HEADLINE}</title></head><body><article>"
        f"<h1>{LEGACY_HEADLINE}</h1><p>{LEGACY_TEXT}</p><p>{LEGACY_TEXT}</p></article></body></html>"
    )
    return html.encode(charset)


def md_dump(*blocks: str) -> str:
    """A pandoc-style markdown dump of a page: its blocks, a blank line apart."""
    return "\n\n".join(blocks) + "\n"
