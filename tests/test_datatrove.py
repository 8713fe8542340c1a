"""The datatrove pipeline step, run by datatrove's LocalPipelineExecutor over a small WARC."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import newsclean

pytest.importorskip("datatrove")

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.writers import JsonlWriter

from newsclean.integrations.datatrove import METADATA_KEYS, NewscleanExtractor

from .pages import page, warc_record


def test_executor_over_a_warc(tmp_path: Path) -> None:
    """WarcReader -> NewscleanExtractor -> JsonlWriter: body as text, article fields in metadata."""
    # what datatrove's WarcReader (warcio, cchardet, magic) and JsonlWriter (orjson) import;
    # all are in the [test] extra, python-magic only works where the system has libmagic
    for dep in ("warcio", "cchardet", "magic", "orjson"):
        pytest.importorskip(dep)
    from datatrove.pipeline.readers import WarcReader

    warcs = tmp_path / "warc"
    warcs.mkdir()
    pages = {f"https://daily.example/{i}": page(i) for i in (1, 2)}
    with (warcs / "crawl.warc.gz").open("wb") as fh:
        for url, html in pages.items():
            fh.write(gzip.compress(warc_record(url, html.encode(), payload_type="text/html")))
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=[WarcReader(str(warcs)), NewscleanExtractor(timeout=20), JsonlWriter(str(out))],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    docs = []
    for f in sorted(out.glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            docs += [json.loads(x) for x in fh]
    assert [d["metadata"]["url"] for d in docs] == list(pages)
    for d in docs:
        expected = newsclean.clean(pages[d["metadata"]["url"]], url=d["metadata"]["url"])
        assert d["text"] == expected.body
        assert d["metadata"]["title"] == expected.title
        assert d["metadata"]["authors"] == ["Jane Doe"]
        assert set(METADATA_KEYS) <= set(d["metadata"])


def test_failed_pages_are_dropped_and_counted() -> None:
    """Refused pages and pages without a body leave the stream, counted in the step's stats."""
    step = NewscleanExtractor(timeout=None, max_bytes=20_000)
    docs = [
        Document(text=page(1, dated=True), id="a", metadata={"url": "https://daily.example/1"}),
        Document(text="<p>" + "x" * 30_000 + "</p>", id="too-big"),
        Document(text="<html><body><nav>Home</nav></body></html>", id="empty"),
        Document(text=page(3, dated=True), id="c"),
    ]
    kept = list(step.run(iter(docs)))
    assert [d.id for d in kept] == ["a", "c"]
    assert kept[0].metadata["title"] == "Story 1 headline"
    assert kept[0].metadata["published"] == "2024-05-01T08:00:00+00:00"
    assert step.stats["rejected/input-too-large"].total == 1
    assert step.stats["rejected/not-an-article"].total == 1
    assert step.stats["ok"].total == 2


def test_keep_failed_marks_instead_of_dropping() -> None:
    """keep_failed=True keeps refused pages, text unchanged, with status and error metadata."""
    step = NewscleanExtractor(
        timeout=None, keep_failed=True, metadata_prefix="nc_", max_bytes=20_000
    )
    raw = "<p>" + "x" * 30_000 + "</p>"
    kept = list(
        step.run(iter([Document(text=raw, id="b"), Document(text=page(2, dated=True), id="c")]))
    )
    assert [(d.id, d.metadata["nc_status"]) for d in kept] == [("b", "rejected"), ("c", "ok")]
    assert kept[0].text == raw
    assert "over the limit" in kept[0].metadata["nc_error"]
    assert kept[1].metadata["nc_title"] == "Story 2 headline"
