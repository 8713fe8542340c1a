"""The newsclean command line: single pages, batches (folders, JSONL, WARC), errors, pipes."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsclean.cli import main
from newsclean.warc import available_backends

from .pages import LEGACY_HEADLINE, LEGACY_TEXT, legacy_page, page, warc_record

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "002_72b5f6f66a5c28c5.txt"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def write_warc(path: Path, records: list[bytes]) -> Path:
    """Write records to ``path``; a ``.gz`` path gets one gzip member per record, as crawlers do."""
    with path.open("wb") as fh:
        for rec in records:
            fh.write(gzip.compress(rec) if path.suffix == ".gz" else rec)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in out.splitlines()]


# --- one page -----------------------------------------------------------------------------------


def test_single_file_prints_article_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`newsclean FILE` prints the Article as JSON with the headline as title."""
    code, out, err = run(capsys, str(SEED))
    assert code == 0, err
    article = json.loads(out)
    assert article["title"].startswith("Russia Secretly Offered Afghan Militants Bounties")
    assert article["body"]


def test_stdin_is_read_as_bytes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`newsclean -` reads the page from stdin (as bytes) and takes --url for the source."""
    stdin = io.TextIOWrapper(io.BytesIO(page(7).encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, err = run(capsys, "--url", "https://daily.example/7", "-")
    assert code == 0, err
    article = json.loads(out)
    assert article["title"] == "Story 7 headline"
    assert article["source"]["domain"] == "daily.example"


def test_format_text_is_title_blank_line_body(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--format text prints the title, a blank line, then the body paragraphs."""
    f = tmp_path / "p.html"
    f.write_text(page(3), encoding="utf-8")
    code, out, _ = run(capsys, "--format", "text", str(f))
    assert code == 0
    title, blank, first = out.splitlines()[:3]
    assert (title, blank) == ("Story 3 headline", "")
    assert first.startswith("The first paragraph of story 3")


