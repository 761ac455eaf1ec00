"""Fixtures: small real corpora in temporary folders, and an isolated index cache."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data"
BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"
# Contract-v2 copies of shipped cases, with places, indicators and Qingdao (see its README).
V2 = Path(__file__).resolve().parent / "fixtures" / "v2"
BAY_AREAS = ("case-001.yaml", "case-002.yaml", "case-003.yaml")
PORTS = ("case-020.yaml", "case-034.yaml", "case-035.yaml", "case-036.yaml")


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test indexes into its own cache and never sees the user's QDBENCH_DATA."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("QDBENCH_CACHE", str(cache))
    monkeypatch.delenv("QDBENCH_DATA", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    # No user configuration file leaks into a test: an empty config directory of its own.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    return cache


def make_corpus(dest: Path, cases: tuple[str, ...] = BAY_AREAS, broken: tuple[str, ...] = ()) -> Path:
    """A data folder with the shipped actions.yaml, some v2 fixture cases and some broken files."""
    (dest / "cases").mkdir(parents=True)
    shutil.copy(SHIPPED / "actions.yaml", dest / "actions.yaml")
    for name in ("places.yaml", "indicators.yaml", "qingdao.yaml"):
        shutil.copy(V2 / name, dest / name)
    for name in cases:
        shutil.copy(V2 / "cases" / name, dest / "cases" / name)
    _keep_related_inside(dest / "cases")
    _keep_applies_to_inside(dest)
    for name in broken:
        shutil.copy(BROKEN / name, dest / "cases" / name)
    return dest


def _keep_related_inside(cases: Path) -> None:
    """Drop `related` slugs that point outside a partial copy of the corpus (text edit: lines stay)."""
    files = sorted(cases.glob("*.yaml"))
    slugs = {yaml.safe_load(f.read_text(encoding="utf-8"))["slug"] for f in files}
    for f in files:
        text = f.read_text(encoding="utf-8")
        related = yaml.safe_load(text).get("related") or []
        kept = ", ".join(s for s in related if s in slugs)
        text = re.sub(r"^related:.*(?:\n[ ]*- .*)*", f"related: [{kept}]", text, count=1, flags=re.M)
        f.write_text(text, encoding="utf-8")


def _keep_applies_to_inside(dest: Path) -> None:
    """Drop indicator `applies_to` ids of cases a partial copy lacks (one-line lists: lines stay)."""
    ids = {yaml.safe_load(f.read_text(encoding="utf-8"))["id"] for f in (dest / "cases").glob("*.yaml")}
    path = dest / "indicators.yaml"

    def keep(m: re.Match[str]) -> str:
        kept = ", ".join(c for c in re.split(r",\s*", m.group(2)) if c in ids)
        return f"{m.group(1)}[{kept}]"

    path.write_text(
        re.sub(r"^(\s*applies_to: )\[(.*)\]", keep, path.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8"
    )


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """The three bay-area cases: a small, complete, valid corpus."""
    return make_corpus(tmp_path / "data")


@pytest.fixture
def bench_dir(tmp_path: Path) -> Path:
    """Bay areas and ports: indicator values for five places plus Qingdao, and dated updates."""
    return make_corpus(tmp_path / "bench", cases=BAY_AREAS + PORTS)


@pytest.fixture
def broken_dir(tmp_path: Path) -> Path:
    """The bay-area cases plus one file for each way a case file can be unusable."""
    return make_corpus(tmp_path / "broken" / "data", broken=tuple(sorted(p.name for p in BROKEN.glob("*.yaml"))))


def tree_digest(path: Path) -> dict[str, bytes]:
    """Every file's bytes under ``path``: to show a command modified nothing."""
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
