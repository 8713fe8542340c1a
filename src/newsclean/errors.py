"""Errors raised by newsclean.

Every exception that :func:`newsclean.clean` raises on purpose is a subclass of
:class:`NewscleanError`; anything else escaping ``clean()`` is a bug (please report it)::

    NewscleanError
    ├── InputError                 the input cannot be processed as given
    │   ├── UndecodableInputError  bytes that are not text in any encoding we can trust
    │   └── InputTooLargeError     input over the configured size limit
    ├── NotAnArticleError          the input holds no article text (only raised on request)
    ├── PipelineError              a pipeline composed wrongly (unknown / duplicate stage names)
    ├── StageError                 a stage raised or broke its contract; names the stage
    └── DocumentTimeoutError       a document exceeded its time budget in a batch run

Each message says what to do next; docs/errors.md says when each is raised, and
docs/limits.md what happens at each limit.
"""

from __future__ import annotations

__all__ = [
    "DocumentTimeoutError",
    "InputError",
    "InputTooLargeError",
    "NewscleanError",
    "NotAnArticleError",
    "PipelineError",
    "StageError",
    "UndecodableInputError",
]


class NewscleanError(Exception):
    """Base class of every error newsclean raises on purpose."""


class InputError(NewscleanError, ValueError):
    """The input cannot be processed as given."""


class UndecodableInputError(InputError):
    """Bytes that are not text: a known binary format (compressed, PDF, image, ...) or mostly
    NUL or control bytes. The message names what was found and what to do."""


class InputTooLargeError(InputError):
    """The input is larger than the configured ``max_bytes`` limit."""

    def __init__(self, size: int, limit: int, *, decompressed: bool = False) -> None:
        self.size = size
        self.limit = limit
        what = (
            f"gzip input decompresses to more than the limit of {limit:,} bytes"
            if decompressed
            else f"input is {size:,} bytes, over the limit of {limit:,} bytes"
        )
        super().__init__(
            f"{what}; "
            "pass a larger max_bytes= to clean() (or --max-bytes on the command line) "
            "if this page is genuine"
        )


class NotAnArticleError(NewscleanError):
    """The input holds no article text; carries the reason code."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        msg = f"not an article ({reason})"
        if detail:
            msg += f": {detail}"
        super().__init__(msg)


class PipelineError(NewscleanError, ValueError):
    """A pipeline was composed wrongly: unknown or duplicate stage names, a non-callable stage."""


class StageError(NewscleanError):
    """A stage raised an exception or did not return a Document."""

    def __init__(self, stage: str, detail: str) -> None:
        self.stage = stage
        super().__init__(
            f"stage {stage!r} failed: {detail}; drop it with Pipeline.default().without({stage!r}) "
            "to get a result without it, and please report the input that caused this"
        )


class DocumentTimeoutError(NewscleanError):
    """A document exceeded its time budget (batch runs only)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"document took longer than {seconds:g} s and its worker was stopped; "
            "raise timeout= if such pages are expected"
        )