def test_format_markdown(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--format markdown prints Article.to_markdown(): '# title' then the body."""
    f = tmp_path / "p.html"
    f.write_text(page(4), encoding="utf-8")
    code, out, _ = run(capsys, "-f", "markdown", str(f))
    assert code == 0
    assert out.startswith("# Story 4 headline\n\n")
    assert "The first paragraph of story 4" in out


def test_explain_lists_every_block_with_its_role(capsys: pytest.CaptureFixture[str]) -> None:
    """--explain prints one row per block with role, reason and stage, then the fields."""
    code, out, _ = run(capsys, "--explain", str(SEED))
    assert code == 0
    rows = out.split("\n\n")[0].splitlines()
    assert rows[0].split()[:4] == ["#", "ROLE", "REASON", "STAGE"]
    roles = {r.split()[1] for r in rows[1:]}
    assert {"body", "title", "navigation", "ad"} <= roles
    assert "title: Russia Secretly Offered" in out


def test_missing_file_is_one_error_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A missing input gives exit status 2 and exactly one 'newsclean: error:' line."""
    code, out, err = run(capsys, str(tmp_path / "nope.html"))
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("newsclean: error: cannot open")


def test_unprocessable_page_is_one_error_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A page newsclean refuses gives exit status 1 and one line naming the problem."""
    f = tmp_path / "p.html"
    f.write_bytes(b"\x1f\x8b\x08\x00 compressed")
    code, _, err = run(capsys, str(f))
    assert code == 1
    assert err.splitlines() == [err.strip()]
    assert "gzip" in err


def test_bad_option_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Usage errors (here --format text on a batch) are one stderr line and exit status 2."""
    code, _, err = run(capsys, "--format", "text", str(tmp_path))
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith("newsclean: error:")


# --- batches ------------------------------------------------------------------------------------


def test_batch_over_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A folder is walked recursively in sorted order; only page-like files are read."""
    (tmp_path / "sub").mkdir()
    for i in range(3):
        (tmp_path / f"{i}.html").write_text(page(i), encoding="utf-8")
    (tmp_path / "sub" / "3.html.gz").write_bytes(gzip.compress(page(3).encode()))
    (tmp_path / "sub" / "notes.json").write_text("{}", encoding="utf-8")
    code, out, err = run(capsys, "--timeout", "0", str(tmp_path))
    assert code == 0
    recs = lines(out)
    assert [Path(r["id"]).name for r in recs] == ["0.html", "1.html", "2.html", "3.html.gz"]
    assert [r["article"]["title"] for r in recs] == [f"Story {i} headline" for i in range(4)]
    assert "4 pages" in err
    assert "4 ok" in err


def test_jsonl_input_with_custom_fields(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """JSONL rows are read with --html-field/--url-field/--id-field; bad lines are kept as rejected."""
    f = tmp_path / "rows.jsonl.gz"
    rows = [
        json.dumps({"key": f"k{i}", "content": page(i), "link": f"https://daily.example/{i}"})
        for i in range(3)
    ]
    rows[1:1] = ["this is not json", json.dumps({"key": "empty"})]
    f.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode()))
    code, out, err = run(
        capsys,
        "--timeout",
        "0",
        "--html-field",
        "content",
        "--url-field",
        "link",
        "--id-field",
        "key",
        str(f),
    )
    assert code == 0, err
    recs = lines(out)
    assert [r["status"] for r in recs] == ["ok", "rejected", "rejected", "ok", "ok"]
    assert [r["id"] for r in recs] == ["k0", f"{f}:2", "empty", "k1", "k2"]
    assert recs[4]["url"] == "https://daily.example/2"
    assert recs[4]["article"]["source"]["domain"] == "daily.example"
    assert "no 'content' field" in recs[2]["error"]["message"]


@pytest.mark.parametrize("backend", available_backends())
def test_warc_input(capsys: pytest.CaptureFixture[str], tmp_path: Path, backend: str) -> None:
    """A .warc.gz gives one line per HTML response; requests and images are skipped."""
    f = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            warc_record("https://daily.example/1", b"GET / HTTP/1.1\r\n\r\n", rec_type="request"),
            warc_record("https://daily.example/1", page(1).encode()),
            warc_record("https://daily.example/logo.png", b"\x89PNG....", content_type="image/png"),
            warc_record("https://daily.example/2", page(2).encode("utf-8")),
        ],
    )
    code, out, err = run(capsys, "--timeout", "0", "--warc-backend", backend, str(f))
    assert code == 0, err
    recs = lines(out)
    assert [r["url"] for r in recs] == ["https://daily.example/1", "https://daily.example/2"]
    assert [r["article"]["title"] for r in recs] == ["Story 1 headline", "Story 2 headline"]
    assert all(r["id"].startswith("<urn:uuid:") for r in recs)


@pytest.mark.parametrize("backend", available_backends())
def test_warc_records_without_http_content_type(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, backend: str
) -> None:
    """Response records that omit 'Content-Type: application/http' are still read as HTTP."""
    f = write_warc(
        tmp_path / "c.warc",
        [warc_record("https://daily.example/5", page(5).encode(), declare_http=False)],
    )
    code, out, err = run(capsys, "--timeout", "0", "--warc-backend", backend, str(f))
    assert code == 0, err
    assert [r["article"]["title"] for r in lines(out)] == ["Story 5 headline"]


@pytest.mark.parametrize("backend", available_backends())
def test_warc_http_charset_decodes_the_page(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, backend: str
) -> None:
    """The charset of a record's HTTP Content-Type decodes a page that declares none itself."""
    f = write_warc(
        tmp_path / "ru.warc.gz",
        [
            warc_record(
                "https://daily.example/ru",
                legacy_page("iso-8859-5"),
                content_type="text/html; charset=ISO-8859-5",
            ),
            warc_record("https://daily.example/1", page(1).encode()),
        ],
    )
    code, out, err = run(capsys, "--timeout", "0", "--warc-backend", backend, str(f))
    assert code == 0, err
    recs = lines(out)
    assert recs[0]["article"]["title"] == LEGACY_HEADLINE
    assert LEGACY_TEXT in recs[0]["article"]["body"]
    assert "decoded as iso8859-5 (declared-http)" in recs[0]["article"]["provenance"]["notes"]
    assert recs[1]["article"]["title"] == "Story 1 headline"
    assert "2 pages" in err


@pytest.mark.parametrize("backend", available_backends())
def test_truncated_warc_is_reported_and_the_run_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, backend: str
) -> None:
    """A WARC cut off mid-record: pages before the cut come out, then one 'unreadable-file'
    line; the next input is still read, stderr names the file, and the exit status is 1."""
    good = [
        gzip.compress(warc_record(f"https://daily.example/{i}", page(i).encode())) for i in range(3)
    ]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(b"".join(good)[: len(good[0]) + len(good[1]) + len(good[2]) // 2])
    other = tmp_path / "other.html"
    other.write_text(page(9), encoding="utf-8")
    code, out, err = run(capsys, "--timeout", "0", "--warc-backend", backend, str(cut), str(other))
    recs = lines(out)
    assert [r["status"] for r in recs] == ["ok", "ok", "rejected", "ok"]
    assert recs[2]["error"]["reason"] == "unreadable-file"
    assert recs[3]["article"]["title"] == "Story 9 headline"
    assert code == 1
    assert f"newsclean: error: reading {cut} failed after 2 records" in err


@pytest.mark.parametrize("backend", available_backends())
def test_plain_warc_cut_inside_a_record_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, backend: str
) -> None:
    """No reader cleans the stub of a record that an uncompressed .warc cuts short: count out
    is the whole records plus one 'unreadable-file' line, exit status 1."""
    whole = [warc_record(f"https://daily.example/{i}", page(i).encode()) for i in range(3)]
    cut = tmp_path / "cut.warc"
    cut.write_bytes(b"".join(whole)[:-300])
    code, out, err = run(capsys, "--timeout", "0", "--warc-backend", backend, str(cut))
    recs = lines(out)
    assert [r["status"] for r in recs] == ["ok", "ok", "rejected"]
    assert recs[2]["error"]["reason"] == "unreadable-file"
    assert "cut short" in recs[2]["error"]["message"]
    assert code == 1
    assert "3 pages" in err


def test_jobs_2_keeps_order_and_count(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--jobs 2 writes exactly one line per page, in the same order and content as --jobs 1."""
    f = write_warc(
        tmp_path / "crawl.warc",
        [warc_record(f"https://daily.example/{i}", page(i).encode()) for i in range(10)]
        + [warc_record("https://daily.example/bad", b"\x1f\x8b\x08\x00 compressed")],
    )
    code2, out2, _ = run(capsys, "--jobs", "2", str(f))
    code1, out1, _ = run(capsys, "--jobs", "1", "--timeout", "0", str(f))
    assert (code1, code2) == (0, 0)
    recs2 = lines(out2)
    assert len(recs2) == 11
    assert [r["url"] for r in recs2] == [f"https://daily.example/{i}" for i in range(10)] + [
        "https://daily.example/bad"
    ]
    strip = [{k: v for k, v in r.items() if k != "ms"} for r in recs2]
    assert strip == [{k: v for k, v in r.items() if k != "ms"} for r in lines(out1)]


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """-o writes the JSON lines to a file and nothing to stdout."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.html").write_text(page(1), encoding="utf-8")
    target = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "--timeout", "0", "-o", str(target), str(tmp_path / "in"))
    assert (code, out) == (0, "")
    assert lines(target.read_text(encoding="utf-8"))[0]["article"]["title"] == "Story 1 headline"


def test_summary_but_no_progress_when_stderr_is_not_a_tty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without a TTY the only stderr output of a batch is the one-line summary."""
    for i in range(2):
        (tmp_path / f"{i}.html").write_text(page(i), encoding="utf-8")
    (tmp_path / "bad.html").write_bytes(b"\x1f\x8b\x08\x00")
    (tmp_path / "index.html").write_text("<html><body><nav>Home</nav></body></html>")
    _, _, err = run(capsys, "--timeout", "0", str(tmp_path))
    assert err.splitlines() == [err.strip()]
    assert "4 pages" in err
    assert "2 ok" in err
    assert "2 rejected (" in err
    assert "undecodable-input: 1" in err
    assert "not-an-article: 1" in err


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """`newsclean DIR | head -1`: the reader going away ends the run without a traceback."""
    for k in range(60):
        (tmp_path / f"{k:02}.txt").write_bytes(SEEDS[k % len(SEEDS)].read_bytes())
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsclean.cli", "--jobs", "2", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    code = proc.wait(timeout=60)
    assert json.loads(first)["status"] == "ok"
    assert err == b""
    assert code == 141
