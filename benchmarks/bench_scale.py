#!/usr/bin/env python3
"""Scale benchmarks: index build, size, query latency, query-process memory, re-index after an edit.

For each size (default 1k and 10k synthetic cases from gen_corpus.py) it reports:
- full build time (two writer processes from 2,000 cases up) and index size on disk;
- in-process query latency (p50, p95) over a fixed mix of English and Chinese queries;
- peak RSS of a separate process that opens the index and runs one query;
- the time to bring the index up to date after one case file is edited.
Usage: python benchmarks/bench_scale.py [--sizes 1000 10000] [--out benchmarks/out/scale.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import generate

QUERIES = [
    "port",
    "bay area",
    "湾区",
    "灣區",
    "港口 物流",
    '"free trade"',
    "planning",
    "title:port",
    "城市 规划",
    "smart city",
]

PROBE = """
import sys, time
from pathlib import Path
from qdbench.catalog import IndexDir
from qdbench.query import search
t = time.perf_counter()
hits = search(IndexDir(Path(sys.argv[1]), Path(sys.argv[2])), "港口", limit=10)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork and exec, so a child would report
# the benchmark's own footprint.
hwm = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) // 1024
print(len(hits), round((time.perf_counter() - t) * 1000, 1), hwm)
"""


def bench(n: int, work: Path) -> dict[str, object]:
    from qdbench import catalog, query

    data = generate(n, work / f"data-{n}")
    os.environ["QDBENCH_CACHE"] = str(work / f"cache-{n}")
    t = time.perf_counter()
    ix = catalog.ensure_index(data.resolve())
    build = time.perf_counter() - t
    size = sum(p.stat().st_size for p in ix.path.rglob("*") if p.is_file())

    query.search(ix, "warm up")
    lat = []
    for _ in range(20):
        for q in QUERIES:
            t = time.perf_counter()
            query.search(ix, q, limit=20)
            lat.append((time.perf_counter() - t) * 1000)
    lat.sort()

    probe = subprocess.run(
        [sys.executable, "-c", PROBE, str(ix.path), str(data)], capture_output=True, text=True, check=True
    )
    hits, first_query_ms, rss = probe.stdout.split()

    f = data / "cases" / f"case-{n // 2:05d}.yaml"
    case = yaml.safe_load(f.read_text(encoding="utf-8"))
    case["summary"]["en"] += " Zyzzyva."
    f.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
    t = time.perf_counter()
    ix2 = catalog.ensure_index(data.resolve())
    update = time.perf_counter() - t
    found = [h.doc["id"] for h in query.search(ix2, "zyzzyva")]
    return {
        "cases": n,
        "build_s": round(build, 1),
        "index_mib": round(size / 2**20, 1),
        "query_p50_ms": round(statistics.median(lat), 2),
        "query_p95_ms": round(lat[int(len(lat) * 0.95)], 2),
        "query_process_peak_rss_mb": int(rss),
        "query_process_hits": int(hits),
        "query_process_first_query_ms": float(first_query_ms),
        "reindex_after_one_edit_s": round(update, 2),
        "edit_found": found == [f"case-{n // 2:05d}"],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "scale.json")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qdbench-scale-"))
    try:
        rows = []
        for n in a.sizes:
            row = bench(n, work)
            rows.append(row)
            print(json.dumps(row), flush=True)
        a.out.parent.mkdir(parents=True, exist_ok=True)
        a.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
