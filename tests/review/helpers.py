"""Shared helpers for the reviewer's commands: run `python -m drafter …` as a reviewer would."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.drafting.helpers import env_for


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def drafter(tmp: Path, *args: str, **env: str) -> Run:
    done = subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        capture_output=True,
        env=env_for(tmp, **env),
        cwd=tmp,
        timeout=120,
        check=False,
    )
    return Run(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def read(out: Path) -> tuple[bytes, dict[str, Any]]:
    return (out / "report.md").read_bytes(), json.loads((out / "draft.json").read_text(encoding="utf-8"))


def sections_by_id(record: dict[str, Any]) -> dict[str, str]:
    """Each section's record as JSON text: equal texts mean byte-identical entries in draft.json."""
    return {s["id"]: json.dumps(s, ensure_ascii=False, indent=2) for s in record["sections"]}


def outside(report: bytes, heading: str) -> tuple[bytes, bytes]:
    """The report before a section's body and from the next heading on (that section's body cut out)."""
    text = report.decode("utf-8")
    start = text.index(f" {heading}\n")
    body = text.index("\n", start + 1) + 1
    following = text.find("\n#", body)
    end = len(text) if following < 0 else following
    return text[:body].encode("utf-8"), text[end:].encode("utf-8")
