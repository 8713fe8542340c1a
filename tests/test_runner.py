"""Batch runner: order, counts, statuses, timeouts, crashes, streaming, Dask/Spark recipes."""

from __future__ import annotations

import gc
import itertools
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

import newsclean
from newsclean import Document, Pipeline
from newsclean.runner import Result, clean_many, clean_records

from .pages import LEGACY_HEADLINE, LEGACY_TEXT, legacy_page

TEMPLATE = (
    "<html><head><title>Story {i} - The Daily</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<article><h1>Story {i} headline</h1><p class='byline'>By Jane Doe</p>"
    "<p>The first paragraph of story {i} tells what happened in the town on Monday, "
    "with enough words to count as text. {marker}</p>"
    "<p>A second paragraph adds detail about the people involved and what they said.</p>"
    "{extra}</article><footer>Copyright 2024 The Daily</footer></body></html>"
)


def page(i: int, marker: str = "", size: int = 0) -> str:
    """A small news page whose headline is 'Story <i> headline'."""
    extra = "".join(
        f"<p>Filler paragraph {k} of story {i} with some words to make the page longer.</p>"
        for k in range(size)
    )
    return TEMPLATE.format(i=i, marker=marker, extra=extra)


def trouble(doc: Document) -> Document:
    """A stage that sleeps, crashes its process or raises when the page asks for it."""
    if "SLEEP-FOREVER" in doc.text:
        time.sleep(120)
    if "CRASH-PROCESS" in doc.text:
        os._exit(7)
    if "RAISE-ERROR" in doc.text:
        raise RuntimeError("asked to fail")
    if "REPORT-FROZEN" in doc.text:
        raise RuntimeError(f"frozen objects: {gc.get_freeze_count()}")
    return doc


TROUBLE = Pipeline.default().insert(trouble, before=Pipeline.default().names[0])


def titles(results: list[Result]) -> list[str | None]:
    return [r.article.title if r.article else None for r in results]


@pytest.mark.parametrize("timeout", [None, 20.0], ids=["in-process", "worker"])
def test_http_charset_reaches_clean(timeout: float | None) -> None:
    """An item's 'charset' key reaches clean() and decodes bytes that declare no charset."""
    raw = legacy_page("iso-8859-5")
    items: list[Any] = [
        {"id": "t", "raw": raw, "url": "https://daily.example/ru", "charset": "ISO-8859-5"},
        {"id": "m", "raw": raw, "charset": b"iso-8859-5"},  # header bytes, as some readers give
        {"id": "blank", "raw": raw, "charset": "  "},  # no charset: detection as before
    ]
    out = list(clean_many(items, timeout=timeout))
    assert [r.status for r in out] == ["ok", "ok", "ok"]
    for res in out[:2]:
        assert res.article is not None
        assert res.article.title == LEGACY_HEADLINE
        assert LEGACY_TEXT in res.article.body
        assert "decoded as iso8859-5 (declared-http)" in res.article.provenance.notes
    assert out[2].article is not None
    assert not any("declared-http" in n for n in out[2].article.provenance.notes)


def test_clean_records_reads_a_charset_column() -> None:
    """clean_records(charset_field=...) passes each row's charset on; without it none is used."""
    row = {"id": "r", "html": legacy_page("iso-8859-5"), "cs": "iso-8859-5"}
    out = list(clean_records([row], charset_field="cs", timeout=None))
    assert out[0]["article"]["title"] == LEGACY_HEADLINE
    plain = list(clean_records([row], timeout=None))
    assert "declared-http" not in " ".join(plain[0]["article"]["provenance"]["notes"])


def test_batch_api_is_exported_at_the_top_level() -> None:
    """`newsclean.clean_many` (the issue's spelling) is the runner's, and runs pages in order."""
    assert newsclean.clean_many is clean_many
    assert newsclean.clean_records is clean_records
    assert newsclean.Result is Result
    assert {"clean_many", "clean_records", "Result"} <= set(newsclean.__all__)
    results = list(newsclean.clean_many([LEGACY_TEXT, b""], timeout=None))
    assert [(r.index, r.status) for r in results] == [(0, "ok"), (1, "rejected")]


def test_results_come_in_input_order_with_two_jobs() -> None:
    """With two workers and pages of very different sizes, results keep the input order."""
    pages = [page(i, size=(40 if i % 3 == 0 else 0)) for i in range(12)]
    results = list(clean_many(pages, jobs=2, timeout=20, batch_size=2))
    assert [r.index for r in results] == list(range(12))
    assert titles(results) == [f"Story {i} headline" for i in range(12)]


def test_count_in_equals_count_out_with_malformed_items() -> None:
    """Every item gives exactly one result, malformed ones as rejected 'bad-item'."""
    items: list[Any] = [
        page(0),
        42,
        ("a", None),
        ("b", page(1), "https://daily.example/b"),
        {"id": "c", "raw": page(2)},
        {"id": "d"},
        ("too", "many", "parts", "here"),
        ("e", ValueError("the reader failed on this record")),
    ]
    for jobs, timeout in ((1, None), (2, 20.0)):
        results = list(clean_many(items, jobs=jobs, timeout=timeout))
        assert len(results) == len(items)
        assert [r.status for r in results] == [
            "ok", "rejected", "rejected", "ok", "ok", "rejected", "rejected", "rejected",
        ]  # fmt: skip
        assert all(r.reason == "bad-item" for r in results if r.status == "rejected")
        assert results[7].error_type == "ValueError"


