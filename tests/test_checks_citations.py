"""The checker's rules for citation types: parts of books, newspapers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .test_checks import edit, findings


def first_citation(**fields: Any):  # type: ignore[no-untyped-def]
    def change(d: dict[str, Any]) -> None:
        c = d["citations"][0]
        for k, v in fields.items():
            if v is None:
                c.pop(k, None)
            else:
                c[k] = v

    return change


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"type": "book", "container": "A Book"}, "a book has no container; a part of a book is type chapter or entry"),
        ({"type": "chapter", "container": None}, "a chapter needs container (the book the chapter is part of)"),
        ({"type": "entry", "container": None}, "an entry needs container (the dictionary or encyclopaedia)"),
        ({"type": "news", "container": None}, "a news item needs container (the newspaper's name)"),
        ({"editor": "Smith, John"}, "editor must be a list of names"),
    ],
)
def test_citation_type_rules(corpus_dir: Path, fields: dict[str, Any], expected: str) -> None:
    edit(corpus_dir, "case-002.yaml", first_citation(**fields))
    out = findings(corpus_dir)
    assert any(expected in x and x.startswith("data/cases/case-002.yaml:") for x in out), out


def test_new_types_are_valid_and_a_paper_is_not_an_author(corpus_dir: Path) -> None:
    for kind in ("chapter", "entry", "standard", "preprint", "dataset"):
        edit(corpus_dir, "case-002.yaml", first_citation(type=kind, container="C", editor=["Doe, Jane"], number="N 1"))
        assert findings(corpus_dir) == [], kind
    # The paper's name as container does not stand in for the author or publisher the data
    # contract (and the shared seed tools) ask for.
    edit(
        corpus_dir, "case-002.yaml", first_citation(type="news", container="Bay Crossings", author=None, publisher=None)
    )
    assert any("needs an author or a publisher" in x for x in findings(corpus_dir))
