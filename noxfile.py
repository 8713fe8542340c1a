"""nox sessions: tests, lint, types, docs, wheel, benchmarks.

Supported Pythons are read from the classifiers in pyproject.toml.
"""

from __future__ import annotations

import re
from pathlib import Path

import nox

nox.options.sessions = ["tests", "lint", "types"]
nox.options.reuse_existing_virtualenvs = True

PYPROJECT = Path(__file__).with_name("pyproject.toml").read_text(encoding="utf-8")
PYTHONS = re.findall(r'"Programming Language :: Python :: (3\.\d+)"', PYPROJECT)


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The test suite (bounded hypothesis profile; pass --runslow for the slow tests)."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def thorough(session: nox.Session) -> None:
    """The property tests with many more examples (local runs)."""
    session.install("-e", ".[test]")
    session.run("pytest", "--runslow", *session.posargs, env={"HYPOTHESIS_PROFILE": "thorough"})


@nox.session
def lint(session: nox.Session) -> None:
    """ruff lint and format check."""
    session.install("ruff")
    session.run("ruff", "check", "src", "tests", "benchmarks", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "benchmarks", "noxfile.py")


@nox.session
def types(session: nox.Session) -> None:
    """mypy strict on the package."""
    session.install("-e", ".[lint]")
    session.run("mypy")


@nox.session
def docs(session: nox.Session) -> None:
    """Doctests of the package and the README examples."""
    session.install("-e", ".[test]")
    session.run(
        "pytest", "--doctest-modules", "src/newsclean", "--doctest-glob=*.md", "README.md", "docs"
    )


@nox.session
def wheel(session: nox.Session) -> None:
    """Build sdist and wheel, check them, install the wheel and clean a seed with it."""
    session.install("build", "twine")
    session.run("python", "-m", "build", "--outdir", "dist")
    session.run("twine", "check", "--strict", *map(str, Path("dist").glob("*")))
    wheels = sorted(Path("dist").glob("*.whl"))
    session.install(str(wheels[-1]))
    session.run("newsclean", "seeds/002_72b5f6f66a5c28c5.txt", "--format", "text", silent=False)


@nox.session
def benchmarks(session: nox.Session) -> None:
    """Quality and speed against the peers on the development corpus (see benchmarks/README.md)."""
    session.install("-e", ".[bench]")
    session.run("python", "benchmarks/compare.py", *session.posargs)
