"""Running the real `drafter` entry point in-process (fast: no interpreter start per case)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from drafter import cli

ROOT = Path(__file__).resolve().parents[2]
ZIYANG = ROOT / "examples" / "ziyang-2021" / "data.yaml"
UNIT = "unit:\n  name: 某某局\n  level: 市\n  year: 2023\n"  # lines 1-4


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str | Path
) -> Result:
    """`drafter ARGS` through cli.main (the error boundary included); returns exit code and output."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "DRAFTER_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr("sys.argv", ["drafter", *map(str, args)])
    capsys.readouterr()
    code = 0
    try:
        cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def one_line_error(result: Result) -> str:
    """The error message of an expected failure: exit 2, no traceback, an error line and a hint."""
    assert result.code == 2, result.text
    assert "Traceback" not in result.text
    assert result.err.startswith("error: "), result.text
    assert "hint: " in result.err
    return " ".join(result.err.split())


def record(folder: Path, name: str = "draft.json") -> dict[str, Any]:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
