"""An immutable, picklable sequence of named stages.

A stage is any callable ``(Document) -> Document`` with a ``name`` attribute (a plain function
uses its ``__name__``). ``Pipeline`` never mutates: ``insert``, ``replace`` and ``without``
return a new pipeline, and unknown or duplicate names raise :class:`PipelineError` listing
the names there are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, runtime_checkable

from .document import Document
from .errors import PipelineError, StageError

__all__ = ["Pipeline", "Stage", "stage_name"]


@runtime_checkable
class Stage(Protocol):
    """What a stage is: a callable from Document to Document."""

    def __call__(self, doc: Document, /) -> Document: ...


def stage_name(stage: Callable[[Document], Document]) -> str:
    """The name of a stage: its ``name`` attribute, else its ``__name__``."""
    name = getattr(stage, "name", None) or getattr(stage, "__name__", None)
    if not isinstance(name, str) or not name:
        raise PipelineError(
            f"stage {stage!r} has no name: give it a `name` attribute or use a named function"
        )
    return name


class Pipeline:
    """An ordered, immutable sequence of uniquely named stages."""

    __slots__ = ("_stages",)

    def __init__(self, stages: Iterable[Callable[[Document], Document]] = ()) -> None:
        items = tuple(stages)
        seen: set[str] = set()
        for s in items:
            if not callable(s):
                raise PipelineError(
                    f"stage {s!r} is not callable; a stage is (Document) -> Document"
                )
            n = stage_name(s)
            if n in seen:
                raise PipelineError(
                    f"duplicate stage name {n!r} in {[stage_name(x) for x in items]}; "
                    "stage names must be unique"
                )
            seen.add(n)
        self._stages: tuple[Callable[[Document], Document], ...] = items

    @classmethod
    def default(cls) -> Pipeline:
        """The default pipeline (see docs/pipeline.md for what each stage does)."""
        from .stages import DEFAULT_STAGES

        return cls(DEFAULT_STAGES)

    @property
    def names(self) -> tuple[str, ...]:
        """Stage names in order."""
        return tuple(stage_name(s) for s in self._stages)

    def __iter__(self) -> Iterator[Callable[[Document], Document]]:
        return iter(self._stages)

    def __len__(self) -> int:
        return len(self._stages)

    def __getitem__(self, name: str) -> Callable[[Document], Document]:
        return self._stages[self._index(name)]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pipeline) and self._stages == other._stages

    def __hash__(self) -> int:
        return hash(self.names)

    def __repr__(self) -> str:
        return f"Pipeline({list(self.names)!r})"

    def __getstate__(self) -> tuple[Callable[[Document], Document], ...]:
        return self._stages

    def __setstate__(self, state: tuple[Callable[[Document], Document], ...]) -> None:
        self._stages = state

    def _index(self, name: str) -> int:
        names = self.names
        if name not in names:
            raise PipelineError(f"no stage named {name!r}; the stages are {list(names)}")
        return names.index(name)

    def insert(
        self,
        stage: Callable[[Document], Document],
        *,
        before: str | None = None,
        after: str | None = None,
    ) -> Pipeline:
        """A new pipeline with ``stage`` before or after the named stage (or at the end)."""
        if before is not None and after is not None:
            raise PipelineError("give before= or after=, not both")
        items = list(self._stages)
        if before is not None:
            items.insert(self._index(before), stage)
        elif after is not None:
            items.insert(self._index(after) + 1, stage)
        else:
            items.append(stage)
        return Pipeline(items)

    def replace(self, name: str, stage: Callable[[Document], Document]) -> Pipeline:
        """A new pipeline with the named stage replaced."""
        items = list(self._stages)
        items[self._index(name)] = stage
        return Pipeline(items)

    def without(self, *names: str) -> Pipeline:
        """A new pipeline without the named stages."""
        for n in names:
            self._index(n)
        drop = set(names)
        return Pipeline(s for s in self._stages if stage_name(s) not in drop)

    def run(self, doc: Document) -> Document:
        """Run every stage on ``doc`` in order; a failing stage raises :class:`StageError`."""
        for s in self._stages:
            name = stage_name(s)
            doc.stage = name
            try:
                out = s(doc)
            except StageError:
                raise
            except Exception as exc:  # a stage's own bug: name the stage, keep the cause
                raise StageError(name, f"{type(exc).__name__}: {exc}") from exc
            if not isinstance(out, Document):
                raise StageError(name, f"returned {type(out).__name__}, not the Document")
            doc = out
            doc.stages_run.append(name)
        doc.stage = None
        return doc
