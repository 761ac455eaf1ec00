#!/usr/bin/env python3
"""Generate a synthetic corpus of N bilingual cases for scale benchmarks.

Text is realistic because it is recombined from the shipped corpus: each synthetic case draws
its sentences (Chinese and English separately) from the real cases, and gets made-up place
names and keywords so that the vocabulary grows with N as it would in a real handbook.
Deterministic for a given --seed.

Usage: python benchmarks/gen_corpus.py N OUT_DIR [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# Frequent Chinese characters for made-up names (so new bigrams appear as the corpus grows).
HAN = "安宝北滨城川达东方丰港海和河华江金京康莱蓝岭龙茂明南宁平浦青泉瑞山胜市顺泰天田湾西仙新兴阳云长州珠庄"
SYL = ["ka", "lo", "ri", "ven", "tor", "mu", "sel", "an", "bri", "cor", "del", "ost", "wil", "ham", "port", "ville"]


def sentences(text: str, zh: bool) -> list[str]:
    parts = re.split(r"(?<=[。；！？])" if zh else r"(?<=[.;!?])\s+", text)
    return [p.strip() for p in parts if len(p.strip()) > (8 if zh else 30)]


def pools() -> tuple[list[str], list[str], list[dict], list[str]]:
    zh, en, cites, actions = [], [], [], []
    for f in sorted((DATA / "cases").glob("*.yaml")):
        d = yaml.safe_load(f.read_text(encoding="utf-8"))
        for item in [d["summary"], *d["practices"], *d["lessons"]]:
            zh += sentences(item["zh"], True)
            en += sentences(item["en"], False)
        cites += d["citations"]
        actions += d["actions"]
    return zh, en, cites, sorted(set(actions))


def name(rng: random.Random) -> tuple[str, str]:
    zh = "".join(rng.choice(HAN) for _ in range(rng.randint(2, 3)))
    en = "".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize()
    return zh, en


def para(rng: random.Random, pool: list[str], n: int, sep: str) -> str:
    return sep.join(rng.choice(pool) for _ in range(n))


def make_case(i: int, rng: random.Random, zh: list[str], en: list[str], cites: list[dict], actions: list[str]) -> dict:
    city, country = name(rng), name(rng)
    topic = name(rng)
    cs = [dict(c, key=f"src-{k}") for k, c in enumerate(rng.sample(cites, 3))]
    return {
        "id": f"case-{i:05d}",
        "slug": f"synthetic-{i:05d}",
        "part": rng.randint(1, 7),
        "title": {"zh": f"{city[0]}{topic[0]}案例", "en": f"{topic[1]} in {city[1]}"},
        "city": {"zh": city[0], "en": city[1]},
        "country": {"zh": country[0], "en": country[1]},
        "actions": rng.sample(actions, rng.randint(1, 2)),
        "themes": {"zh": [topic[0], city[0], *rng.sample(HAN, 2)], "en": [topic[1], city[1], "port", "planning"]},
        "related": [],
        "summary": {"zh": para(rng, zh, 5, ""), "en": para(rng, en, 6, " ")},
        "practices": [{"zh": para(rng, zh, 2, ""), "en": para(rng, en, 2, " ")} for _ in range(4)],
        "figures": [
            {"zh": rng.choice(zh), "en": rng.choice(en), "year": rng.randint(1990, 2024), "cite": cs[k]["key"]}
            for k in range(3)
        ],
        "lessons": [{"zh": para(rng, zh, 2, ""), "en": para(rng, en, 2, " ")} for _ in range(3)],
        "citations": cs,
    }


def generate(n: int, out: Path, seed: int = 1) -> Path:
    rng = random.Random(seed)
    zh, en, cites, actions = pools()
    if out.exists():
        shutil.rmtree(out)
    (out / "cases").mkdir(parents=True)
    shutil.copy(DATA / "actions.yaml", out / "actions.yaml")
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for i in range(1, n + 1):
        text = yaml.dump(
            make_case(i, rng, zh, en, cites, actions), Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000
        )
        (out / "cases" / f"case-{i:05d}.yaml").write_text(text, encoding="utf-8")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    generate(a.n, a.out, a.seed)
    size = sum(p.stat().st_size for p in (a.out / "cases").glob("*.yaml"))
    print(f"wrote {a.n} cases to {a.out} ({size / a.n / 1024:.1f} KiB a case)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
