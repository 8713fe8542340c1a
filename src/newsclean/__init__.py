"""newsclean: news in any shape (HTML, markdown dumps, text copies) into clean, typed Articles.

>>> import newsclean
>>> article = newsclean.clean("<h1>Title</h1><p>A first paragraph that says something.</p>")
>>> article.title
'Title'

Many pages at once, in input order, in worker processes, one bad page never stopping the run:
``newsclean.clean_many(pages, jobs=2)`` yields a :class:`Result` per page (docs/batch.md).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .article import (
    Article,
    FieldOrigin,
    Image,
    Paragraph,
    Person,
    Provenance,
    RemovedBlock,
    Source,
)
from .core import DEFAULT_MAX_BYTES, clean
from .document import Block, Document
from .errors import (
    DocumentTimeoutError,
    InputError,
    InputTooLargeError,
    NewscleanError,
    NotAnArticleError,
    PipelineError,
    StageError,
    UndecodableInputError,
)
from .pipeline import Pipeline
from .runner import Result, clean_many, clean_records

try:
    __version__ = version("newsclean")
except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
    __version__ = "0.0.0+unknown"

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Article",
    "Block",
    "Document",
    "DocumentTimeoutError",
    "FieldOrigin",
    "Image",
    "InputError",
    "InputTooLargeError",
    "NewscleanError",
    "NotAnArticleError",
    "Paragraph",
    "Person",
    "Pipeline",
    "PipelineError",
    "Provenance",
    "RemovedBlock",
    "Result",
    "Source",
    "StageError",
    "UndecodableInputError",
    "__version__",
    "clean",
    "clean_many",
    "clean_records",
]
