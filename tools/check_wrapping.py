#!/usr/bin/env python3
"""Check CJK line breaking in real terminals: `show` (table and text views) and `list` under tmux.

For each width (60, 80 and 120 columns by default) the script opens a detached tmux session of
that size, runs the command in it, captures the screen and checks every line: no wider than the
terminal, none starting with closing punctuation or ending with opening punctuation, no number
split across two lines. It prints one summary line per run and the offending lines, and exits 1
if any check fails. Needs tmux and an installed qdbench (uses the `qdbench` next to this Python).
Usage: python tools/check_wrapping.py [--widths 60 80 120] [--case new-york-bay-area ...]
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qdbench.linebreak import CLOSING, OPENING, text_width  # noqa: E402

BORDERS = set("│┃|║ ")


def run_in_tmux(command: str, width: int, height: int = 2000) -> list[str]:
    """The screen lines of ``command`` run in a tmux window ``width`` columns wide."""
    name = f"qdwrap{width}{int(time.time() * 1000) % 100000}"
    out = Path(tempfile.mkdtemp()) / "done"
    script = f"{command}; echo exit=$?; touch {shlex.quote(str(out))}; sleep 30"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", str(width), "-y", "50", "sh", "-c", script], check=True
    )
    try:
        subprocess.run(["tmux", "set-option", "-t", name, "history-limit", str(height)], check=False)
        for _ in range(600):
            if out.exists():
                break
            time.sleep(0.1)
        cap = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", name, "-S", f"-{height}"],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False)
    lines = cap.stdout.rstrip("\n").split("\n")
    if not lines or lines[-1] != "exit=0":
        raise SystemExit(f"{command!r} failed at {width} columns: {lines[-3:]}")
    return lines[:-1]


def content(line: str) -> str:
    """A screen line without table borders: the text of its cells, joined."""
    return "".join(ch for ch in line if ch not in "│┃║┏┓┗┛┡┩┣┫━─┼╇╈┳┻╋┬┴┌┐└┘├┤╭╮╰╯")


def problems(lines: list[str], width: int) -> list[str]:
    found = []
    stripped = [content(x).strip() for x in lines]
    for i, (raw, s) in enumerate(zip(lines, stripped, strict=True)):
        if text_width(raw.rstrip()) > width:
            found.append(f"wider than {width}: {raw!r}")
        if s and s[0] in CLOSING and not s[0].isascii():
            found.append(f"starts with {s[0]!r}: {raw!r}")
        if s and s[-1] in OPENING and not s[-1].isascii():
            found.append(f"ends with {s[-1]!r}: {raw!r}")
        nxt = stripped[i + 1] if i + 1 < len(stripped) else ""
        # A number cut in two: a line ending in a digit whose continuation starts with one.
        if s and nxt and s[-1].isdigit() and nxt[0].isdigit() and not raw.rstrip().endswith(" "):
            prev_tail = raw.rstrip()
            # Only a cut if the line was full (ran to the edge): short lines end paragraphs.
            # A URL longer than the line has to be folded: not a number split.
            last_word = s.split()[-1] if s.split() else ""
            if text_width(prev_tail) >= width - 2 and "/" not in last_word:
                found.append(f"number split: {s[-12:]!r} / {nxt[:12]!r}")
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--widths", type=int, nargs="+", default=[60, 80, 120])
    ap.add_argument("--case", nargs="+", default=["new-york-bay-area", "port-of-hamburg", "tokyo-bay-area"])
    a = ap.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 2
    exe = Path(sys.executable).parent / "qdbench"
    failed = 0
    for width in a.widths:
        for case in a.case:
            for view in ("table", "text"):
                cmd = f"NO_COLOR=1 {exe} show {case} -f {view} --no-pager"
                lines = run_in_tmux(cmd, width)
                bad = problems(lines, width)
                print(f"{width:4d} cols  show {case:24s} {view:5s}  {len(lines):4d} lines  {len(bad)} problem(s)")
                for b in bad[:10]:
                    print("      ", b)
                failed += bool(bad)
        lines = run_in_tmux(f"NO_COLOR=1 {exe} list --part 1 -f table", width)
        bad = problems(lines, width)
        print(f"{width:4d} cols  list --part 1 {'':20s} table  {len(lines):4d} lines  {len(bad)} problem(s)")
        for b in bad[:10]:
            print("      ", b)
        failed += bool(bad)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
