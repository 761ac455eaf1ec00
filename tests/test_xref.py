from __future__ import annotations

from pathlib import Path

import pytest

from qdbench import catalog, xref
from qdbench.errors import NotFound, UsageError


@pytest.fixture
def cat(corpus_dir: Path) -> catalog.Catalog:
    return catalog.ensure_index(corpus_dir.resolve()).catalog()


@pytest.mark.parametrize("key", ["case-002", "CASE-002", "2", "002", "san-francisco-bay-area"])
def test_cases_resolve_by_id_number_or_slug(cat: catalog.Catalog, key: str) -> None:
    assert xref.resolve_case(cat, key)["id"] == "case-002"


def test_unknown_cases_get_suggestions(cat: catalog.Catalog) -> None:
    with pytest.raises(NotFound) as err:
        xref.resolve_case(cat, "tokyo-bay")
    assert err.value.suggestions == ["tokyo-bay-area"]
    assert "did you mean tokyo-bay-area?" in str(err.value)


@pytest.mark.parametrize("key", ["../../etc/passwd", "a/b", "", "  "])
def test_path_like_or_empty_ids_are_refused(cat: catalog.Catalog, key: str) -> None:
    with pytest.raises(UsageError):
        xref.resolve_case(cat, key)


def test_action_cross_references(cat: catalog.Catalog) -> None:
    assert [e["id"] for e in xref.cases_for_action(cat, "A1.1")] == ["case-001", "case-002", "case-003"]
    assert xref.resolve_action(cat, "a1.1")["id"] == "A1.1"
    with pytest.raises(NotFound):
        xref.resolve_action(cat, "A9.9")
    cov = dict((a["id"], [c["id"] for c in cs]) for a, cs in xref.coverage(cat))
    assert len(cov) == 29
    assert cov["A1.1"] == ["case-001", "case-002", "case-003"]
    assert cov["A7.5"] == []  # no case of the fixture corpus serves it: a flagged gap


def test_filters_match_names_in_either_language(cat: catalog.Catalog) -> None:
    def ids(**kw: object) -> list[str]:
        return [e["id"] for e in xref.filter_cases(cat, xref.CaseFilter(**kw))]  # type: ignore[arg-type]

    assert ids(country="Japan") == ids(country="日本") == ["case-003"]
    assert ids(country="united states") == ["case-001", "case-002"]
    assert ids(city="東京") == ["case-003"]
    assert ids(part=2) == []
    with pytest.raises(UsageError):
        ids(part=0)


def test_stats_count_by_part_country_and_city(cat: catalog.Catalog) -> None:
    s = xref.stats(cat)
    assert s["part"] == [("1", 3)]
    assert s["country"][0] == ("United States", 2)