def test_ids_default_to_the_index_and_keep_caller_keys() -> None:
    """Plain pages get their index as id; tuples and dicts keep the caller's id and url."""
    items: list[Any] = [page(0), ("key-1", page(1), "https://daily.example/1"), {"raw": page(2)}]
    results = list(clean_many(items, timeout=None))
    assert [r.id for r in results] == [0, "key-1", 2]
    assert results[1].url == "https://daily.example/1"
    assert results[1].article is not None
    assert results[1].article.source.domain == "daily.example"


def test_refused_input_is_rejected_with_a_reason() -> None:
    """Undecodable and oversized pages are 'rejected' with the error type and a reason code."""
    items: list[Any] = [b"\x1f\x8b\x08\x00 compressed bytes", "x" * 5000]
    results = list(clean_many(items, jobs=2, timeout=20, max_bytes=1000))
    assert [(r.status, r.error_type, r.reason) for r in results] == [
        ("rejected", "UndecodableInputError", "undecodable-input"),
        ("rejected", "InputTooLargeError", "input-too-large"),
    ]
    assert all(r.article is None and r.message for r in results)


def test_page_without_article_text_is_rejected_with_its_metadata() -> None:
    """A page with no article text is 'rejected' (not-an-article), its Article kept for the
    metadata it has; the JSON line carries both the article and the error."""
    index_page = (
        "<html lang='en'><head><title>Sections - The Daily</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>"
    )
    results = list(clean_many([page(1), index_page], jobs=1, timeout=20))
    assert [(r.status, r.reason) for r in results] == [("ok", None), ("rejected", "not-an-article")]
    rejected = results[1]
    assert rejected.error_type == "NotAnArticleError"
    assert rejected.article is not None
    assert rejected.article.paragraphs == ()
    assert rejected.article.language == "en"
    rec = rejected.to_record()
    assert rec["error"]["reason"] == "not-an-article"
    assert rec["article"]["body"] == ""
    assert json.loads(rejected.to_json()) == rec


def test_a_failing_stage_is_an_error_and_the_run_goes_on() -> None:
    """A stage that raises gives status 'error' (StageError) for that page only."""
    pages = [page(0), page(1, "RAISE-ERROR"), page(2)]
    results = list(clean_many(pages, jobs=1, timeout=None, pipeline=TROUBLE))
    assert [r.status for r in results] == ["ok", "error", "ok"]
    assert results[1].error_type == "StageError"
    assert "asked to fail" in (results[1].message or "")


def test_a_hung_page_times_out_and_the_run_continues() -> None:
    """A page stuck past the timeout is killed: status 'timeout', later pages still clean."""
    pages = [page(0), page(1, "SLEEP-FOREVER"), page(2), page(3), page(4, "SLEEP-FOREVER"), page(5)]
    t0 = time.monotonic()
    results = list(clean_many(pages, jobs=2, timeout=1.0, pipeline=TROUBLE, batch_size=2))
    assert time.monotonic() - t0 < 30
    assert [r.status for r in results] == ["ok", "timeout", "ok", "ok", "timeout", "ok"]
    assert results[1].error_type == newsclean.DocumentTimeoutError.__name__
    assert results[1].ms >= 1000
    assert titles(results)[5] == "Story 5 headline"


def test_timeout_with_one_job_uses_a_killable_worker() -> None:
    """jobs=1 with a timeout still isolates pages: a hang is killed, not waited for."""
    results = list(
        clean_many([page(0, "SLEEP-FOREVER"), page(1)], jobs=1, timeout=1.0, pipeline=TROUBLE)
    )
    assert [r.status for r in results] == ["timeout", "ok"]


def test_a_crashing_worker_is_replaced() -> None:
    """A page that kills its worker process is an 'error' (WorkerDiedError); others go on."""
    pages = [page(0), page(1, "CRASH-PROCESS"), page(2), page(3)]
    results = list(clean_many(pages, jobs=2, timeout=20, pipeline=TROUBLE, batch_size=2))
    assert [r.status for r in results] == ["ok", "error", "ok", "ok"]
    assert results[1].error_type == "WorkerDiedError"
    assert "exit code 7" in (results[1].message or "")


def test_a_worker_freezes_its_warmed_up_heap() -> None:
    """A worker freezes what it holds after warm-up, so full collections skip that heap."""
    results = list(clean_many([page(0, "REPORT-FROZEN")], jobs=1, timeout=20, pipeline=TROUBLE))
    assert results[0].status == "error"
    found = re.search(r"frozen objects: (\d+)", results[0].message or "")
    assert found is not None, results[0].message
    frozen = int(found.group(1))
    assert frozen > 10_000  # the modules and data files of a warmed-up newsclean


