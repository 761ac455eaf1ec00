from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from qdbench import checks, corpus

SHIPPED = Path(__file__).resolve().parent.parent / "data"


def findings(data_dir: Path) -> list[str]:
    return [str(f) for f in checks.run_checks(corpus.load_corpus(data_dir))]


def edit(data_dir: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    path = data_dir / "cases" / name
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(d)
    path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_fixture_corpus_is_clean(corpus_dir: Path) -> None:
    assert findings(corpus_dir) == []


@pytest.mark.skipif(
    not (SHIPPED / "places.yaml").is_file(), reason="the shipped corpus is migrated to contract v2 on branch benchdata"
)
def test_the_shipped_corpus_is_clean() -> None:
    assert findings(SHIPPED) == []


def test_broken_files_are_reported_with_lines(broken_dir: Path) -> None:
    out = findings(broken_dir)
    assert "data/cases/case-106.yaml:3: duplicate key 'slug'" in out
    assert any(x.startswith("data/cases/case-101.yaml:4: YAML error") for x in out)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(actions=["A9.9"]), "action 'A9.9' is not in actions.yaml"),
        (lambda d: d.update(related=["no-such-case"]), "related slug 'no-such-case' is not a case"),
        (lambda d: d["figures"][0].update(cite="nope"), "cite 'nope' is not a citation key"),
        (lambda d: [d["citations"][0].pop(k, None) for k in ("url", "doi", "isbn")], "needs a url, doi or isbn"),
        (lambda d: d["citations"][0].update(isbn="978-0-306-40615-8"), "wrong check digit"),
        (lambda d: d["citations"][0].update(doi="doi:10.1000/x"), "doi 'doi:10.1000/x' is malformed"),
        (lambda d: d["citations"][0].update(year=2999), "year 2999 is not a year"),
        (lambda d: d["citations"][0].update(type="blog"), "type 'blog' is not one of"),
        (lambda d: d.update(summery="typo"), "unknown key 'summery'"),
        (lambda d: d.update(id="case-009"), "differs from the file name"),
        (lambda d: d.update(part=8), "part 8 must be a number from 1 to 7"),
        (lambda d: d["summary"].update(zh="太短"), "summary.zh has 2 characters"),
        (lambda d: d.update(practices=d["practices"][:1]), "practices has 1 items"),
        (
            lambda d: d["lessons"][0].update(zh="青岛可以 借鉴这种做法，把港口、机场和桥隧交给一个机构统筹"),
            "space between Chinese characters in lessons.0.zh",
        ),
    ],
)
def test_each_check_reports_its_problem(corpus_dir: Path, change, expected: str) -> None:  # type: ignore[no-untyped-def]
    edit(corpus_dir, "case-002.yaml", change)
    out = findings(corpus_dir)
    assert any(expected in x and x.startswith("data/cases/case-002.yaml:") for x in out), out


def test_duplicate_ids_and_slugs(corpus_dir: Path) -> None:
    src = (corpus_dir / "cases" / "case-002.yaml").read_text(encoding="utf-8")
    (corpus_dir / "cases" / "case-004.yaml").write_text(src, encoding="utf-8")
    out = findings(corpus_dir)
    assert any("duplicate id 'case-002'" in x for x in out)
    assert any("duplicate slug 'san-francisco-bay-area'" in x for x in out)


@pytest.mark.parametrize(
    ("isbn", "ok"),
    [
        ("978-0-306-40615-7", True),
        ("0-306-40615-2", True),
        ("0-8044-2957-X", True),
        ("978-0-306-40615-8", False),
        ("12345", False),
    ],
)
def test_isbn_check_digits(isbn: str, ok: bool) -> None:
    assert checks.isbn_valid(isbn) is ok
