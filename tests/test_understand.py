"""How plain queries are understood: function words, Chinese runs, synonyms, corrections."""

from __future__ import annotations

from pathlib import Path

from qdbench import correct, understand, vocabulary
from qdbench.vocabulary import Group, compile_groups

SHIPPED = Path(__file__).resolve().parent.parent / "data"


def groups(*sets: list[str]) -> list[Group]:
    return compile_groups({"groups": [{"terms": s} for s in sets]})


def shown(u: understand.Understood) -> list[str]:
    return [c.shown for c in u.clauses]


def test_syntax_makes_a_query_exact() -> None:
    for q in ('"free port"', "port AND city", "title:port", "(a b)", "port NOT city", "port^2", "harb*", "port~"):
        assert understand.is_exact(q), q
    for q in ("how did tokyo clean up its bay?", "and or not", "e-commerce", "http://x"):
        assert not understand.is_exact(q), q


def test_function_words_do_not_decide() -> None:
    u = understand.understand("how did tokyo clean up its bay", [])
    assert shown(u) == ["tokyo", "clean", "bay"]
    assert {"how", "did", "up", "its"} <= set(u.dropped)
    # A query of nothing but function words still searches for them.
    assert shown(understand.understand("how", [])) == ["how"]


def test_a_chinese_question_becomes_content_bigrams() -> None:
    u = understand.understand("东京湾是怎么治理水污染的", [])
    terms = [c.alts[0].terms[0] for c in u.clauses]
    assert terms[:2] == ["东京", "京湾"] and "治理" in terms and "污染" in terms
    assert not any("么" in t or "是" in t or "的" in t for t in terms)
    # Bigrams are not formed across a removed function word.
    assert "湾是" not in terms and "湾治" not in terms


def test_synonym_members_are_protected_from_particle_removal() -> None:
    u = understand.understand("香港的士", groups(["taxi", "的士"]))
    assert "的士" in shown(u)


def test_latin_synonyms_match_analysed_phrases() -> None:
    u = understand.understand("Car Parks in Japan", groups(["car park", "parking lot", "停车场"]))
    clause = u.clauses[0]
    assert clause.shown == "Car Parks"
    assert [a.source for a in clause.alts] == ["typed", "synonym", "synonym"]
    assert not clause.alts[0].phrase and clause.alts[1].phrase
    assert clause.span == 2


def test_number_units_split() -> None:
    u = understand.understand("2021年货物吞吐量", [])
    assert [c.alts[0].terms for c in u.clauses][:3] == [("2021",), ("年",), ("货物",)]


def test_distance_counts_a_transposition_once() -> None:
    assert correct.distance("hambrug", "hamburg", 2) == 1
    assert correct.distance("sentoza", "sentosa", 2) == 1
    assert correct.distance("port", "airport", 2) == 3  # above the limit: limit + 1


def test_the_shipped_synonyms_file_is_valid() -> None:
    assert vocabulary.check_file(SHIPPED) == []
    assert len(vocabulary.load(SHIPPED)) > 100


def test_the_synonyms_check_reports_problems(tmp_path: Path) -> None:
    (tmp_path / "synonyms.yaml").write_text(
        "groups:\n  - terms: [port]\n  - terms: [機場, airport]\n  - terms: [harbour, harbor]\n"
        "  - terms: [harbours, seaport]\n  - terms: [x, y]\n    colour: red\n",
        encoding="utf-8",
    )
    found = [str(f) for f in vocabulary.check_file(tmp_path)]
    assert any("at least two terms" in f for f in found)
    assert any("Simplified" in f for f in found)
    assert any("merge the groups" in f for f in found)
    assert any("unknown key" in f for f in found)
    assert all(f.startswith("synonyms.yaml:") for f in found)