def test_the_forkserver_preload_warms_up_the_stages() -> None:
    """Importing the forkserver's preload modules loads the stages' data before workers fork."""
    code = (
        "import importlib, sys\n"
        "from newsclean.rules import hints\n"
        "from newsclean.runner import _Cleaner\n"
        "before = hints.cache_info().currsize\n"
        "for name in _Cleaner.preload:\n"
        "    importlib.import_module(name)\n"
        "print(before, hints.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "1"]


def test_input_is_read_lazily_in_bounded_batches() -> None:
    """An endless input is never read far ahead: memory stays flat however long it is."""
    consumed = 0

    def endless() -> Iterator[str]:
        nonlocal consumed
        for i in itertools.count():
            consumed += 1
            yield page(i)

    run = clean_many(endless(), jobs=2, timeout=20, batch_size=3)
    first = list(itertools.islice(run, 10))
    run.close()
    assert [r.index for r in first] == list(range(10))
    assert consumed <= 10 + 4 * 2 * 3  # the documented read-ahead bound: 4 * jobs * batch_size


def test_in_process_run_accepts_unpicklable_stages() -> None:
    """jobs=1, timeout=None runs in this process, so a lambda stage is fine."""
    stage: Any = lambda doc: doc  # noqa: E731
    stage.name = "noop"
    results = list(clean_many([page(0)], timeout=None, pipeline=Pipeline.default().insert(stage)))
    assert results[0].status == "ok"


def test_unpicklable_pipeline_with_workers_fails_up_front() -> None:
    """A pipeline that cannot reach worker processes is refused before any work, clearly."""
    stage: Any = lambda doc: doc  # noqa: E731
    stage.name = "noop"
    with pytest.raises(TypeError, match="module-level"):
        clean_many([page(0)], jobs=2, pipeline=Pipeline.default().insert(stage))


def test_worker_articles_equal_in_process_articles() -> None:
    """Articles sent back from workers as JSON equal the ones clean() returns directly."""
    pages = [page(i, size=i) for i in range(4)]
    results = list(clean_many(pages, jobs=2, timeout=20))
    assert [r.article for r in results] == [newsclean.clean(p) for p in pages]
    assert all(r.article_json for r in results)


def test_result_json_line_round_trips() -> None:
    """Result.to_json() is one JSON line equal to to_record(), for ok and failed pages."""
    import json

    results = list(clean_many([page(0), b"\x1f\x8b\x08\x00"], timeout=None))
    for r in results:
        line = r.to_json()
        assert "\n" not in line
        assert json.loads(line) == r.to_record()
    assert json.loads(results[0].to_json())["article"]["title"] == "Story 0 headline"


# --- Dask and Spark recipes (docs/batch.md) -----------------------------------------------------


def rows(n: int) -> list[dict[str, Any]]:
    return [{"id": f"r{i}", "html": page(i), "url": f"https://daily.example/{i}"} for i in range(n)]


def test_dask_recipe_map_partitions() -> None:
    """The Dask recipe: bag.map_partitions(clean_records) gives one record per row, in order."""
    db = pytest.importorskip("dask.bag")
    bag = db.from_sequence(rows(6), npartitions=2)
    out = bag.map_partitions(clean_records, timeout=None).compute(scheduler="synchronous")
    assert [r["id"] for r in out] == [f"r{i}" for i in range(6)]
    assert [r["article"]["title"] for r in out] == [f"Story {i} headline" for i in range(6)]


class FakeRow:
    """Stands in for pyspark.sql.Row: clean_records reads rows through asDict()."""

    def __init__(self, **fields: Any) -> None:
        self._fields = fields

    def asDict(self) -> dict[str, Any]:  # pyspark's spelling
        return dict(self._fields)


def test_spark_recipe_partition_function() -> None:
    """The Spark recipe's partition function: Row objects in, result dicts out, failures kept."""
    partition = iter([FakeRow(**r) for r in rows(3)] + [FakeRow(id="bad", html=None, url=None)])
    out = list(clean_records(partition, timeout=None))  # what rdd.mapPartitions(...) calls
    assert [r["status"] for r in out] == ["ok", "ok", "ok", "rejected"]
    assert out[2]["url"] == "https://daily.example/2"
    assert out[3]["error"]["reason"] == "bad-item"


def test_page_showing_only_its_standfirst_is_an_article() -> None:
    """A teaser or paywalled page whose only text is the standfirst is ok, with a note."""
    lead = "The council approved three new tram lines on Tuesday after years of debate."
    teaser = (
        "<html><head><meta name='description' content='" + lead + "'></head><body>"
        f"<article><h1>Council approves trams</h1><p class='lead'>{lead}</p>"
        "<p>Subscribe to read on.</p></article></body></html>"
    )
    (res,) = clean_many([teaser], jobs=1, timeout=20)
    assert res.status == "ok"
    assert res.article is not None
    assert res.article.subtitle == lead
    assert any(n.startswith("standfirst-only") for n in res.article.provenance.notes)
