#!/usr/bin/env python3
"""Print an HTML handbook to PDF in headless Chromium and report how it paginates.

Reports the page count and size, the pages with four text lines or fewer, the pages whose last
line is a heading (a heading alone at a page foot), and renders chosen pages to PNG with
pdftoppm so they can be looked at. Needs Debian's chromium and poppler-utils (pdfinfo,
pdftotext, pdftoppm), and a CJK font (fonts-noto-cjk) or Chinese prints as boxes.
Usage: python tools/print_handbook.py handbook.html [--out DIR] [--png 1 2 40]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
]  # fmt: skip


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def print_pdf(html: Path, pdf: Path) -> None:
    browser = chromium()
    if browser is None:
        raise SystemExit("no chromium on this machine")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.resolve().as_uri()],
            capture_output=True,
            timeout=300,
            check=True,
        )


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def report(pdf: Path, headings: list[str]) -> dict[str, object]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+(.*)$", info, re.M).group(1).strip()  # type: ignore[union-attr]
    texts = page_texts(pdf)
    short = []
    orphan_headings = []
    for i, t in enumerate(texts, 1):
        lines = [x.strip() for x in t.splitlines() if x.strip()]
        body = [x for x in lines if not re.fullmatch(r"\d+", x)]  # the page number is not content
        if len(body) <= 4:
            short.append(i)
        if body and body[-1] in headings:
            orphan_headings.append(i)
    # Chromium embeds unnamed Type 3 fonts, so the PDF cannot say which font drew the Chinese:
    # report the CJK fonts fontconfig offers instead.
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    cjk = sorted({f.split(",")[0] for f in fonts.splitlines() if "CJK" in f})
    return {
        "pages": pages,
        "page_size": size,
        "pages_with_4_lines_or_fewer": short,
        "pages_ending_in_a_heading": orphan_headings,
        "cjk_fonts_installed": cjk,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html", type=Path)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--png", type=int, nargs="*", default=[1, 2])
    a = ap.parse_args()
    out = a.out or a.html.parent
    out.mkdir(parents=True, exist_ok=True)
    pdf = out / (a.html.stem + ".pdf")
    print_pdf(a.html, pdf)
    # Section headings of a case, as printed: a page whose last line is one of them has a
    # heading alone at its foot.
    headings = [
        "概述 / Summary", "主要做法 / Practices", "关键数据 / Key figures", "对青岛的启示 / Lessons for Qingdao",
        "参考文献 / References", "工作条目 / Action items",
    ]  # fmt: skip
    result = report(pdf, headings)
    for n in a.png:
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                str(n),
                "-l",
                str(n),
                "-singlefile",
                str(pdf),
                str(out / f"page-{n}"),
            ],
            check=True,
        )
    result["png"] = [str(out / f"page-{n}.png") for n in a.png]
    result["pdf"] = str(pdf)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
