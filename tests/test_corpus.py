from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from qdbench import corpus, datadir
from qdbench.errors import CorpusError


def test_loads_cases_and_actions(corpus_dir: Path) -> None:
    c = corpus.load_corpus(corpus_dir)
    assert [x.id for x in c.cases] == ["case-001", "case-002", "case-003"]
    assert c.problems == []
    assert len(c.actions) == 29
    assert [p.part for p in c.parts] == list(range(1, 8))
    first = c.cases[0]
    assert first.slug == "new-york-bay-area" and first.part == 1
    assert first.citations and all(x.key for x in first.citations)


@pytest.mark.parametrize(
    ("name", "message", "line"),
    [
        ("case-101.yaml", "YAML error", 4),
        ("case-102.yaml", "YAML error", 3),
        ("case-103.yaml", "empty file", None),
        ("case-104.yaml", "must be a mapping", 1),
        ("case-105.yaml", "aliases", 3),
        ("case-106.yaml", "duplicate key 'slug'", 3),
        ("case-107.yaml", "invalid UTF-8", 3),
    ],
)
def test_each_broken_file_is_one_problem_with_its_line(
    broken_dir: Path, name: str, message: str, line: int | None
) -> None:
    c = corpus.load_corpus(broken_dir)
    found = [p for p in c.problems if p.path.endswith(name)]
    assert len(found) == 1, c.problems
    assert message in found[0].message
    assert found[0].line == line
    assert [x.id for x in c.cases] == ["case-001", "case-002", "case-003"]


def test_python_tags_are_never_executed(broken_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="could not determine a constructor"):
        corpus.load_case_file(broken_dir / "cases" / "case-102.yaml", broken_dir)


def test_data_folder_resolution(tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert datadir.resolve_data_dir(str(corpus_dir)) == corpus_dir.resolve()
    monkeypatch.setenv("QDBENCH_DATA", str(corpus_dir))
    assert datadir.resolve_data_dir(None) == corpus_dir.resolve()
    with pytest.raises(CorpusError, match="no such data folder"):
        datadir.resolve_data_dir(str(tmp_path / "missing"))
    with pytest.raises(CorpusError, match="no cases/ folder"):
        datadir.resolve_data_dir(str(tmp_path))


def test_fingerprints_follow_edits(corpus_dir: Path) -> None:
    stat1, hashes1 = datadir.stat_fingerprint(corpus_dir), datadir.content_hashes(corpus_dir)
    f = corpus_dir / "cases" / "case-002.yaml"
    # Same content, new mtime: the stat fingerprint moves, the content hashes do not.
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert datadir.stat_fingerprint(corpus_dir) != stat1
    assert datadir.content_hashes(corpus_dir) == hashes1
    f.write_text(f.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert datadir.content_hashes(corpus_dir)["cases/case-002.yaml"] != hashes1["cases/case-002.yaml"]
    time.sleep(0)  # keeps the edit visible to filesystems with coarse timestamps in later tests
