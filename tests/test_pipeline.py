"""Pipeline composition: immutable, named, picklable; clear errors that list the names."""

from __future__ import annotations

import pickle

import pytest

import newsclean
from newsclean import Document, Pipeline, PipelineError, StageError


def upper_body(doc: Document) -> Document:
    """A user stage: upper-cases every block (module level, so it pickles)."""
    for b in doc.blocks:
        b.text = b.text.upper()
    return doc


def test_default_has_named_stages() -> None:
    """The default pipeline lists its stages by name, in order."""
    names = Pipeline.default().names
    assert names[0] == "repair_unicode"
    assert names[-1] == "tidy_body"
    assert len(set(names)) == len(names)


def test_insert_returns_new_pipeline() -> None:
    """insert() leaves the original untouched and puts the stage where asked."""
    p = Pipeline.default()
    q = p.insert(upper_body, after="repair_unicode")
    assert "upper_body" not in p.names
    assert q.names[1] == "upper_body"
    assert newsclean.clean("Some words here that make a sentence.", pipeline=q).body.isupper()


def test_without_and_replace() -> None:
    """without() drops stages by name; replace() swaps one in place."""
    p = Pipeline.default()
    assert "find_title" not in p.without("find_title").names
    r = p.replace("find_title", upper_body)
    assert r.names.index("upper_body") == p.names.index("find_title")


@pytest.mark.parametrize(
    "make",
    [
        lambda p: p.without("no_such_stage"),
        lambda p: p.replace("no_such_stage", upper_body),
        lambda p: p.insert(upper_body, before="no_such_stage"),
        lambda p: p.insert(upper_body).insert(upper_body),
    ],
)
def test_wrong_names_raise_with_the_list(make: object) -> None:
    """Unknown or duplicate names raise PipelineError naming the stages there are."""
    with pytest.raises(PipelineError, match="repair_unicode"):
        make(Pipeline.default())  # type: ignore[operator]


def test_pipeline_pickles() -> None:
    """A pipeline (with a user stage) survives pickling, for worker processes."""
    p = Pipeline.default().insert(upper_body)
    assert pickle.loads(pickle.dumps(p)) == p


def test_stage_returning_wrong_type_is_named() -> None:
    """A stage that does not return the Document raises StageError naming it."""

    def broken(doc: Document) -> Document:
        return None  # type: ignore[return-value]

    with pytest.raises(StageError, match="broken"):
        newsclean.clean("text", pipeline=Pipeline([broken]))


def test_stage_exception_is_wrapped() -> None:
    """An exception inside a stage becomes StageError with the stage name and the cause."""

    def explodes(doc: Document) -> Document:
        raise KeyError("boom")

    with pytest.raises(StageError, match="explodes") as info:
        newsclean.clean("text", pipeline=Pipeline([explodes]))
    assert isinstance(info.value.__cause__, KeyError)


def test_mark_rejects_unknown_roles() -> None:
    """Document.mark only takes documented roles."""
    doc = Document(raw="x", text="x", format="text")
    from newsclean.document import Block

    with pytest.raises(ValueError, match="unknown role"):
        doc.mark(Block(index=0, text="x"), "made-up-role", "x")


def test_docs_list_the_default_stages_in_order() -> None:
    """docs/pipeline.md's stage table names every default stage, in the pipeline's order."""
    import re
    from pathlib import Path

    doc = (Path(__file__).parent.parent / "docs" / "pipeline.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z_]+)` \| (?:all|tree) \|", doc, flags=re.MULTILINE)
    assert tuple(listed) == Pipeline.default().names
