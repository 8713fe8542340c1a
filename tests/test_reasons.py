"""Reason codes are a public contract: every code the library can emit is documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsclean.rules import CATEGORY_ROLE

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "reasons.md").read_text(encoding="utf-8")


def _emitted() -> set[str]:
    codes: set[str] = set()
    for f in (ROOT / "src" / "newsclean").rglob("*.py"):
        codes.update(
            re.findall(r'mark\([^()]*?"([a-z][a-z0-9-]*)"\)', f.read_text(encoding="utf-8"))
        )
    hints = json.loads((ROOT / "src/newsclean/data/hints.json").read_text(encoding="utf-8"))
    codes.update(reason for _role, reason in hints["negative"].values())
    codes.update(reason for _role, reason in CATEGORY_ROLE.values())
    return codes


def test_every_reason_code_is_documented() -> None:
    """docs/reasons.md lists every reason code found in the code and the data files."""
    missing = sorted(c for c in _emitted() if f"`{c}`" not in DOC)
    assert not missing, f"undocumented reason codes: {missing}"


def test_reason_codes_are_kebab_case() -> None:
    """Reason codes are lowercase kebab-case words."""
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c) for c in _emitted())
