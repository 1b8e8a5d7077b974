"""The one atomic writer: content all at once, permissions kept, nothing left behind on failure."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from drafter.io.atomic import write_bytes_atomic, write_text_atomic


def test_text_is_utf8_with_newlines_as_written(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "report.md"
    write_text_atomic(target, "一、部门基本情况\n预算数 12.50万元\n")
    assert target.read_bytes() == "一、部门基本情况\n预算数 12.50万元\n".encode()


def test_an_existing_files_permissions_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    write_bytes_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_bytes() == b"new"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "draft.json"
    target.write_text("{}", encoding="utf-8")
    with pytest.raises(TypeError):
        write_bytes_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "{}"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.json"]
