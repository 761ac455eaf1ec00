from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qdbench import catalog, query
from qdbench.errors import QdbenchError, QueryError, UsageError
from qdbench.xref import CaseFilter


@pytest.fixture
def ix(corpus_dir: Path) -> catalog.IndexDir:
    return catalog.ensure_index(corpus_dir.resolve())


def ids(ix: catalog.IndexDir, text: str, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.doc["id"] for h in query.search(ix, text, **kw)]


def test_english_and_both_chinese_scripts_find_the_same_cases(ix: catalog.IndexDir) -> None:
    found = ids(ix, "bay area")
    assert set(found) == {"case-001", "case-002", "case-003"}
    assert ids(ix, "湾区") == ids(ix, "灣區") == ids(ix, "湾區")
    assert set(ids(ix, "湾区")) == {"case-001", "case-002", "case-003"}


def test_place_names_rank_their_case_first(ix: catalog.IndexDir) -> None:
    assert ids(ix, "tokyo")[0] == "case-003"
    assert ids(ix, "東京")[0] == "case-003"
    assert ids(ix, "旧金山")[0] == "case-002"
    assert ids(ix, "舊金山")[0] == "case-002"


def test_fields_phrases_and_operators(ix: catalog.IndexDir) -> None:
    assert ids(ix, "title:tokyo") == ["case-003"]
    assert ids(ix, "city:纽约") == ["case-001"]
    assert set(ids(ix, "part:1")) == {"case-001", "case-002", "case-003"}
    assert ids(ix, "tokyo NOT title:tokyo") == [] or "case-003" not in ids(ix, "tokyo NOT title:tokyo")
    assert set(ids(ix, "tokyo OR york")) >= {"case-001", "case-003"}
    assert ids(ix, '"New York"')[0] == "case-001"


def test_filters(ix: catalog.IndexDir) -> None:
    assert ids(ix, "bay", filters=CaseFilter(country="Japan")) == ["case-003"]
    assert ids(ix, "bay", filters=CaseFilter(country="日本")) == ["case-003"]
    assert set(ids(ix, "bay", filters=CaseFilter(country="united states"))) == {"case-001", "case-002"}
    assert ids(ix, "bay", filters=CaseFilter(part=2)) == []
    assert ids(ix, "bay", limit=1) and len(ids(ix, "bay", limit=1)) == 1


def test_a_single_chinese_character_matches_words_it_starts(ix: catalog.IndexDir) -> None:
    assert ids(ix, "湾")


def test_snippets_highlight_in_the_query_language(ix: catalog.IndexDir) -> None:
    hit = query.search(ix, "湾区")[0]
    assert hit.snippet_lang == "zh"
    assert any(m and "湾区" in s for s, m in hit.snippet)
    hit = query.search(ix, "bay")[0]
    assert any(m and s.lower().startswith("bay") for s, m in hit.snippet)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("foo:bar", "unknown field 'foo'"),
        ('"bay area', "unbalanced double quote"),
        ("(bay OR area", "unbalanced parentheses"),
        ("()", "no words"),
        ("*", "no words"),
        ("!!!", "no words"),
    ],
)
def test_bad_queries_raise_with_a_hint(ix: catalog.IndexDir, text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as err:
        query.search(ix, text)
    assert err.value.hint


def test_literal_mode_searches_the_text_as_written(ix: catalog.IndexDir) -> None:
    assert ids(ix, "tokyo: (bay", literal=True)[0] == "case-003"


def test_bad_options(ix: catalog.IndexDir) -> None:
    with pytest.raises(UsageError, match="--limit"):
        query.search(ix, "bay", limit=0)
    with pytest.raises(UsageError, match="--part"):
        query.search(ix, "bay", filters=CaseFilter(part=9))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_arbitrary_query_strings_never_crash(ix: catalog.IndexDir, text: str) -> None:
    try:
        hits = query.search(ix, text, limit=3)
    except QdbenchError as e:
        assert str(e).startswith(("bad query", "--"))  # a message a user can act on
    else:
        assert len(hits) <= 3
