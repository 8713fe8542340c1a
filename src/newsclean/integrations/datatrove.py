"""A datatrove pipeline step that cleans HTML documents with newsclean.

>>> from datatrove.executor import LocalPipelineExecutor              # doctest: +SKIP
>>> from datatrove.pipeline.readers import WarcReader                 # doctest: +SKIP
>>> from datatrove.pipeline.writers import JsonlWriter                # doctest: +SKIP
>>> from newsclean.integrations.datatrove import NewscleanExtractor   # doctest: +SKIP
>>> LocalPipelineExecutor(pipeline=[                                  # doctest: +SKIP
...     WarcReader("crawl/"), NewscleanExtractor(timeout=30), JsonlWriter("out/")
... ], tasks=4).run()

Each document's ``text`` (the page's HTML, markdown or text) is replaced by the article body;
the article's title, subtitle, authors, dates, language, section, publisher and credited
agencies go into ``document.metadata`` (keys listed in :data:`METADATA_KEYS`, always all of
them, ``None`` when unknown, so columnar writers see one schema). Pages newsclean rejects
(those without article text as ``rejected/not-an-article``), that fail or that time out are
dropped and counted in the step's stats (``ok``, ``rejected/<reason>``, ``error/<type>``,
``timeout``).

Importing this module needs datatrove (``pip install newsclean[datatrove]``); ``import
newsclean`` never does.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any

try:
    from datatrove.data import Document  # type: ignore[import-untyped,import-not-found,unused-ignore]
    from datatrove.pipeline.extractors.base import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        BaseExtractor,
    )
    from datatrove.utils.typeshelper import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        StatHints,
    )
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "newsclean.integrations.datatrove needs datatrove: pip install 'newsclean[datatrove]'"
    ) from exc

from ..article import Article
from ..core import DEFAULT_MAX_BYTES, clean
from ..pipeline import Pipeline
from ..runner import clean_many

__all__ = ["METADATA_KEYS", "NewscleanExtractor", "article_metadata"]

#: metadata keys the step sets (before ``metadata_prefix``)
METADATA_KEYS = (
    "title",
    "subtitle",
    "authors",
    "published",
    "updated",
    "language",
    "section",
    "publisher",
    "agencies",
    "canonical_url",
)


def article_metadata(article: Article) -> dict[str, Any]:
    """The metadata the step stores for ``article``: JSON-ready (dates as ISO strings)."""
    src = article.source
    return {
        "title": article.title,
        "subtitle": article.subtitle,
        "authors": [p.name for p in article.authors],
        "published": article.published.isoformat() if article.published else None,
        "updated": article.updated.isoformat() if article.updated else None,
        "language": article.language,
        "section": article.section,
        "publisher": src.publisher,
        "agencies": list(src.agencies),
        "canonical_url": src.canonical_url,
    }


class NewscleanExtractor(BaseExtractor):  # type: ignore[misc,unused-ignore]
    """Replace ``document.text`` with the cleaned article body; metadata into ``metadata``.

    Args:
        timeout: seconds one page may take; a page over it has its worker process killed and
            is dropped (counted as ``timeout``). ``None`` runs in-process without a limit.
        metadata_prefix: put before every metadata key (e.g. ``"newsclean_"``) to avoid
            clashing with keys of the reader.
        keep_failed: keep rejected/failed pages (text unchanged, ``<prefix>status`` and
            ``<prefix>error`` set) instead of dropping them.
        pipeline: a custom :class:`newsclean.Pipeline` (module-level stages, so it pickles).
        max_bytes: refuse larger pages (see :func:`newsclean.clean`).
        jobs: worker processes per datatrove task (datatrove's own ``workers`` usually
            parallelise already, so the default is 1).
    """

    name = "📰 newsclean"

    def __init__(
        self,
        timeout: float | None = 30.0,
        *,
        metadata_prefix: str = "",
        keep_failed: bool = False,
        pipeline: Pipeline | None = None,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
        jobs: int = 1,
    ) -> None:
        super().__init__(timeout=timeout)
        self.metadata_prefix = metadata_prefix
        self.keep_failed = keep_failed
        self.pipeline = pipeline
        self.max_bytes = max_bytes
        self.jobs = jobs

    def extract(self, text: str) -> str:
        """The cleaned body of one page (BaseExtractor's single-text interface)."""
        return clean(text, pipeline=self.pipeline, max_bytes=self.max_bytes).body

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        """Clean every document of ``data``, in order, dropping those without an article."""
        if data is None:
            return
        held: deque[Any] = deque()

        def items() -> Iterator[tuple[Any, str | bytes, str | None]]:
            for doc in data:
                self.stat_update(StatHints.total)
                held.append(doc)
                url = doc.metadata.get("url")
                yield (doc.id, doc.text, url if isinstance(url, str) else None)

        prefix = self.metadata_prefix
        for res in clean_many(
            items(),
            jobs=self.jobs,
            timeout=self.timeout,
            max_bytes=self.max_bytes,
            pipeline=self.pipeline,
        ):
            doc: Document = held.popleft()
            self.stat_update("ms", value=round(res.ms), unit="doc")
            article = res.article
            if not res.ok or article is None:
                label = (
                    f"rejected/{res.reason}"
                    if res.status == "rejected"
                    else "timeout"
                    if res.status == "timeout"
                    else f"error/{res.error_type}"
                )
                self.stat_update(label)
                if self.keep_failed:
                    doc.metadata[prefix + "status"] = res.status
                    doc.metadata[prefix + "error"] = res.message
                    self.stat_update(StatHints.forwarded)
                    yield doc
                else:
                    self.stat_update(StatHints.dropped)
                continue
            self.stat_update("ok")
            doc.text = article.body
            for key, value in article_metadata(article).items():
                doc.metadata[prefix + key] = value
            if self.keep_failed:
                doc.metadata[prefix + "status"] = "ok"
                doc.metadata[prefix + "error"] = None
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc
