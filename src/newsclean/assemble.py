"""Build the frozen :class:`Article` from the working :class:`Document`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .article import (
    Article,
    FieldOrigin,
    Image,
    ParagraphKind,
    Person,
    Provenance,
    Source,
)
from .document import KEPT_ROLES, Block, Document

__all__ = ["assemble"]

_KIND: dict[str, ParagraphKind] = {
    "heading": "heading",
    "quote": "quote",
    "list_item": "list_item",
}


class _Paths:
    """Element paths as lxml's ``getpath()`` writes them, in time linear in the tree.

    ``getpath()`` counts same-name siblings on every call, so the paths of 100k sibling
    paragraphs took quadratic time; here each parent's children are numbered once.
    """

    def __init__(self) -> None:
        self._step: dict[Any, str] = {}
        self._path: dict[Any, str] = {}

    def _number(self, parent: Any) -> None:
        kids = [c for c in parent if isinstance(c.tag, str)]
        counts: dict[str, int] = {}
        for c in kids:
            counts[c.tag] = counts.get(c.tag, 0) + 1
        seen: dict[str, int] = {}
        for c in kids:
            if counts[c.tag] == 1:
                self._step[c] = c.tag
            else:
                seen[c.tag] = seen.get(c.tag, 0) + 1
                self._step[c] = f"{c.tag}[{seen[c.tag]}]"

    def __call__(self, el: Any) -> str:
        chain: list[Any] = []
        node = el
        while node is not None and node not in self._path:
            chain.append(node)
            node = node.getparent()
        path = self._path[node] if node is not None else ""
        for n in reversed(chain):
            parent = n.getparent()
            if parent is not None and n not in self._step:
                self._number(parent)
            path = f"{path}/{self._step[n] if parent is not None else n.tag}"
            self._path[n] = path
        return path


#: getpath() calls times elements walked up to which lxml's getpath() is used: it writes the
#: same paths in C, twice as fast on the development corpus (at most ~1.5M there), but counts
#: all siblings on every call, which _Paths avoids on pages with huge sibling lists
_GETPATH_BUDGET = 2_000_000


class _ParentPaths:
    """lxml's ``getpath()`` written from the path of the element's parent, cached.

    Removed blocks share parents (dev corpus: 175 a page under 77 parents): the parent's path
    comes from one ``getpath()`` call and its children are numbered once by name, as libxml2
    counts same-name element siblings (the position among them, shown when there are
    several). libxml2 formats each level of a path with snprintf; cachegrind on the dev
    corpus: ~0.8 M fewer instructions a page than a getpath() a block. Tests in
    tests/test_fastpaths.py compare it with getpath on every element.
    """

    def __init__(self, getpath: Callable[[Any], str]) -> None:
        self._getpath = getpath
        #: parent -> (its path, children per name, each child's position among its name)
        self._parents: dict[Any, tuple[str, dict[str, int], dict[Any, int]]] = {}

    def __call__(self, el: Any) -> str:
        parent = el.getparent()
        tag = el.tag
        # (a namespaced or prefixed name, or no element: lxml's own path)
        if parent is None or tag.__class__ is not str or "{" in tag or ":" in tag:
            return self._getpath(el)
        entry = self._parents.get(parent)
        if entry is None:
            counts: dict[str, int] = {}
            position: dict[Any, int] = {}
            for child in parent:
                name = child.tag
                if name.__class__ is str:  # (elements only: no comment or PI)
                    n = counts.get(name, 0) + 1
                    counts[name] = n
                    position[child] = n
            entry = self._parents[parent] = (self._getpath(parent), counts, position)
        path, counts, position = entry
        if counts[tag] == 1:
            return f"{path}/{tag}"
        return f"{path}/{tag}[{position[el]}]"


def _path_function(doc: Document) -> Callable[[Any], str]:
    """``getpath`` of the document's tree when its cost is bounded, else a :class:`_Paths`."""
    elements = doc.flags.get("elements")
    if (
        isinstance(elements, int)
        and doc.tree is not None
        and len(doc.blocks) * elements <= _GETPATH_BUDGET
    ):
        return _ParentPaths(doc.tree.getroottree().getpath)
    return _Paths()


def _where(doc: Document, b: Block, paths: Callable[[Any], str]) -> str:
    if b.where:
        return b.where
    el = b.extra.get("el")
    if el is not None and doc.format == "html":
        try:
            return paths(el)
        except (ValueError, AttributeError, KeyError):  # pragma: no cover - detached element
            return ""
    return f"block {b.index}"


def _value(doc: Document, name: str) -> Any:
    v = doc.fields.get(name)
    return v[0] if v is not None else None


def _dedupe(names: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for n in names:
        k = n.casefold()
        if k not in seen:
            seen.add(k)
            out.append(n)
    return tuple(out)


def assemble(doc: Document) -> Article:
    """The Article: body from body/heading blocks, metadata from resolved fields, audit trail."""
    # plain dicts, validated into RemovedBlock/Paragraph by the enclosing models in one call
    # (a model per block cost twice as much on pages with hundreds of removed blocks)
    paragraphs: list[dict[str, str]] = []
    removed: list[dict[str, str]] = []
    paths = _path_function(doc)
    for b in doc.blocks:
        if b.role not in KEPT_ROLES:
            removed.append(
                {
                    "role": b.role or "boilerplate",
                    "reason": b.reason or "unknown",
                    "stage": b.stage or "?",
                    "text": b.text,
                    "where": _where(doc, b, paths),
                }
            )
            continue
        kind: ParagraphKind = "heading" if b.role == "heading" else _KIND.get(b.kind, "text")
        paragraphs.append({"kind": kind, "text": b.text})
    if not paragraphs:
        if _value(doc, "subtitle"):
            doc.notes.append(
                "standfirst-only: the page shows the standfirst and no article text (a "
                "teaser or a paywalled article); the body is empty, the text is the subtitle"
            )
        else:
            doc.notes.append(
                "not-an-article: no article text found (an index page, an empty shell or "
                "a page whose text is only in scripts)"
            )
    authors = _dedupe(list(_value(doc, "authors") or []))
    contributors = _dedupe(list(_value(doc, "contributors") or []))
    source = Source(
        publisher=_value(doc, "publisher"),
        domain=_value(doc, "domain"),
        canonical_url=_value(doc, "canonical_url"),
        agencies=_dedupe(list(_value(doc, "agencies") or [])),
        agency_credits=tuple(_value(doc, "agency_credits") or ()),
        organisations=_dedupe(list(_value(doc, "organisations") or [])),
        attributed_to=_dedupe(list(_value(doc, "attributed_to") or [])),
    )
    images = tuple(
        Image(url=i.get("url"), caption=i.get("caption"), credit=i.get("credit"))
        for i in doc.images
    )
    origins = tuple(FieldOrigin(field=k, origin=v[1]) for k, v in doc.fields.items())
    return Article(
        title=_value(doc, "title"),
        subtitle=_value(doc, "subtitle"),
        authors=tuple(Person(name=n) for n in authors),
        contributors=tuple(Person(name=n) for n in contributors),
        published=_value(doc, "published"),
        updated=_value(doc, "updated"),
        source=source,
        language=_value(doc, "language"),
        section=_value(doc, "section"),
        paragraphs=tuple(paragraphs),
        images=images,
        provenance=Provenance(
            input_format=doc.format,
            encoding=doc.encoding,
            stages=tuple(doc.stages_run),
            removed=tuple(removed),
            origins=origins,
            notes=tuple(doc.notes),
        ),
    )
