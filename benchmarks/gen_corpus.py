#!/usr/bin/env python3
"""Generate a synthetic corpus of N bilingual cases for scale benchmarks.

Text is realistic because it is recombined from the shipped corpus. Each synthetic case is based
on one real case: most of its sentences (Chinese and English separately) come from that case and
the rest from others, so a synthetic corpus has the topical spread of the real one (a word such
as "port" appears in about as large a share of documents). Made-up place names and keywords make
the vocabulary grow with N as it would in a real handbook.
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


def pools() -> list[dict]:
    """Per real case: its sentences in each language, citations, actions and themes."""
    out = []
    for f in sorted((DATA / "cases").glob("*.yaml")):
        d = yaml.safe_load(f.read_text(encoding="utf-8"))
        zh, en = [], []
        for item in [d["summary"], *d["practices"], *d["lessons"]]:
            zh += sentences(item["zh"], True)
            en += sentences(item["en"], False)
        out.append({"zh": zh, "en": en, "citations": d["citations"], "actions": d["actions"], "themes": d["themes"]})
    return out


def name(rng: random.Random) -> tuple[str, str]:
    zh = "".join(rng.choice(HAN) for _ in range(rng.randint(2, 3)))
    en = "".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize()
    return zh, en


OWN_SHARE = 0.9  # of a synthetic case's sentences taken from the real case it is based on


def para(rng: random.Random, base: dict, pools: list[dict], lang: str, n: int, sep: str) -> str:
    picked = []
    for _ in range(n):
        src = base if rng.random() < OWN_SHARE else rng.choice(pools)
        picked.append(rng.choice(src[lang]))
    return sep.join(picked)


def make_case(i: int, rng: random.Random, pools: list[dict]) -> dict:
    base = rng.choice(pools)
    city, country, topic = name(rng), name(rng), name(rng)
    cites = base["citations"][:]
    rng.shuffle(cites)
    cs = [dict(c, key=f"src-{k}") for k, c in enumerate(cites[:3])]

    def p(lang: str, n: int) -> str:
        return para(rng, base, pools, lang, n, "" if lang == "zh" else " ")

    return {
        "id": f"case-{i:05d}",
        "slug": f"synthetic-{i:05d}",
        "part": rng.randint(1, 7),
        "title": {"zh": f"{city[0]}{topic[0]}案例", "en": f"{topic[1]} in {city[1]}"},
        "city": {"zh": city[0], "en": city[1]},
        "country": {"zh": country[0], "en": country[1]},
        "actions": base["actions"],
        "themes": {
            "zh": [topic[0], city[0], *base["themes"]["zh"][:6]],
            "en": [topic[1], city[1], *base["themes"]["en"][:6]],
        },
        "related": [],
        "summary": {"zh": p("zh", 5), "en": p("en", 6)},
        "practices": [{"zh": p("zh", 2), "en": p("en", 2)} for _ in range(4)],
        "figures": [
            {"zh": p("zh", 1), "en": p("en", 1), "year": rng.randint(1990, 2024), "cite": cs[k % len(cs)]["key"]}
            for k in range(3)
        ],
        "lessons": [{"zh": p("zh", 2), "en": p("en", 2)} for _ in range(3)],
        "citations": cs,
    }


def generate(n: int, out: Path, seed: int = 1) -> Path:
    rng = random.Random(seed)
    src = pools()
    if out.exists():
        shutil.rmtree(out)
    (out / "cases").mkdir(parents=True)
    shutil.copy(DATA / "actions.yaml", out / "actions.yaml")
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for i in range(1, n + 1):
        text = yaml.dump(make_case(i, rng, src), Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
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
