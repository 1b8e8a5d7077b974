"""Every data file the project has: the four examples and the development corpus (eval/corpus/*)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def data_files() -> list[Path]:
    return sorted(ROOT.glob("examples/*/data.yaml")) + sorted(ROOT.glob("eval/corpus/*/data.yaml"))


def case_id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.parent.name}"
