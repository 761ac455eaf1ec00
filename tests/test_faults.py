"""Fault injection: each way a hostile or careless user broke qdbench (issue 11), reproduced.

Temp corpora and caches only. The kill-mid-build and concurrent-reader tests run a fixed, small
number of rounds. Subprocess runs are kept to the behaviours only a real process shows
(encodings, closed and full streams, a terminal for the pager).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from qdbench import catalog, datadir, query
from qdbench.cli import app
from qdbench.errors import QdbenchError, QueryError, UsageError
from qdbench.output_file import write_output

from .conftest import make_corpus

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args), input=stdin, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def qdbench(
    *args: str | bytes, env: dict[str, str] | None = None, shell_suffix: str = ""
) -> subprocess.CompletedProcess[bytes]:
    """The real command in a subprocess (bytes: an encoding test must see what was written)."""
    full_env = {**os.environ, **(env or {})}
    if shell_suffix:
        import shlex

        cmd = " ".join(shlex.quote(os.fsdecode(a)) for a in (sys.executable, "-m", "qdbench", *args))
        return subprocess.run(f"{cmd} {shell_suffix}", shell=True, capture_output=True, env=full_env, timeout=120)
    return subprocess.run([sys.executable, "-m", "qdbench", *args], capture_output=True, env=full_env, timeout=120)


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert "Traceback" not in err
    assert lines and lines[-1].startswith("error: ")
    return lines[-1]


# --- files the tool writes --------------------------------------------------------------------


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_export_to_a_new_file_gets_the_umask_mode(tiny_dir: Path, tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "handbook.md"
    code, _, err = run("export", "--data", str(tiny_dir), "-o", str(target))
    assert code == 0 and "wrote" in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text(encoding="utf-8").startswith("# ")
    os.umask(0o002)
    target.unlink()
    write_output(str(target), "x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_an_existing_file_is_replaced_atomically_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    before = target.stat().st_ino
    write_output(str(target), "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_ino != before  # a rename, not a rewrite in place
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temp file left


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_output(str(link), "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "made.md")
    write_output(str(dangling), "made")
    assert dangling.is_symlink() and (tmp_path / "made.md").read_text(encoding="utf-8") == "made"


def test_a_device_is_written_through(tiny_dir: Path) -> None:
    code, out, _ = run("export", "--data", str(tiny_dir), "-o", "/dev/null")
    assert code == 0 and out == ""
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_output(str(fifo), "through the pipe\n")
    reader.join(10)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_dash_is_stdout_and_an_empty_name_a_usage_error(tiny_dir: Path, tmp_path: Path) -> None:
    code, out, _ = run("export", "--data", str(tiny_dir), "-o", "-", "-f", "csv")
    assert code == 0 and out.startswith("id,slug")
    code, _, err = run("export", "--data", str(tiny_dir), "-o", "")
    assert code == 2 and "file name" in one_error_line(err)
    with pytest.raises(UsageError):
        write_output("", "x")
    with pytest.raises(QdbenchError, match="directory"):
        write_output(str(tmp_path), "x")


# --- corpora indexed once per module: each test gets its own copy of the cache ----------------


def _indexed_once(data: Path, cache: Path) -> tuple[Path, Path]:
    old = os.environ.get("QDBENCH_CACHE")
    os.environ["QDBENCH_CACHE"] = str(cache)
    try:
        catalog.ensure_index(data)
        return data, catalog.cache_root(data)
    finally:
        if old is None:
            del os.environ["QDBENCH_CACHE"]
        else:
            os.environ["QDBENCH_CACHE"] = old


def _copy_cache(template: tuple[Path, Path]) -> Path:
    import shutil

    data, root = template
    shutil.copytree(root, catalog.cache_root(data))  # copy2 keeps the times the manifest lists
    return data


# --- what reaches the terminal ----------------------------------------------------------------

HOSTILE = '"\\e]0;pwned\\a\\e[2J\\e]8;;http://evil.example\\e\\\\Tokyo\\x9b31m Bay Area"'


@pytest.fixture(scope="module")
def hostile_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Case 003 with escape sequences in its English title and raw HTML in its summary."""
    base = tmp_path_factory.mktemp("h")
    data = make_corpus(base / "hostile")
    f = data / "cases" / "case-003.yaml"
    case = yaml.safe_load(f.read_text(encoding="utf-8"))
    case["title"]["en"] = yaml.safe_load(HOSTILE)  # HOSTILE is YAML: its escapes decode to controls
    case["summary"]["zh"] = "<script>alert(1)</script>" + case["summary"]["zh"]
    f.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return _indexed_once(data.resolve(), tmp_path_factory.mktemp("h-cache"))


