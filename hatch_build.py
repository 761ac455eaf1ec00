"""Wheel build hook: ship the corpus inside the package and index it at build time.

The installed tool then works from any directory without a source tree, and never has to write
into site-packages. Editable installs skip this: they index into the user cache at first run.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CorpusIndexHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        data = root / "data"
        self._tmp = Path(tempfile.mkdtemp(prefix="qdbench-build-"))
        staged = self._tmp / "_data"
        shutil.copytree(data, staged)
        index_dir = self._tmp / "_index"
        index_dir.mkdir()
        sys.path.insert(0, str(root))
        try:
            from qdbench.index import write_generation

            n = write_generation(index_dir, staged.resolve())
        finally:
            sys.path.remove(str(root))
        self.app.display_info(f"qdbench: indexed {n} cases into the wheel")
        build_data["force_include"][str(staged)] = "qdbench/_data"
        build_data["force_include"][str(index_dir)] = "qdbench/_index"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
