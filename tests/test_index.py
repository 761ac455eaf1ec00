from __future__ import annotations

import threading
from pathlib import Path

import pytest

from qdbench import catalog, query


def hit_ids(ix: catalog.IndexDir, text: str) -> list[str]:
    return [h.doc["id"] for h in query.search(ix, text)]


def test_first_use_builds_then_reuses(corpus_dir: Path) -> None:
    ix = catalog.ensure_index(corpus_dir.resolve())
    assert ix.note and "3 cases" in ix.note
    again = catalog.ensure_index(corpus_dir.resolve())
    assert again.note is None and again.path == ix.path
    cat = again.catalog()
    assert [c["id"] for c in cat.cases] == ["case-001", "case-002", "case-003"]
    assert (ix.path / "manifest.json").is_file()


def test_an_edit_is_seen_by_the_next_search(corpus_dir: Path) -> None:
    data = corpus_dir.resolve()
    catalog.ensure_index(data)
    f = data / "cases" / "case-003.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("Aqua-Line", "Aqua-Line Zyzzyva", 1), encoding="utf-8")
    ix = catalog.ensure_index(data)
    assert ix.note and "1 file(s) changed" in ix.note
    assert hit_ids(ix, "zyzzyva") == ["case-003"]


def test_adding_and_removing_cases(corpus_dir: Path) -> None:
    data = corpus_dir.resolve()
    catalog.ensure_index(data)
    (data / "cases" / "case-002.yaml").unlink()
    ix = catalog.ensure_index(data)
    assert [c["id"] for c in ix.catalog().cases] == ["case-001", "case-003"]
    assert "case-002" not in hit_ids(ix, "bay")


def test_touching_without_change_does_not_reindex(corpus_dir: Path) -> None:
    data = corpus_dir.resolve()
    first = catalog.ensure_index(data)
    f = data / "cases" / "case-001.yaml"
    f.write_bytes(f.read_bytes())
    ix = catalog.ensure_index(data)
    assert ix.note is None and ix.path == first.path


def test_rebuild_swaps_generations_atomically(corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = corpus_dir.resolve()
    first = catalog.ensure_index(data)
    second = catalog.ensure_index(data, rebuild=True)
    # Replaced generations stay RETAIN_SECONDS for readers that opened them before the swap.
    assert first.path.is_dir()
    monkeypatch.setattr(catalog, "RETAIN_SECONDS", 0.0)
    third = catalog.ensure_index(data, rebuild=True)
    root = catalog.cache_root(data)
    assert (root / "CURRENT").read_text().strip() == third.path.name
    gens = sorted(p.name for p in root.iterdir() if p.name.startswith("gen-"))
    # The previous generation is always kept one round.
    assert gens == sorted([second.path.name, third.path.name])
    assert not first.path.exists()
    assert not [p for p in root.iterdir() if p.name.startswith("tmp-")]


def test_searches_keep_working_during_rebuilds(corpus_dir: Path) -> None:
    data = corpus_dir.resolve()
    catalog.ensure_index(data)
    errors: list[BaseException] = []
    stop = threading.Event()

    def rebuild() -> None:
        try:
            for _ in range(3):
                catalog.ensure_index(data, rebuild=True)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            stop.set()

    t = threading.Thread(target=rebuild)
    t.start()
    searched = 0
    while not stop.is_set() or searched == 0:
        assert "case-001" in hit_ids(catalog.ensure_index(data), "new york")
        searched += 1
    t.join()
    assert not errors


def test_bad_files_are_skipped_and_named(broken_dir: Path) -> None:
    ix = catalog.ensure_index(broken_dir.resolve())
    cat = ix.catalog()
    assert [c["id"] for c in cat.cases] == ["case-001", "case-002", "case-003"]
    assert len(cat.problems) == 7
    assert any("case-105.yaml" in p["text"] and "aliases" in p["text"] for p in cat.problems)


def test_the_build_codec_changes_no_result_or_score(corpus_dir: Path, tmp_path: Path) -> None:
    from whoosh.codec.whoosh3 import W3Codec
    from whoosh.filedb.filestore import FileStorage

    from qdbench import corpus
    from qdbench.index import whoosh_doc
    from qdbench.query import parse_query
    from qdbench.schema import QdbenchCodec, make_schema

    docs = [whoosh_doc(cf) for cf in corpus.load_corpus(corpus_dir).files]
    results = []
    for i, codec in enumerate((W3Codec(), QdbenchCodec())):
        path = tmp_path / str(i)
        path.mkdir()
        ix = FileStorage(str(path)).create_index(make_schema())
        with ix.writer(codec=codec) as w:
            for d in docs:
                w.add_document(**d)
        with ix.searcher() as s:
            results.append(
                [
                    [(h["id"], h.score) for h in s.search(parse_query(q))]
                    for q in ("bay", "湾区", '"new york"', "port OR 港口")
                ]
            )
    assert results[0] == results[1]
    assert all(results[0])


def test_an_index_of_another_version_is_rebuilt(corpus_dir: Path) -> None:
    import json

    data = corpus_dir.resolve()
    first = catalog.ensure_index(data)
    manifest = json.loads((first.path / "manifest.json").read_text(encoding="utf-8"))
    manifest["format"] = catalog.INDEX_VERSION - 1  # as an older qdbench would have left it
    (first.path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    again = catalog.ensure_index(data)
    assert again.note and "index built" in again.note and again.path != first.path
    # Outdated is not damaged: the note says the index was built, not that it was damaged.
    assert "damaged" not in again.note


def test_a_garbled_manifest_is_reported_as_damage(corpus_dir: Path) -> None:
    data = corpus_dir.resolve()
    first = catalog.ensure_index(data)
    (first.path / "manifest.json").write_text('{"format": "nine"', encoding="utf-8")
    again = catalog.ensure_index(data)
    assert again.note and "damaged" in again.note and again.path != first.path


def test_bench_data_is_read_only_when_asked_for(corpus_dir: Path) -> None:
    ix = catalog.ensure_index(corpus_dir.resolve())
    cat = ix.catalog()
    assert all("updates" not in e for e in cat.cases)
    entries = cat.with_bench()
    assert any(e["updates"] for e in entries) and all(isinstance(e["sources"], dict) for e in entries)
    assert isinstance(cat.indicators, dict) and isinstance(cat.qingdao, dict)


def test_damaged_bench_data_is_damage(corpus_dir: Path) -> None:
    from qdbench.errors import CacheDamaged

    ix = catalog.ensure_index(corpus_dir.resolve())
    bench = ix.path / catalog.BENCH_FILE
    bench.unlink()
    bench.write_text('{"cases": []}', encoding="utf-8")  # a list where a mapping belongs, and a new size
    with pytest.raises(CacheDamaged):
        ix.catalog().with_bench()
