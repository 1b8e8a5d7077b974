"""`drafter regen` offline, with the built-in writer: the hint it cannot follow is said so, the other
sections stay byte for byte, undo restores exactly, and a report edited by hand is never overwritten."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.drafting.helpers import data_path
from tests.review.helpers import drafter, outside, read, sections_by_id


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    tmp = tmp_path_factory.mktemp("offline")
    done = drafter(tmp, "draft", str(data_path("hengyang-2023")), "-o", "out")
    assert done.returncode == 0, done.output
    yield tmp, tmp / "out"


def test_regen_with_the_builtin_writer_says_the_hint_is_not_followed(drafted: tuple[Path, Path]) -> None:
    tmp, out = drafted
    report0, record0 = read(out)
    record_bytes0 = (out / "draft.json").read_bytes()
    done = drafter(tmp, "regen", "out", "--section", "存在的问题", "--hint", "写得更具体")
    assert done.returncode == 0, done.output
    assert "审核意见未能采纳" in done.stdout and "built-in template writer" in done.stdout
    report1, record1 = read(out)
    assert report1 == report0  # the built-in writer writes the same text from the same data
    old, new = sections_by_id(record0), sections_by_id(record1)
    assert {sid for sid in old if old[sid] != new[sid]} == {"problems"}
    problems = next(s for s in record1["sections"] if s["id"] == "problems")
    assert problems["revision"]["hint_followed"] is False
    assert any("审核意见未能采纳" in n for n in problems["notes"])
    assert record1["usage"] == record0["usage"] and record1["created"] == record0["created"]

    undone = drafter(tmp, "regen", "out", "--undo")
    assert undone.returncode == 0, undone.output
    report2, record2 = read(out)
    assert report2 == report0 and sections_by_id(record2) == old
    assert (out / "draft.json").read_bytes() == record_bytes0  # seconds and all: byte for byte


def test_a_parent_heading_stands_for_its_sections_and_failed_for_the_flagged(
    drafted: tuple[Path, Path],
) -> None:
    tmp, out = drafted
    report0, record0 = read(out)
    done = drafter(tmp, "regen", "out", "--failed")
    assert done.returncode == 0, done.output
    flagged = [s["id"] for s in record0["sections"] if s["flags"]]
    assert flagged and f"redrafting {', '.join(flagged)}" in done.stdout
    work = drafter(tmp, "regen", "out", "--section", "work")
    themes = [s["id"] for s in record0["sections"] if s["id"].startswith("work_")]
    assert f"redrafting {', '.join(themes)}" in work.stdout
    assert read(out)[0] == report0
    heading = next(s["heading"] for s in record0["sections"] if s["id"] == "work_1")
    assert outside(read(out)[0], heading) == outside(report0, heading)
    assert drafter(tmp, "regen", "out", "--undo").returncode == 0
    assert drafter(tmp, "regen", "out", "--undo").returncode == 0
    assert sections_by_id(read(out)[1]) == sections_by_id(record0)


def test_unknown_sections_and_missing_choices_are_usage_errors(drafted: tuple[Path, Path]) -> None:
    tmp, _ = drafted
    unknown = drafter(tmp, "regen", "out", "--section", "nonsense")
    assert unknown.returncode == 2 and "sections are:" in unknown.stderr and "problems" in unknown.stderr
    assert drafter(tmp, "regen", "out").returncode == 2
    assert "nothing to undo" in drafter(tmp, "regen", "out", "--undo").stderr


def test_a_report_edited_by_hand_is_not_overwritten(tmp_path: Path) -> None:
    assert drafter(tmp_path, "draft", str(data_path("ziyang-2021")), "-o", "out").returncode == 0
    report = tmp_path / "out" / "report.md"
    edited = report.read_text(encoding="utf-8") + "\n审核人手工补充的一段。\n"
    report.write_text(edited, encoding="utf-8")
    done = drafter(tmp_path, "regen", "out", "--section", "problems")
    assert done.returncode == 2 and "edited by hand" in done.stderr
    assert report.read_text(encoding="utf-8") == edited


def test_regen_refuses_data_that_changed_since_the_draft(tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    data.write_text(data_path("ziyang-2021").read_text(encoding="utf-8"), encoding="utf-8")
    assert drafter(tmp_path, "draft", "data.yaml", "-o", "out").returncode == 0
    data.write_text(data.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    done = drafter(tmp_path, "regen", "out", "--section", "problems")
    assert done.returncode == 2 and "has changed since" in done.stderr
    record = json.loads((tmp_path / "out" / "draft.json").read_text(encoding="utf-8"))
    assert all("history" not in s for s in record["sections"])