@pytest.fixture
def hostile_dir(hostile_template: tuple[Path, Path], isolated_cache: Path) -> Path:
    return _copy_cache(hostile_template)


CONTROL_BYTES = ("\x1b", "\x07", "\x9b")


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "-f", "json"),
        ("list", "-f", "table"),
        ("search", "tokyo"),
        ("search", "tokyo", "-f", "json"),
        ("search", "tokyo", "-f", "table"),
        ("show", "case-003"),
        ("show", "case-003", "-f", "md"),
        ("show", "case-003", "-f", "json"),
        ("show", "case-003", "-f", "table", "--no-pager"),
        ("show", "case-003", "-f", "yaml"),
        ("xref", "A1.1"),
        ("export", "-f", "md"),
        ("export", "-f", "csv"),
        ("cite", "case-003"),
    ],
)
def test_no_control_character_reaches_the_terminal(hostile_dir: Path, args: tuple[str, ...]) -> None:
    code, out, err = run(*args, "--data", str(hostile_dir))
    assert code == 0, err
    for ch in CONTROL_BYTES:
        assert ch not in out and ch not in err
    if args[0] in ("list", "search", "show", "xref") and args[-1] != "yaml":
        assert "Tokyo" in out


def test_check_names_control_characters(hostile_dir: Path) -> None:
    code, out, _ = run("check", "--data", str(hostile_dir))
    assert code == 1
    line = next(line for line in out.splitlines() if "control character" in line)
    # The line of title.en in the fixture (block style: title:, zh:, en: on lines 4-6).
    assert line == "hostile/cases/case-003.yaml:6: control character U+001B in title.en"


def test_markdown_export_escapes_raw_html(hostile_dir: Path) -> None:
    code, out, _ = run("export", "-f", "md", "--data", str(hostile_dir))
    assert code == 0
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert '<a id="case-003"></a>' in out  # the document's own anchors stay HTML


# --- the cache --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A one-case corpus and its index (tests that change the corpus make their own)."""
    data = make_corpus(tmp_path_factory.mktemp("tiny") / "data", cases=("case-001.yaml",)).resolve()
    return _indexed_once(data, tmp_path_factory.mktemp("tiny-cache"))


@pytest.fixture
def tiny_dir(tiny_template: tuple[Path, Path], isolated_cache: Path) -> Path:
    return _copy_cache(tiny_template)


def _live(data: Path) -> Path:
    ix = catalog.ensure_index(data.resolve())
    return ix.path


def _segment(gen: Path) -> Path:
    return next(p for p in gen.iterdir() if p.suffix == ".seg")


def _garble_middle(p: Path, at: float = 0.5) -> None:
    import random

    raw = bytearray(p.read_bytes())
    mid = int(len(raw) * at)
    raw[mid : mid + 64] = random.Random(0).randbytes(64)
    p.write_bytes(bytes(raw))


