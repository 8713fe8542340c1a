"""The mutable working state that flows through the stages: :class:`Document` and :class:`Block`.

A reader turns the input into a flat list of blocks; stages give blocks roles through
:meth:`Document.mark`, which stamps the running stage's name and a reason code. Nothing is
ever deleted: the blocks themselves are the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "BODY_ROLES",
    "KEPT_ROLES",
    "METADATA_ROLES",
    "Block",
    "BlockKind",
    "Candidate",
    "Document",
]

BlockKind = Literal["paragraph", "heading", "list_item", "quote", "caption", "preformatted"]

#: roles whose blocks form the article body
BODY_ROLES = frozenset({"body", "heading"})
#: the role of every block no stage has removed: none yet, or a body role. ``b.role in
#: KEPT_ROLES`` is ``not b.removed`` without a call (stages test it on every block in a dozen
#: passes; the property was ~2,500 Python calls a page on the dev corpus)
KEPT_ROLES: frozenset[str | None] = frozenset({None, *BODY_ROLES})
#: roles whose text went into a metadata field rather than being thrown away
METADATA_ROLES = frozenset(
    {"title", "subtitle", "byline", "dateline", "caption", "credit", "source", "signoff"}
)
#: every role a block may have; the rest of METADATA_ROLES/BODY_ROLES are boilerplate
ROLES = (
    BODY_ROLES
    | METADATA_ROLES
    | frozenset(
        {
            "navigation",
            "ad",
            "related",
            "share",
            "comments",
            "newsletter",
            "footer",
            "ui",
            "duplicate",
            "promo",
            "media",
            "author-bio",
            "boilerplate",
        }
    )
)


@dataclass(slots=True)
class Block:
    """One block of the input (paragraph, heading, list item, ...) and what became of it."""

    index: int
    text: str
    kind: BlockKind = "paragraph"
    where: str = ""
    #: heading level 1-6 for headings, else 0
    level: int = 0
    #: share of the text inside links (0..1)
    link_density: float = 0.0
    #: class/id vocabulary score of the block and its ancestors (positive = article-like)
    hint: int = 0
    #: boilerplate words seen in class/id of the block or its ancestors (e.g. "share")
    hint_words: tuple[str, ...] = ()
    role: str | None = None
    reason: str | None = None
    stage: str | None = None
    #: reader- or stage-specific extras (image url, credit text, element, ...)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def removed(self) -> bool:
        """True when the block is not part of the body."""
        return self.role not in KEPT_ROLES


@dataclass(slots=True, frozen=True)
class Candidate:
    """A metadata value found somewhere in the input, with where it came from."""

    field: str
    value: Any
    origin: str


@dataclass
class Document:
    """Working state of one input: raw data, decoded text, tree, blocks, metadata candidates."""

    raw: str | bytes
    text: str
    format: Literal["html", "markdown", "text"]
    url: str | None = None
    encoding: str | None = None
    #: the input's bytes when ``text`` is exactly their UTF-8 decoding (else None): the HTML
    #: reader parses these rather than encode the text to UTF-8 again for libxml2
    utf8: bytes | None = None
    tree: Any = None
    blocks: list[Block] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    #: resolved metadata, filled by the metadata stages: field name -> (value, origin)
    fields: dict[str, tuple[Any, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    stage: str | None = None
    stages_run: list[str] = field(default_factory=list)
    #: facts stages leave for later stages (e.g. that main content was selected on the tree)
    flags: dict[str, Any] = field(default_factory=dict)
    #: images seen by the reader (url, alt, figure element, whether inside a link)
    images_raw: list[dict[str, Any]] = field(default_factory=list)
    #: images of the article (url/caption/credit), filled by the image stage
    images: list[dict[str, Any]] = field(default_factory=list)

    def mark(self, block: Block, role: str, reason: str) -> None:
        """Give ``block`` a role, stamped with the running stage and a reason code."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; known roles: {sorted(ROLES)}")
        block.role = role
        block.reason = reason
        block.stage = self.stage or "?"

    def add(self, field_name: str, value: Any, origin: str) -> None:
        """Record a metadata candidate."""
        if value is None or value == "" or value == ():
            return
        self.candidates.append(Candidate(field_name, value, origin))

    def set_field(self, field_name: str, value: Any, origin: str) -> None:
        """Set a resolved metadata value with its origin (later calls overwrite)."""
        self.fields[field_name] = (value, origin)

    def get(self, field_name: str) -> list[Candidate]:
        """All candidates for a field, in the order they were found."""
        return [c for c in self.candidates if c.field == field_name]

    @property
    def live(self) -> list[Block]:
        """Blocks that no stage has removed so far."""
        return [b for b in self.blocks if b.role in KEPT_ROLES]
