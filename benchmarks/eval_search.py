"""Search quality on the held-out query set (tests/queries/queries.yaml).

A query is satisfied when every expected case is in the top k of a default search (no
filters). Prints the share satisfied per category and overall; --misses lists the failures.

    python benchmarks/eval_search.py [--misses] [--json OUT]

Written to run against any version of the engine that has ``qdbench.query.search``, so the
same set measures before and after a change.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qdbench import catalog, query  # noqa: E402
from qdbench.errors import QdbenchError  # noqa: E402
from qdbench.index import write_generation  # noqa: E402


def evaluate(ix: catalog.IndexDir, queries: list[dict]) -> list[dict]:
    out = []
    for item in queries:
        k = int(item.get("k", 5))
        try:
            got = [h.doc["slug"] for h in query.search(ix, item["q"], limit=k)]
            error = None
        except QdbenchError as e:
            got, error = [], str(e)
        ok = all(slug in got for slug in item["expect"])
        out.append({**item, "got": got, "ok": ok, "error": error})
    return out


def report(results: list[dict]) -> dict[str, tuple[int, int]]:
    by: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        by[r["category"]].append(r["ok"])
    table = {c: (sum(v), len(v)) for c, v in sorted(by.items())}
    table["all"] = (sum(r["ok"] for r in results), len(results))
    return table


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--json", metavar="OUT")
    ap.add_argument("--queries", default=str(ROOT / "tests" / "queries" / "queries.yaml"))
    args = ap.parse_args()
    queries = yaml.safe_load(Path(args.queries).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        data = (ROOT / "data").resolve()
        write_generation(Path(tmp), data)
        results = evaluate(catalog.IndexDir(Path(tmp), data), queries)
    for cat, (ok, n) in report(results).items():
        print(f"{cat:22} {ok:3}/{n:<3} {ok / n:6.1%}")
    if args.misses:
        for r in results:
            if not r["ok"]:
                print(
                    f"MISS [{r['category']}] {r['q']!r} expect {r['expect']} k={r.get('k')} got {r['got']}"
                    + (f" ({r['error']})" if r["error"] else "")
                )
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
