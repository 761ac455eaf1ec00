"""A few runs of the real command in a subprocess: pipes, NO_COLOR, a fresh folder, read-only."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import make_corpus

PACKAGE = Path(__file__).resolve().parent.parent / "qdbench"


def qdbench(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qdbench", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=120,
    )


def test_a_closed_pipe_ends_quietly(corpus_dir: Path) -> None:
    # The reader takes one line and leaves: no traceback, no BrokenPipeError message.
    p = subprocess.run(
        f'"{sys.executable}" -m qdbench search bay --data "{corpus_dir}" -f jsonl | head -c 10',
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert len(p.stdout) == 10
    assert "Traceback" not in p.stderr and "BrokenPipe" not in p.stderr


def test_no_color_and_no_escape_codes_when_piped(corpus_dir: Path) -> None:
    for fmt in ("table", "tsv"):
        p = qdbench("search", "bay", "-f", fmt, "--data", str(corpus_dir), env={"NO_COLOR": "1"})
        assert p.returncode == 0 and "case-001" in p.stdout
        assert "\x1b[" not in p.stdout and "\x1b[" not in p.stderr


def test_a_fresh_data_folder_from_another_directory(tmp_path: Path) -> None:
    data = make_corpus(tmp_path / "fresh")
    p = qdbench("show", "tokyo-bay-area", "--data", str(data), cwd=tmp_path)
    assert p.returncode == 0 and p.stdout.startswith("东京湾区")
    assert "index built" in p.stderr


def test_errors_have_no_traceback(corpus_dir: Path) -> None:
    p = qdbench("search", "(unbalanced", "--data", str(corpus_dir))
    assert p.returncode == 1 and p.stdout == ""
    assert p.stderr.splitlines()[-1].startswith("error: ") and "Traceback" not in p.stderr


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else False, reason="root ignores file permissions")
def test_a_read_only_install_searches_without_writing(tmp_path: Path) -> None:
    _read_only_install(tmp_path)


def _read_only_install(tmp_path: Path) -> None:
    """Lay the package out as a wheel would (corpus and index inside), make it read-only, search."""
    site = tmp_path / "site"
    pkg = site / "qdbench"
    shutil.copytree(PACKAGE, pkg, ignore=shutil.ignore_patterns("__pycache__", "_data", "_index"))
    shutil.copytree(PACKAGE.parent / "data", pkg / "_data")
    (pkg / "_index").mkdir()
    env = {"PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1", "QDBENCH_CACHE": str(tmp_path / "cache")}
    build = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from pathlib import Path; from qdbench.index import write_generation; write_generation(Path({str(pkg / '_index')!r}), Path({str(pkg / '_data')!r}).resolve())",
        ],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert build.returncode == 0, build.stderr
    for p in [site, *site.rglob("*")]:
        p.chmod(p.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        p = qdbench("search", "湾区", "-f", "ids", env=env, cwd=tmp_path)
        assert p.returncode == 0, p.stderr
        assert "case-001" in p.stdout.split()
        assert p.stderr == ""  # the packaged index is fresh: nothing rebuilt
        # At most a note in the user cache that the packaged index was checked; no index there.
        cached = sorted(q.name for q in (tmp_path / "cache").rglob("*")) if (tmp_path / "cache").exists() else []
        assert cached in ([], ["packaged-index-checked"])
    finally:
        for q in [site, *site.rglob("*")]:
            q.chmod(q.stat().st_mode | stat.S_IWUSR)


def test_the_packaged_layout_is_used_when_fresh(tmp_path: Path) -> None:
    """Root cannot be denied writes, so this checks the same path without permissions."""
    _read_only_install(tmp_path)


def test_the_command_loads_whoosh_without_urllib_or_asyncio(corpus_dir: Path) -> None:
    code = (
        "import sys; from qdbench.startup import install_stand_ins; install_stand_ins();"
        "import whoosh.reading, whoosh.compat, whoosh.query;"
        "from whoosh.lang.morph_en import variations; assert 'gone' in variations('go');"
        "print('asyncio' in sys.modules, type(sys.modules['urllib.request']).__name__);"
        "import urllib.request; from urllib.request import Request;"  # other names load the real module
        "print(type(sys.modules['urllib.request']).__name__, Request.__module__)"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["False", "_StandIn", "module", "urllib.request"]


def test_importing_the_library_installs_no_stand_ins() -> None:
    code = "import sys, qdbench.query, qdbench.cli; print('urllib.request' in sys.modules and type(sys.modules['urllib.request']).__name__)"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.stdout.strip() in ("False", "module")
