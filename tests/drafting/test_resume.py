"""--resume keeps the finished sections of an earlier run of the same data, and refuses other data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.drafting.helpers import env_for

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def draft(*args: str) -> subprocess.CompletedProcess[str]:
    env = env_for(Path(args[args.index("-o") + 1]))
    return subprocess.run(
        [sys.executable, "-m", "drafter", "draft", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_resume_keeps_finished_sections_and_drafts_the_rest(tmp_path: Path) -> None:
    data = str(EXAMPLES / "hengyang-2023" / "data.yaml")
    first = draft(data, "-o", str(tmp_path), "--sections", "staff,work_1")
    assert first.returncode == 0, first.stderr
    record = tmp_path / "draft.json"
    before = json.loads(record.read_text(encoding="utf-8"))
    kept = {s["id"]: s for s in before["sections"] if s["status"] == "ok"}
    assert set(kept) == {"staff", "work_1"}
    # change a finished section's text on disk: resume must keep it as it is, not redraft it
    for s in before["sections"]:
        if s["id"] == "staff":
            s["text"] = s["text"].replace("。", "。", 1) + "（人工修改）"
    record.write_text(json.dumps(before, ensure_ascii=False), encoding="utf-8")
    again = draft(data, "-o", str(tmp_path), "--resume")
    assert again.returncode == 0, again.stderr
    assert "resuming: 2 finished sections kept" in again.stdout
    after = json.loads(record.read_text(encoding="utf-8"))
    assert after["complete"] is True
    staff = next(s for s in after["sections"] if s["id"] == "staff")
    assert staff["text"].endswith("（人工修改）")
    assert len(after["sections"]) > len(before["sections"])


def test_resume_refuses_a_record_of_other_data(tmp_path: Path) -> None:
    assert (
        draft(str(EXAMPLES / "hengyang-2023" / "data.yaml"), "-o", str(tmp_path), "-s", "staff").returncode
        == 0
    )
    other = draft(str(EXAMPLES / "ziyang-2021" / "data.yaml"), "-o", str(tmp_path), "--resume")
    assert other.returncode == 2
    assert "drafted from different data" in other.stderr and "hint:" in other.stderr


def test_a_theme_can_be_chosen_by_its_id(tmp_path: Path) -> None:
    run = draft(str(EXAMPLES / "ziyang-2021" / "data.yaml"), "-o", str(tmp_path), "--sections", "work_2")
    assert run.returncode == 0, run.stderr
    ids = [s["id"] for s in json.loads((tmp_path / "draft.json").read_text(encoding="utf-8"))["sections"]]
    assert ids == ["performance", "work", "work_2"]
