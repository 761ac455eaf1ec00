#!/usr/bin/env python3
"""End-to-end start-up of the installed command against the floor every Typer app pays.

Runs, interleaved, N times each: `python -c "import typer"` (the floor), `qdbench search "bay area"`,
`qdbench show new-york-bay-area`, `show --help`, `qdbench compare port-container-throughput` and a
shell completion of a slug, all from the same virtualenv, output piped, and reports the medians
and their ratios to the floor. Measure an installed package (pip install .), not a source
tree: a source tree may recompile on every run.
Usage: python benchmarks/bench_startup.py [--runs 20] [--venv .venv]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--venv", type=Path, default=Path(sys.prefix))
    a = ap.parse_args()
    py = a.venv / "bin" / "python"
    exe = a.venv / "bin" / "qdbench"
    cmds = {
        "floor: import typer": [str(py), "-c", "import typer"],
        'search "bay area"': [str(exe), "search", "bay area"],
        "show new-york-bay-area": [str(exe), "show", "new-york-bay-area"],
        "compare port-container-thr.": [str(exe), "compare", "port-container-throughput"],
        "show --help": [str(exe), "show", "--help"],
        "complete: show port-of-h<TAB>": [str(exe)],
    }
    # Shell completion is the same program run with these variables (what bash sends on TAB).
    completing = {"_QDBENCH_COMPLETE": "complete_bash", "COMP_WORDS": "qdbench show port-of-h", "COMP_CWORD": "2"}
    env = {k: v for k, v in os.environ.items() if k != "QDBENCH_DATA"}
    cwd = tempfile.mkdtemp()
    envs = {name: {**env, **completing} if name.startswith("complete") else env for name in cmds}
    for name, argv in cmds.items():  # warm the page cache and any user-cache index once
        subprocess.run(argv, capture_output=True, env=envs[name], cwd=cwd, check=True)
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(a.runs):
        for name, argv in cmds.items():
            t = time.perf_counter()
            subprocess.run(argv, capture_output=True, env=envs[name], cwd=cwd, check=True)
            times[name].append((time.perf_counter() - t) * 1000)
    floor = statistics.median(times["floor: import typer"])
    result = {}
    for name, ts in times.items():
        med = statistics.median(ts)
        result[name] = {"median_ms": round(med, 1), "ratio_to_floor": round(med / floor, 2)}
        print(f"{name:28s} {med:7.1f} ms  x{med / floor:.2f}")
    out = Path(__file__).resolve().parent / "out" / "startup.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
