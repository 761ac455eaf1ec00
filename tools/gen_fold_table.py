#!/usr/bin/env python3
"""Regenerate qdbench/fold_t2s.txt, the Traditional-to-Simplified character fold table, from OpenCC.

The table is derived once and committed because deriving it costs ~55 ms per process; the test
suite checks that it still equals what the installed OpenCC produces.
Usage: python tools/gen_fold_table.py [--check]
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "qdbench" / "fold_t2s.txt"
# CJK Unified Ideographs, Extension A, Compatibility Ideographs, Extension B.
RANGES = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF)]


def derive_table() -> dict[str, str]:
    """Map each Han character to its Simplified form, one character to one character."""
    import opencc

    chars = [chr(c) for lo, hi in RANGES for c in range(lo, hi + 1)]
    table: dict[str, str] = {}
    # NFKC first: compatibility ideographs fold to their unified twins.
    for c in chars:
        n = unicodedata.normalize("NFKC", c)
        if n != c and len(n) == 1:
            table[c] = n
    # One character per line, so OpenCC cannot apply phrase rules across neighbours.
    for config in ("t2s", "tw2s", "hk2s"):
        out = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
        assert len(out) == len(chars), config
        for c, s in zip(chars, out, strict=True):
            if s != c and len(s) == 1 and c not in table:
                table[c] = table.get(s, s)
    return table


def render_table(table: dict[str, str]) -> str:
    keys = sorted(table)
    return "".join(keys) + "\n" + "".join(table[k] for k in keys) + "\n"


def main() -> int:
    text = render_table(derive_table())
    if "--check" in sys.argv:
        same = TABLE.read_text(encoding="utf-8") == text
        print("fold table is up to date" if same else "fold table differs from OpenCC: regenerate it")
        return 0 if same else 1
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE} ({len(text.splitlines()[0])} characters)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
