"""Writing a new, empty case file from the commented template."""

from __future__ import annotations

import os
import re
from pathlib import Path

from qdbench.checks import SLUG_RE
from qdbench.corpus import load_corpus
from qdbench.datadir import case_files
from qdbench.errors import QdbenchError, UsageError

TEMPLATE = Path(__file__).with_name("templates") / "case.yaml"


def next_case_id(data_dir: Path) -> str:
    """The id after the highest case-NNN file name in the data folder."""
    numbers = [int(m.group(1)) for p in case_files(data_dir) if (m := re.fullmatch(r"case-(\d+)", p.stem))]
    return f"case-{max(numbers, default=0) + 1:03d}"


def new_case(data_dir: Path, part: int, slug: str) -> Path:
    """Write ``cases/case-NNN.yaml`` for a new case; never overwrites an existing file."""
    if not 1 <= part <= 7:
        raise UsageError(f"--part must be between 1 and 7, not {part}")
    if not SLUG_RE.fullmatch(slug):
        raise UsageError(f"slug {slug!r} must be lowercase words joined by hyphens, e.g. port-of-hamburg")
    taken = {cf.case.slug: cf.shown for cf in load_corpus(data_dir).files}
    if slug in taken:
        raise UsageError(f"slug {slug!r} is already used by {taken[slug]}")
    case_id = next_case_id(data_dir)
    path = data_dir / "cases" / f"{case_id}.yaml"
    text = (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("@ID@", case_id)
        .replace("@SLUG@", slug)
        .replace("@PART@", str(part))
    )
    try:
        # O_EXCL: if another process took this id meanwhile, fail rather than overwrite.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise QdbenchError(f"{path} already exists", hint="run the command again for the next free id") from None
    except OSError as e:
        raise QdbenchError(f"cannot write {path}: {e.strerror or e}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    return path
