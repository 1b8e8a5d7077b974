"""The office commands through the real console program: init, export, draft --docx, check of .docx/.xlsx."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ziyang-2021" / "data.yaml"


def _run(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DRAFTER_"))}
    env.update(PYTHONIOENCODING="utf-8", COLUMNS="250", NO_COLOR="1", TERM="dumb", HOME=str(tmp))
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp,
        timeout=180,
        check=False,
    )


def test_init_draft_docx_export_and_check_from_the_workbook(tmp_path: Path) -> None:
    made = _run(tmp_path, "init", "--xlsx", "data.xlsx", "--yaml", "data.yaml")
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "data.xlsx").stat().st_size > 0 and "编制数" in (tmp_path / "data.yaml").read_text(
        "utf-8"
    )
    again = _run(tmp_path, "init", "--xlsx", "data.xlsx")
    assert again.returncode == 2 and "exists already" in again.stderr and "--force" in again.stderr

    drafted = _run(
        tmp_path, "draft", "data.xlsx", "-o", "out", "--template-only", "--docx", "out/report.docx"
    )
    assert drafted.returncode == 0, drafted.stderr
    assert docx.Document(str(tmp_path / "out" / "report.docx")).tables

    exported = _run(tmp_path, "export", "out", "--docx", "again.docx", "--fonts", "body=仿宋")
    assert exported.returncode == 0, exported.stderr
    body = next(p for p in docx.Document(str(tmp_path / "again.docx")).paragraphs if "编制数" in p.text)
    assert 'w:eastAsia="仿宋"' in body.runs[0]._element.xml

    checked = _run(tmp_path, "check", "again.docx", "--data", "data.xlsx", "--json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    verdicts = json.loads(checked.stdout)["verdicts"]
    assert {v["where"].split(" ")[0] for v in verdicts} == {"段落", "表"}


def test_check_of_a_wrong_number_in_a_word_file_names_its_paragraph(tmp_path: Path) -> None:
    assert (
        _run(tmp_path, "draft", str(EXAMPLE), "-o", "out", "--template-only", "--docx", "r.docx").returncode
        == 0
    )
    doc = docx.Document(str(tmp_path / "r.docx"))
    target = next(i for i, p in enumerate(doc.paragraphs, start=1) if "82.67万元" in p.text)
    run = next(r for r in doc.paragraphs[target - 1].runs if "82.67" in r.text)
    run.text = run.text.replace("82.67", "82.76")
    doc.save(str(tmp_path / "edited.docx"))
    checked = _run(tmp_path, "check", "edited.docx", "--data", str(EXAMPLE), "-q")
    assert checked.returncode == 1
    assert f"段落 {target}" in checked.stdout and "82.76" in checked.stdout


def test_export_names_a_missing_or_changed_data_file(tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    data.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    assert _run(tmp_path, "draft", "data.yaml", "-o", "out", "--template-only").returncode == 0
    data.write_text(EXAMPLE.read_text("utf-8") + "\n# edited\n", encoding="utf-8")
    changed = _run(tmp_path, "export", "out", "--docx", "r.docx")
    assert changed.returncode == 2 and "has changed since" in changed.stderr
    data.unlink()
    missing = _run(tmp_path, "export", "out", "--docx", "r.docx")
    assert missing.returncode == 2 and "--data" in missing.stderr
    no_draft = _run(tmp_path, "export", "nowhere", "--docx", "r.docx")
    assert no_draft.returncode == 2 and "no such draft record" in no_draft.stderr
