"""The default stages, in order. Each is a plain function ``(Document) -> Document``."""

from __future__ import annotations

from collections.abc import Callable

from ..document import Document
from .boilerplate import strip_author_bio, strip_boilerplate
from .byline import find_byline
from .content import follow_article_body, select_content, select_main_run
from .datelines import find_dates_stage
from .finish import tidy_body
from .images import claim_captions, find_images, select_images
from .source import find_source
from .title import find_subtitle, find_title
from .unicode import repair_unicode

find_dates_stage.name = "find_dates"  # type: ignore[attr-defined]

__all__ = [
    "DEFAULT_STAGES",
    "claim_captions",
    "find_byline",
    "find_dates_stage",
    "find_images",
    "find_source",
    "find_subtitle",
    "find_title",
    "follow_article_body",
    "repair_unicode",
    "select_content",
    "select_images",
    "select_main_run",
    "strip_author_bio",
    "strip_boilerplate",
    "tidy_body",
]

DEFAULT_STAGES: tuple[Callable[[Document], Document], ...] = (
    repair_unicode,
    select_content,
    follow_article_body,
    find_images,
    strip_boilerplate,
    select_main_run,
    find_title,
    find_byline,
    strip_author_bio,
    find_dates_stage,
    find_subtitle,
    find_source,
    claim_captions,
    select_images,
    tidy_body,
)
