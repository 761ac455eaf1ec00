from __future__ import annotations

import importlib.util
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from qdbench import analysis
from qdbench.schema import BilingualAnalyzer

ROOT = Path(__file__).resolve().parent.parent


def test_scripts_fold_to_the_same_terms() -> None:
    assert analysis.terms("湾区") == analysis.terms("灣區") == analysis.terms("湾區") == ["湾区"]
    assert analysis.terms("後來") == analysis.terms("后来")
    assert analysis.terms("臺灣") == analysis.terms("台湾")


def test_chinese_runs_become_bigrams() -> None:
    assert analysis.terms("东京湾港口群") == ["东京", "京湾", "湾港", "港口", "口群"]
    assert "港口" in analysis.terms("東京灣港口群")


def test_a_lone_character_is_a_unigram() -> None:
    assert analysis.terms("港 port") == ["港", "port"]


def test_latin_is_folded_and_stemmed() -> None:
    assert analysis.terms("Élysées") == analysis.terms("Elysees")
    assert analysis.terms("ＮＹ") == ["ny"]
    assert analysis.terms("Ports") == analysis.terms("port")
    assert analysis.terms("Plan A 5 x") == ["plan", "a", "5", "x"]


def test_mixed_text_keeps_original_offsets() -> None:
    text = "Qingdao 青島港口 and Hamburg"
    for term, start, end in analysis.iter_tokens(text):
        original = text[start:end]
        assert analysis.terms(original) in ([term], [term[0], term[1]]) or analysis.fold_cjk(original) == term


@given(st.text())
def test_fast_indexing_path_equals_the_analyzer(text: str) -> None:
    expected: dict[str, list[int]] = {}
    for tok in BilingualAnalyzer()(text, positions=True):
        expected.setdefault(tok.text, []).append(tok.pos)
    assert analysis.term_positions(text) == expected


@given(st.text())
def test_tokens_stay_inside_the_text(text: str) -> None:
    for term, start, end in analysis.iter_tokens(text):
        assert term
        assert 0 <= start < end <= len(text)


def test_fold_table_matches_the_installed_opencc() -> None:
    spec = importlib.util.spec_from_file_location("gen_fold_table", ROOT / "tools" / "gen_fold_table.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    shipped = (Path(analysis.__file__).with_name("fold_t2s.txt")).read_text(encoding="utf-8")
    assert gen.render_table(gen.derive_table()) == shipped


def test_display_in_traditional_is_phrase_aware() -> None:
    assert analysis.to_script("东京湾区的港口", "hant") == "東京灣區的港口"
    assert analysis.to_script("后来的皇后大道", "hant") == "後來的皇后大道"
    assert analysis.to_script("台湾", "hant-hk") == "台灣"
    assert analysis.to_script("English only", "hant") == "English only"
    assert analysis.to_script("湾区", "hans") == "湾区"


def test_snippet_marks_matches_and_keeps_the_window() -> None:
    text = "The bay area plan. " * 3 + "Nothing else here. " * 20 + "A port on the bay."
    segs = analysis.snippet(text, {"port"}, width=40)
    assert any(m and s.lower() == "port" for s, m in segs)
    assert len("".join(s for s, _ in segs)) <= 40 + 2


def test_snippet_without_match_is_the_beginning() -> None:
    segs = analysis.snippet("短文本" * 50, {"港口"}, width=10)
    assert segs == [("短文本短文本短文本短…", False)]


# Characters around every edge of the CJK classes, letters, digits, underscores and marks.
_EDGE_CHARS = (
    "".join(chr(c) for lo, hi in analysis._CJK_RANGES for c in (lo - 1, lo, lo + 1, hi - 1, hi, hi + 1))
    + "aZ9_-・゠々〇é١²ⅷ 　,，。'\u0301"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_EDGE_CHARS) | st.characters(), max_size=60))
def test_the_scan_finds_the_runs_the_pattern_finds(text: str) -> None:
    """Short texts are scanned in Python, long ones matched by the pattern: the same runs."""
    scanned = list(analysis.runs(text))
    matched = [(m.group("cjk") is not None, m.group(), m.start(), m.end()) for m in analysis._token_re().finditer(text)]
    assert scanned == matched
    assert analysis.has_cjk(text) == (analysis._has_cjk_re().search(text) is not None)
    # And the long path gives the same runs, shifted, past the threshold.
    pad = " " * (analysis.SCAN_MAX + 1)
    assert list(analysis.runs(pad + text)) == [(c, r, s + len(pad), e + len(pad)) for c, r, s, e in matched]
