from __future__ import annotations

import json
from pathlib import Path

from qdbench import catalog, render
from qdbench.models import case_from


def test_tsv_has_stable_columns_and_no_tabs_in_values() -> None:
    rec = {
        "id": "case-001",
        "slug": "x",
        "part": 1,
        "title": {"zh": "甲\t乙", "en": "A\nB"},
        "city": {"zh": "", "en": "C"},
        "country": {"zh": "国", "en": "D"},
        "actions": ["A1.1", "A5.3"],
    }
    line = render.tsv([rec], render.CASE_COLUMNS)
    assert line == "case-001\tx\t1\t甲 乙\tA B\t\tC\t国\tD\tA1.1,A5.3\n"


def test_json_records_carry_the_contract_keys(corpus_dir: Path) -> None:
    cat = catalog.ensure_index(corpus_dir.resolve()).catalog()
    recs = [render.case_record(e) for e in cat.cases]
    assert set(recs[0]) == {"id", "slug", "part", "title", "city", "country", "actions"}
    assert json.loads(render.json_array(recs)) == recs
    assert [json.loads(x) for x in render.jsonl(recs).splitlines()] == recs
    assert render.ids(recs) == "case-001\ncase-002\ncase-003\n"
    hant = render.case_record(cat.cases[2], script="hant")
    assert hant["title"]["zh"] == "東京灣區"


def test_case_document_has_every_section(corpus_dir: Path) -> None:
    cat = catalog.ensure_index(corpus_dir.resolve()).catalog()
    entry = cat.by_id["case-001"]
    case = case_from(cat.record(entry), entry["path"])
    md = render.case_markdown(case, ["国际海洋名城建设", "Building an international maritime city"], [], [], [], "en")
    for head in ("## Summary", "## Practices", "## Key figures", "## Lessons for Qingdao", "## References"):
        assert head in md
    assert "[1] " in md
    text = render.markdown_to_text(md)
    assert "##" not in text and "`" not in text and "**" not in text


def test_bars_scale_to_the_largest() -> None:
    out = render.bars([("a", 10), ("bb", 5)], width=10)
    assert out == "a   ██████████ 10\nbb  █████ 5\n"
