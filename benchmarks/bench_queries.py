#!/usr/bin/env python3
"""Query latency of two engines side by side, in one run, on the same synthetic corpus.

Each engine (this checkout, and a baseline checkout given with --baseline, e.g. a git worktree
of the previous release) runs in its own worker process with its own index of the same
generated corpus; the rounds alternate between the workers so that machine noise hits both
alike. Reported per engine and query mix: p50 and p95 in milliseconds of in-process
`qdbench.query.search(..., limit=20)`.

    git worktree add /tmp/qdbench-base <rev>
    python benchmarks/bench_queries.py --baseline /tmp/qdbench-base [--cases 10000] [--rounds 20]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import QUERIES as TODAY  # the mix the scale benchmark has always used
from gen_corpus import generate

# Questions as people type them (not the held-out evaluation set).
QUESTIONS = [
    "how did the port build its logistics network",
    "which cities have a smart city plan",
    "what did the city do about waste and recycling",
    "how can an airport attract companies",
    "如何建设国际航运中心",
    "城市是怎么治理交通拥堵的",
    "哪些城市发展了海洋经济",
    "怎样吸引跨国公司总部",
    "free trade zone customs rules for ports",
    "港口和机场怎么联动发展",
]

WORKER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
import os
os.environ["QDBENCH_CACHE"] = sys.argv[3]
from pathlib import Path
from qdbench import catalog, query
ix = catalog.ensure_index(Path(sys.argv[2]).resolve())
query.search(ix, "warm up")
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    qs = json.loads(line)
    out = []
    for q in qs:
        t = time.perf_counter()
        query.search(ix, q, limit=20)
        out.append((time.perf_counter() - t) * 1000)
    print(json.dumps(out), flush=True)
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True, help="a checkout of the engine to compare with")
    ap.add_argument("--cases", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=20)
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qdbench-queries-"))
    try:
        data = generate(a.cases, work / "data")
        engines = {"this": Path(__file__).resolve().parent.parent, "baseline": a.baseline.resolve()}
        procs = {}
        for name, root in engines.items():
            p = subprocess.Popen(
                [sys.executable, "-c", WORKER, str(root), str(data), str(work / f"cache-{name}")],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert p.stdin and p.stdout
            json.loads(p.stdout.readline())
            procs[name] = p
        lat: dict[tuple[str, str], list[float]] = {}
        for _ in range(a.rounds):
            for mix, qs in (("today", TODAY), ("questions", QUESTIONS)):
                for name, p in procs.items():
                    assert p.stdin and p.stdout
                    p.stdin.write(json.dumps(qs) + "\n")
                    p.stdin.flush()
                    lat.setdefault((name, mix), []).extend(json.loads(p.stdout.readline()))
        rows = []
        for (name, mix), ts in sorted(lat.items()):
            ts.sort()
            row = {
                "engine": name,
                "mix": mix,
                "cases": a.cases,
                "p50_ms": round(statistics.median(ts), 2),
                "p95_ms": round(ts[int(len(ts) * 0.95)], 2),
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
        for p in procs.values():
            assert p.stdin
            p.stdin.close()
            p.wait()
        out = Path(__file__).resolve().parent / "out" / "queries.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
