"""io.files: the files a user hands in, read within a limit, every refusal an InputError naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.io.files import MAX_BYTES, ensure_file, read_bytes, read_text


def test_a_limit_given_is_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("一二三", encoding="utf-8")  # 9 bytes
    assert read_text(path, "report", limit=9) == "一二三"
    with pytest.raises(InputError, match="too large for a report"):
        read_bytes(path, "report", limit=8)
    assert MAX_BYTES >= 1_000_000


def test_a_binary_reader_is_told_of_a_missing_empty_or_huge_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such workbook"):
        ensure_file(tmp_path / "none.xlsx", "workbook")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="is empty"):
        ensure_file(empty, "report")
    empty.write_bytes(b"%PDF" * 10)
    with pytest.raises(InputError, match="too large"):
        ensure_file(empty, "report", limit=39)
    ensure_file(empty, "report", limit=40)


def test_the_old_paths_still_name_the_same_functions() -> None:
    from drafter.data import load
    from drafter.readers import base

    assert load.read_text is read_text and load.read_bytes is read_bytes and base.ensure_file is ensure_file
