"""Atheris fuzz harness for :func:`newsclean.clean` (run by hand, not collected by pytest).

Anything but an Article or a :class:`newsclean.NewscleanError` out of ``clean()`` is a finding,
and so is an input that takes longer than 5 s per MB + 2 s (the bound of tests/test_hostile.py).

    pip install atheris
    python tests/fuzz/fuzz_clean.py -max_total_time=600 -timeout=60 -rss_limit_mb=4096 \\
        -dict=tests/fuzz/html.dict /tmp/newsclean-corpus seeds/

The first byte of each input picks how the rest reaches ``clean()``: as bytes, as a str with
lone surrogates kept (``surrogateescape``), wrapped in an HTML article page, or as a markdown
dump. A crash leaves ``crash-<hash>`` in the working directory; replay it with
``python tests/fuzz/fuzz_clean.py crash-<hash>``.
"""

from __future__ import annotations

import sys
import time

import atheris

with atheris.instrument_imports():
    import newsclean
    from newsclean import Article, NewscleanError

SECONDS_PER_MB = 5.0
SLACK_SECONDS = 2.0


def _shape(data: bytes) -> str | bytes:
    if not data:
        return data
    mode, payload = data[0] % 4, data[1:]
    if mode == 0:
        return payload
    if mode == 1:
        return payload.decode("utf-8", errors="surrogateescape")
    if mode == 2:
        inner = payload.decode("latin-1")
        return f"<html><body><article><h1>Title</h1>{inner}</article></body></html>"
    return "# Title\n\n" + payload.decode("utf-8", errors="replace")


def test_one_input(data: bytes) -> None:
    """One fuzz input: an Article or a NewscleanError, within the time bound."""
    raw = _shape(data)
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    start = time.perf_counter()
    try:
        out = newsclean.clean(raw)
    except NewscleanError:
        return
    elapsed = time.perf_counter() - start
    if not isinstance(out, Article):
        raise AssertionError(f"clean() returned {type(out).__name__}")
    if elapsed > SECONDS_PER_MB * size / 1e6 + SLACK_SECONDS:
        raise AssertionError(f"slow: {elapsed:.1f} s for {size:,} bytes")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
