"""The output record: a frozen, documented :class:`Article` and its parts (pydantic v2)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

__all__ = [
    "Article",
    "FieldOrigin",
    "Image",
    "Paragraph",
    "ParagraphKind",
    "Person",
    "Provenance",
    "RemovedBlock",
    "Source",
]

ParagraphKind = Literal["text", "heading", "quote", "list_item"]
InputFormat = Literal["html", "markdown", "text"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Person(_Frozen):
    """A person credited with the story."""

    name: str = Field(description="The person's name as credited, without roles or 'By'.")


class Source(_Frozen):
    """Who published the story and whom it credits."""

    publisher: str | None = Field(None, description="Name of the publishing outlet.")
    domain: str | None = Field(None, description="Host name of the canonical URL, without 'www.'.")
    canonical_url: str | None = Field(None, description="The page's canonical address.")
    agencies: tuple[str, ...] = Field(
        (), description="News agencies credited (AFP, Reuters, dpa, ...), canonical spelling."
    )
    agency_credits: tuple[str, ...] = Field(
        (),
        description="The same agencies as the page spells them ('The Associated Press', "
        "'Deutsche Presse-Agentur'), one per entry of `agencies` and in its order; a sign-off "
        "code ('rtre') keeps the canonical name.",
    )
    organisations: tuple[str, ...] = Field(
        (),
        description="Organisations credited as authors (a newsroom, desk or outlet), "
        "other than news agencies.",
    )
    attributed_to: tuple[str, ...] = Field(
        (),
        description="Outlets the story says it is based on ('The New York Times reported').",
    )


class Paragraph(_Frozen):
    """One paragraph of the article body."""

    kind: ParagraphKind = Field(description="text, heading, quote or list_item.")
    text: str = Field(description="The paragraph's text, whitespace-normalised.")


class Image(_Frozen):
    """An image of the article with its caption and credit."""

    url: str | None = Field(None, description="Image address, when the input has one.")
    caption: str | None = Field(None, description="The caption text, without the credit.")
    credit: str | None = Field(None, description="Photographer or agency credited.")


class RemovedBlock(_Frozen):
    """A piece of the input that is not body text, and why."""

    role: str = Field(description="What the block was taken to be (navigation, ad, byline, ...).")
    reason: str = Field(description="Stable kebab-case reason code; see docs/reasons.md.")
    stage: str = Field(description="Name of the stage that decided it.")
    text: str = Field(description="The block's text.")
    where: str = Field(description="Where the block came from (element path or line numbers).")


class FieldOrigin(_Frozen):
    """Where a metadata value came from."""

    field: str = Field(description="Article field name (title, authors, published, ...).")
    origin: str = Field(description="Origin code such as 'json-ld:headline' or 'byline-text'.")


class Provenance(_Frozen):
    """How the article was made: input format, decoding, stages and everything removed."""

    input_format: InputFormat = Field(description="Detected input shape.")
    encoding: str | None = Field(None, description="How bytes were decoded (None for str input).")
    stages: tuple[str, ...] = Field((), description="Names of the stages that ran, in order.")
    removed: tuple[RemovedBlock, ...] = Field(
        (), description="Every block that is not in the body, with its role, reason and stage."
    )
    origins: tuple[FieldOrigin, ...] = Field((), description="Origin of each metadata value.")
    notes: tuple[str, ...] = Field((), description="Recoverable problems met on the way.")


class Article(_Frozen):
    """A cleaned news article."""

    # ``body`` is computed from the paragraphs and appears in dumps: ignore it on the way back in
    model_config = ConfigDict(frozen=True, extra="ignore")

    title: str | None = Field(None, description="The displayed headline.")
    subtitle: str | None = Field(None, description="Standfirst / teaser shown under the headline.")
    authors: tuple[Person, ...] = Field((), description="Persons credited as authors.")
    contributors: tuple[Person, ...] = Field(
        (), description="Persons credited with contributing reporting."
    )
    published: datetime | date | None = Field(
        None,
        description="First publication; a date when no time is given, "
        "timezone-aware only when the input gives an offset.",
    )
    updated: datetime | date | None = Field(None, description="Last update, as for published.")
    source: Source = Field(
        default_factory=lambda: Source(), description="Publisher, agencies, attribution."
    )
    language: str | None = Field(None, description="BCP 47 language tag (e.g. 'en', 'de').")
    section: str | None = Field(None, description="Section of the publication (Politics, ...).")
    paragraphs: tuple[Paragraph, ...] = Field((), description="Body paragraphs in order.")
    images: tuple[Image, ...] = Field((), description="Images with captions and credits.")
    provenance: Provenance = Field(description="Audit trail of the cleaning.")

    @computed_field(description="The body paragraphs as text, separated by blank lines.")  # type: ignore[prop-decorator]
    @property
    def body(self) -> str:
        """The body paragraphs as text, separated by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    def to_markdown(self) -> str:
        """The article as markdown: title, subtitle, then the body with headings and quotes."""
        out: list[str] = []
        if self.title:
            out.append(f"# {self.title}")
        if self.subtitle:
            out.append(f"*{self.subtitle}*")
        for p in self.paragraphs:
            if p.kind == "heading":
                out.append(f"## {p.text}")
            elif p.kind == "quote":
                out.append(f"> {p.text}")
            elif p.kind == "list_item":
                out.append(f"- {p.text}")
            else:
                out.append(p.text)
        return "\n\n".join(out) + ("\n" if out else "")