DAMAGE = {
    "CURRENT not UTF-8": lambda root, gen: (root / "CURRENT").write_bytes(b"\xff\xfegen-1\n"),
    "CURRENT leaves the root": lambda root, gen: (root / "CURRENT").write_text("../../etc\n"),
    "CURRENT a directory": lambda root, gen: ((root / "CURRENT").unlink(), (root / "CURRENT").mkdir()),
    "manifest garbled": lambda root, gen: (gen / "manifest.json").write_bytes(b"\x00{garbage"),
    "catalog truncated": lambda root, gen: (gen / "catalog.json").write_bytes(
        (gen / "catalog.json").read_bytes()[:100]
    ),
    "catalog empty": lambda root, gen: (gen / "catalog.json").write_bytes(b""),
    "catalog not a catalog": lambda root, gen: (gen / "catalog.json").write_text("[1, 2]"),
    "record missing": lambda root, gen: (gen / "records" / "case-001.yaml.json").unlink(),
    "record garbled": lambda root, gen: (gen / "records" / "case-001.yaml.json").write_bytes(b"\x9c\x00"),
    "df garbled": lambda root, gen: (gen / "df.json").write_bytes(b"{"),
    "segment emptied": lambda root, gen: _segment(gen).write_bytes(b""),
    "segment deleted": lambda root, gen: _segment(gen).unlink(),
    "segment garbled": lambda root, gen: _garble_middle(_segment(gen)),
    "toc deleted": lambda root, gen: next(gen.glob("*.toc")).unlink(),
    "generation deleted": lambda root, gen: __import__("shutil").rmtree(gen),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_cache_is_rebuilt_with_one_line(tiny_dir: Path, kind: str) -> None:
    data = tiny_dir
    gen = _live(data)
    DAMAGE[kind](catalog.cache_root(data), gen)
    code, out, err = run("show", "case-001", "--data", str(data))
    assert code == 0 and out.startswith("纽约湾区"), err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and "index built" in err
    code, out, err = run("search", "bay area", "--data", str(data))
    assert code == 0 and err == ""
    assert [line.split("\t")[0] for line in out.splitlines()] == ["case-001"]
    # `index --rebuild` works from the same damage, done again to the new generation.
    DAMAGE[kind](catalog.cache_root(data), _live(data))
    code, out, err = run("index", "--rebuild", "--data", str(data))
    assert code == 0 and "Traceback" not in err and "index built" in err
    new = Path(out.strip())
    assert catalog.damage(new, catalog.read_manifest(new) or {}) is None


def test_damage_the_file_table_cannot_see_is_healed_on_use(tiny_dir: Path) -> None:
    # Garbled in place with size and time kept: the record fails to parse when read, the
    # command rebuilds and runs again, and the output is right.
    data = tiny_dir
    gen = _live(data)
    rec = gen / "records" / "case-001.yaml.json"
    st = rec.stat()
    rec.write_bytes(b"{" * st.st_size)
    os.utime(rec, ns=(st.st_atime_ns, st.st_mtime_ns))
    code, out, err = run("show", "case-001", "--data", str(data))
    assert code == 0 and out.startswith("纽约湾区")
    assert "damaged" in err and "Traceback" not in err


def test_a_garbled_packaged_memo_is_ignored(tiny_dir: Path, isolated_cache: Path) -> None:
    data = tiny_dir
    gen = _live(data)
    m = catalog.read_manifest(gen)
    assert m is not None
    (isolated_cache / "packaged-index-checked").write_bytes(b"\xff\xfe\x00garbled")
    assert catalog._packaged_fresh(m, m["stat"], data) is True


def test_stale_temp_files_are_removed_at_the_next_write(corpus_dir: Path) -> None:
    data = corpus_dir.resolve()
    _live(data)
    root = catalog.cache_root(data)
    (root / "tmp-dead").mkdir()
    (root / "tmp-dead" / "MAIN_x.seg").write_bytes(b"x" * 1000)
    (root / ".CURRENT.abc.tmp").write_text("gen-1-1")
    f = data / "cases" / "case-002.yaml"
    f.write_text(f.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert "index updated" in (catalog.ensure_index(data).note or "")
    assert not (root / "tmp-dead").exists() and not (root / ".CURRENT.abc.tmp").exists()


def _slow_build_then_wait(data: Path) -> None:  # pragma: no cover - runs in a child process
    from qdbench import index

    real = index.similar.term_counts

    def slow(case: object) -> object:
        time.sleep(30)  # killed long before this returns
        return real(case)

    index.similar.term_counts = slow
    try:
        catalog.ensure_index(data, rebuild=True)
    except BaseException as e:
        import traceback

        traceback.print_exc()
        os._exit(3 if isinstance(e, Exception) else 4)
    os._exit(0)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_build_killed_mid_way_leaves_nothing_behind(tiny_dir: Path) -> None:
    data = tiny_dir
    first = _live(data)
    root = catalog.cache_root(data)
    for _ in range(3):
        seen = set(root.glob("tmp-*"))
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            _slow_build_then_wait(data)
        deadline = time.monotonic() + 30
        while not set(root.glob("tmp-*")) - seen and time.monotonic() < deadline:
            time.sleep(0.01)
        assert set(root.glob("tmp-*")) - seen, "the child never started its build"
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        # The killed build never replaced the live index: reading goes on.
        code, out, _ = run("list", "--data", str(data), "-f", "ids")
        assert code == 0 and out.split() == ["case-001"]
    assert _live(data) == first
    # Each build removed the one killed before it; the last one stays until the next write...
    assert len(list(root.glob("tmp-*"))) == 1, list(root.iterdir())
    code, _, _ = run("index", "--rebuild", "--data", str(data))
    assert code == 0 and not list(root.glob("tmp-*"))  # ...which removes them


def _file_state(gen: Path) -> dict[str, tuple[int, int, int]]:
    return {
        str(p.relative_to(gen)): (p.stat().st_ino, p.stat().st_size, p.stat().st_mtime_ns)
        for p in gen.rglob("*")
        if p.is_file()
    }


def test_an_update_never_changes_the_live_generation(corpus_dir: Path) -> None:
    data = corpus_dir.resolve()
    gen = _live(data)
    before = _file_state(gen)
    f = data / "cases" / "case-003.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("Aqua-Line", "Aqua-Line Zyzzyva", 1), encoding="utf-8")
    ix = catalog.ensure_index(data)
    assert ix.note and "1 file(s) changed" in ix.note and ix.path != gen
    assert _file_state(gen) == before
    assert [h.doc["id"] for h in query.search(ix, "zyzzyva")] == ["case-003"]
    assert catalog.damage(ix.path, catalog.read_manifest(ix.path) or {}) is None


def test_readers_never_fail_during_edits(corpus_dir: Path) -> None:
    data = corpus_dir.resolve()
    _live(data)
    errors: list[BaseException] = []
    reads = 0
    stop = threading.Event()

    def reader() -> None:
        nonlocal reads
        while not stop.is_set():
            try:
                ix = catalog.ensure_index(data)
                cat = ix.catalog()
                for e in cat.cases:
                    cat.record(e)
                    reads += 1
                query.search(ix, "bay")
            except BaseException as e:  # counted below
                errors.append(e)
            time.sleep(0.002)  # let the writer have the interpreter too

    threads = [threading.Thread(target=reader)]
    for t in threads:
        t.start()
    f = data / "cases" / "case-002.yaml"
    text = f.read_text(encoding="utf-8")
    try:
        for i in range(12):
            f.write_text(text + f"\n# edit {i}\n", encoding="utf-8")
            catalog.ensure_index(data)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors, errors[:3]
    assert reads > 0


def _tiny(dest: Path) -> Path:
    return make_corpus(dest, cases=("case-001.yaml",))


def _root_for(data: Path) -> Path:
    catalog.ensure_index(data.resolve())
    return catalog.cache_root(data.resolve())


def test_prune_removes_roots_of_vanished_folders(tmp_path: Path) -> None:
    import shutil

    keep = _tiny(tmp_path / "keep")
    gone = _tiny(tmp_path / "gone")
    keep_root, gone_root = _root_for(keep), _root_for(gone)
    shutil.rmtree(gone)
    code, _, err = run("index", "--prune")
    assert code == 0 and "pruned 1" in err and str(gone) in err
    assert keep_root.is_dir() and not gone_root.exists()


def test_roots_unused_for_90_days_are_pruned_at_the_next_write(tmp_path: Path) -> None:
    old = _tiny(tmp_path / "old")
    old_root = _root_for(old)
    long_ago = time.time() - 91 * 86400
    os.utime(old_root / "USED", (long_ago, long_ago))
    _root_for(_tiny(tmp_path / "new"))  # a build: the next write
    assert not old_root.exists()


# --- streams, encodings, paths ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "args"),
    [("ascii", ("show", "case-001")), ("latin-1", ("search", "湾区")), ("ascii", ("list", "-f", "json"))],
)
def test_output_never_fails_on_encoding(tiny_dir: Path, encoding: str, args: tuple[str, ...]) -> None:
    p = qdbench(*args, "--data", str(tiny_dir), env={"PYTHONIOENCODING": encoding})
    err = p.stderr.decode("utf-8", "replace")
    assert p.returncode == 0 and "Traceback" not in err
    assert b"case-001" in p.stdout or b"New York" in p.stdout
    assert err.count("cannot show Chinese") == 1


def test_a_full_disk_is_one_line_and_exit_1(tiny_dir: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    p = qdbench("list", "--data", str(tiny_dir), shell_suffix="> /dev/full")
    err = p.stderr.decode()
    assert p.returncode == 1
    assert one_error_line(err) == "error: cannot write the output: No space left on device"
    assert len(err.strip().splitlines()) == 1


def test_a_closed_stdout_is_one_line_and_exit_1(tiny_dir: Path) -> None:
    p = qdbench("list", "--data", str(tiny_dir), shell_suffix=">&-")
    assert p.returncode == 1
    assert one_error_line(p.stderr.decode()) == "error: cannot write the output: standard output is closed"


def test_a_closed_stderr_changes_no_exit_code(tiny_dir: Path) -> None:
    assert qdbench("search", "bay", "--data", str(tiny_dir), shell_suffix="2>&-").returncode == 0
    # No match exits 1 (like grep), with or without stderr.
    assert qdbench("search", "zzzqqq", "--data", str(tiny_dir), shell_suffix="2>&-").returncode == 1
    assert qdbench("search", "(bad", "--data", str(tiny_dir), shell_suffix="2>&-").returncode == 1


def test_a_data_path_with_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    base = os.fsencode(tmp_path) + b"/d\xffata"
    data = make_corpus(Path(os.fsdecode(base)), cases=("case-001.yaml",))
    assert catalog.cache_root(data.resolve()).name  # no UnicodeEncodeError
    p = qdbench(b"list", b"-f", b"ids", b"--data", base)
    assert p.returncode == 0, p.stderr
    assert p.stdout == b"case-001\n"


def test_bad_files_are_skipped_and_named_not_blamed_on_the_cache(corpus_dir: Path) -> None:
    cases = corpus_dir / "cases"
    long_name = "case-" + "x" * 227 + ".yaml"  # 237 bytes
    (cases / long_name).write_text("id: case-900\n", encoding="utf-8")
    if Path("/proc/self/pagemap").exists():
        (cases / "case-901.yaml").symlink_to("/proc/self/pagemap")
    if hasattr(os, "mkfifo"):
        os.mkfifo(cases / "case-902.yaml")  # reading it would wait for ever
    (cases / "case-903.yaml").symlink_to(cases / "nowhere.yaml")
    code, out, err = run("list", "-f", "ids", "--data", str(corpus_dir))
    assert code == 0, err
    assert out.split() == ["case-001", "case-002", "case-003"]
    assert "cannot write the index" not in err and "Traceback" not in err
    assert "file name is too long" in err
    if Path("/proc/self/pagemap").exists():
        assert "case-901.yaml" in err
    if hasattr(os, "mkfifo"):
        assert "case-902.yaml: not a regular file" in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_files_and_folders_as_a_user(corpus_dir: Path) -> None:
    f = corpus_dir / "cases" / "case-002.yaml"
    f.chmod(0)
    try:
        code, out, err = run("list", "-f", "ids", "--data", str(corpus_dir))
        assert code == 0 and out.split() == ["case-001", "case-003"]
        assert "case-002.yaml: cannot be read" in err and "cannot write the index" not in err
    finally:
        f.chmod(0o644)
    for mode in (0o300, 0o600):  # no r: cannot list; no x: cannot open anything in it
        (corpus_dir / "cases").chmod(mode)
        try:
            code, _, err = run("list", "--data", str(corpus_dir))
            assert code == 1 and "cases: cannot be read" in one_error_line(err)
        finally:
            (corpus_dir / "cases").chmod(0o755)


def test_an_unreadable_cases_folder_is_one_line(corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root nothing is unreadable: the refusal the kernel would give a user, simulated.
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path).endswith("cases"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(datadir.os, "scandir", scandir)
    code, out, err = run("list", "--data", str(corpus_dir))
    assert code == 1 and out == ""
    assert one_error_line(err) == f"error: {corpus_dir.name}/cases: cannot be read: Permission denied"


def test_hidden_files_are_not_cases(corpus_dir: Path) -> None:
    cases = corpus_dir / "cases"
    (cases / "._case-001.yaml").write_bytes(b"\x00\x05\x16\x07AppleDouble\xff\xfe")
    (cases / ".case-001.yaml").write_text((cases / "case-001.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run("list", "-f", "ids", "--data", str(corpus_dir))
    assert code == 0 and out.split() == ["case-001", "case-002", "case-003"]
    assert "skipped" not in err
    code, _, err = run("check", "--data", str(corpus_dir))
    assert code == 0, err


# --- resource bounds ----------------------------------------------------------------------------


def test_a_huge_case_file_is_never_read(corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = corpus_dir / "cases" / "case-099.yaml"
    with open(big, "wb") as f:
        f.truncate(2 << 30)  # 2 GB, sparse
    assert datadir.file_hash(big).startswith("unread:")
    opened: list[str] = []
    real_open = open

    def spy(file: object, *args: object, **kwargs: object) -> object:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", spy)
    code, out, err = run("list", "-f", "ids", "--data", str(corpus_dir))
    assert code == 0 and out.split() == ["case-001", "case-002", "case-003"]
    assert "case-099.yaml: file is too large" in err
    assert str(big) not in opened


def test_the_file_hash_streams_and_stops_past_the_limit(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_bytes(b"x" * (datadir.MAX_FILE_BYTES - 1))
    import hashlib

    assert datadir.file_hash(f) == hashlib.sha256(f.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("query_text", "message"),
    [
        ("x" * 40_000, "the limit is 1000"),
        ("a OR (b " * 100 + ")" * 100, "nest 100 deep"),
        ("port^" + "9" * 400, "boost"),
        ("port^1000", "boost ^1000 is too large"),
    ],
)
def test_queries_that_would_cost_without_bound_are_refused(tiny_dir: Path, query_text: str, message: str) -> None:
    code, out, err = run("search", query_text, "--data", str(tiny_dir))
    assert code == 1 and out == ""
    line = one_error_line(err)
    assert message in line and len(line) < 300


def test_the_guard_runs_before_parsing() -> None:
    with pytest.raises(QueryError, match="nest"):
        query.parse_query("(" * 50 + "a" + ")" * 50)
    query.parse_query("(" * 10 + "a" + ")" * 10)  # the limit itself is fine


def test_scores_are_always_finite(tiny_dir: Path) -> None:
    code, out, _ = run("search", "port^100 bay^100", "-f", "json", "--data", str(tiny_dir))
    assert code == 0

    def no_constants(name: str) -> None:
        raise AssertionError(f"{name} in JSON")

    hits = json.loads(out, parse_constant=no_constants)
    assert hits and all(h["score"] > 0 for h in hits)


@pytest.mark.parametrize(
    "bad", ["2024-13-45", "0000-00-00", "2024-02-30", "٢٠٢٤-٠١-٠١", "2024-1-1", "20240101", "x" * 5000], ids=str.__len__
)
def test_cite_accessed_must_be_a_real_date(tiny_dir: Path, bad: str) -> None:
    code, out, err = run("cite", "case-001", "--accessed", bad, "--data", str(tiny_dir))
    assert code == 2 and out == ""
    assert len(one_error_line(err)) < 200


def test_cite_accessed_accepts_dates_and_today(tiny_dir: Path) -> None:
    import datetime

    for value, shown in (("2024-02-29", "2024-02-29"), ("today", datetime.date.today().isoformat())):
        code, out, _ = run("cite", "case-001", "--style", "bibtex", "--accessed", value, "--data", str(tiny_dir))
        assert code == 0 and shown in out


def test_cite_stdin_lines_are_bounded(tiny_dir: Path) -> None:
    code, out, err = run("cite", "-", "--data", str(tiny_dir), stdin="case-001\n" + "A" * 1_000_000 + "\n")
    assert code == 2 and out == ""
    line = one_error_line(err)
    assert "line 2" in line and len(line) < 200
    code, out, _ = run("cite", "-", "--data", str(tiny_dir), stdin="case-001\tNew York\n\n")
    assert code == 0 and out


def test_a_long_unknown_id_is_quoted_short(tiny_dir: Path) -> None:
    code, _, err = run("show", "x" * 10_000, "--data", str(tiny_dir))
    assert code in (1, 2) and len(one_error_line(err)) < 300


def test_list_filters_strip_spaces_and_refuse_unknown_names(corpus_dir: Path) -> None:
    d = ("--data", str(corpus_dir), "-f", "ids")
    assert run("list", "--action", " a5.3 ", *d)[1].split() == ["case-001", "case-003"]
    assert sorted(run("search", "bay", "--action", " a5.3 ", *d)[1].split()) == ["case-001", "case-003"]
    code, out, err = run("list", "--action", "A9.9", *d)
    assert code == 1 and out == "" and "no action 'A9.9'" in one_error_line(err)
    code, out, err = run("list", "--country", "Atlantis", *d)
    assert code == 1 and out == "" and "no country 'Atlantis'" in one_error_line(err)
    code, out, _ = run("list", "--country", "Japan", "--part", "1", *d)
    assert code == 0 and out.split() == ["case-003"]


def test_actions_checks_the_part_for_yaml_too(tiny_dir: Path) -> None:
    code, out, err = run("actions", "--part", "9", "-f", "yaml", "--data", str(tiny_dir))
    assert code == 2 and out == "" and "--part" in one_error_line(err)


def test_a_missing_pager_falls_back_to_printing(monkeypatch: pytest.MonkeyPatch) -> None:
    from qdbench.cli import output

    monkeypatch.setenv("PAGER", "/nonexistent/pager -R")
    monkeypatch.delenv("MANPAGER", raising=False)
    assert output.pager_usable() is False
    monkeypatch.setenv("PAGER", sys.executable)
    assert output.pager_usable() is True


@pytest.mark.skipif(not hasattr(os, "openpty") or sys.platform == "win32", reason="needs a pseudo-terminal")
def test_show_on_a_terminal_with_a_missing_pager_prints(tiny_dir: Path) -> None:
    import pty

    env = {**os.environ, "PAGER": "/nonexistent/pager", "TERM": "dumb", "COLUMNS": "100"}
    env.pop("MANPAGER", None)
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execve(sys.executable, [sys.executable, "-m", "qdbench", "show", "case-001", "--data", str(tiny_dir)], env)
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    text = b"".join(chunks).decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0
    assert "New York Bay Area" in text and "not found" in text


def test_cite_from_stdin_survives_healing_a_damaged_record(tiny_dir: Path) -> None:
    gen = _live(tiny_dir)
    rec = gen / "records" / "case-001.yaml.json"
    st = rec.stat()
    rec.write_bytes(b"[" * st.st_size)
    os.utime(rec, ns=(st.st_atime_ns, st.st_mtime_ns))
    code, out, err = run("cite", "-", "--data", str(tiny_dir), stdin="case-001\n")
    assert code == 0 and "[1]" in out and "damaged" in err


def test_dev_stdout_into_a_pipe_is_written_through(tiny_dir: Path) -> None:
    p = qdbench("export", "-f", "csv", "-o", "/dev/stdout", "--data", str(tiny_dir), shell_suffix="| cat")
    assert p.returncode == 0 and p.stdout.startswith(b"id,slug"), p.stderr
