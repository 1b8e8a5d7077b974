"""`drafter check` and `drafter draft` on data with zero bases: an answer, never a traceback.

A data line whose 执行数 or 预算数 is 0 used to end both commands with decimal.DivisionByZero raised in
the audit (issue 17, item 7). Run as the real console program, as a clerk would.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.review.helpers import drafter as _run  # `python -m drafter …` in a clean environment

ZERO_DATA = """\
unit: {name: 测试县文化局, level: 县, year: 2021}
staff: {authorized: 10, actual: 9}
budget:
  total: {budget: 120.00, actual: 0, rate: 0, last_year: 0, yoy_rate: 5}
  basic: {budget: 0, actual: 0, rate: 100}
  projects_total: {budget: 120.00, actual: 0, rate: 0}
  projects:
    - {label: 文化下乡项目, budget: 120.00, actual: 0, rate: 0, share: 100}
  sources:
    - {label: 财政拨款, budget: 120.00, actual: 0, share: 100}
  procurement: {budget: 0, actual: 0, rate: 0}
"""
REPORT = "2021年部门预算120.00万元，全年执行0万元，预算执行率0%。基本支出预算0万元。\n"


def test_check_and_draft_of_zero_bases_answer_without_a_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    data.write_text(ZERO_DATA, encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")

    checked = _run(tmp_path, "check", str(report), "--data", str(data), "--json")
    assert "Traceback" not in checked.stderr, checked.stderr
    assert checked.returncode in (0, 1), checked.stderr
    notes = [f for f in json.loads(checked.stdout)["audit"] if f["severity"] == "note"]
    said = {f["fact_id"]: f["message"] for f in notes}
    assert {"budget.basic.rate", "budget.total.yoy_rate", "budget.procurement.rate"} <= set(said)
    assert all("无法计算" in message for message in said.values())

    drafted = _run(tmp_path, "draft", str(data), "-o", str(tmp_path / "out"))
    assert "Traceback" not in drafted.stderr, drafted.stderr
    assert drafted.returncode == 0, drafted.stderr
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "执行率。" not in text  # a rate that cannot be computed is left out, not written empty

    again = _run(tmp_path, "check", str(tmp_path / "out" / "report.md"), "--data", str(data), "--json")
    assert "Traceback" not in again.stderr, again.stderr
    assert again.returncode == 0, again.stdout  # the draft of consistent data passes its own check
