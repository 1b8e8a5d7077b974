"""Findings, fingerprints and decisions: stable across runs, lapsing when their own sentence changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.review.decisions import ReviewFile, check_report, find, findings_of, normalise, sort_out
from tests.drafting.helpers import data_path, example_data
from tests.review.helpers import drafter

DATA = example_data("ziyang-2021")
REPORT = (
    "# 报告\n\n## 二、一般公共预算支出情况\n\n全年支出合计144.56万元。其中基本支出82.67万元。\n\n"
    "## 七、存在的问题及原因分析\n\n"
    "另为35名困难妇女提供心理疏导服务。〔待核实：本句有数字在数据中找不到依据〕\n"
)


def numbers(text: str) -> dict[str, str]:
    return {f.number: f.id for f in findings_of(check_report(text, DATA)) if f.kind == "number"}


def test_fingerprints_are_stable_and_ignore_drafters_marks_and_spacing() -> None:
    first = numbers(REPORT)
    assert set(first) == {"144.56万元", "35名"}
    again = numbers(REPORT.replace("〔待核实：本句有数字在数据中找不到依据〕", "").replace("另为", "另为 "))
    assert again == first
    assert normalise("另为35名 困难\n妇女。〔待核实：x〕") == "另为35名困难妇女。"


def test_a_changed_sentence_changes_only_its_own_fingerprint() -> None:
    first = numbers(REPORT)
    edited = numbers(REPORT.replace("另为35名困难妇女", "另为35名特困妇女"))
    assert edited["144.56万元"] == first["144.56万元"] and edited["35名"] != first["35名"]
    moved = numbers(REPORT.replace("七、存在的问题及原因分析", "八、下一步改进措施"))
    assert moved["35名"] != first["35名"]  # the section is part of what the decision is about


def test_decisions_lapse_when_the_sentence_changes_and_return_with_it(tmp_path: Path) -> None:
    review = ReviewFile(tmp_path / "review.json")
    found = findings_of(check_report(REPORT, DATA))
    review.decide(find(found, review, numbers(REPORT)["35名"]), "confirmed", "已核对", "张三", "t")
    review.save()
    review = ReviewFile.load(tmp_path / "review.json")
    same = sort_out(found, review)
    assert [f.number for f, _ in same.decided] == ["35名"] and not same.lapsed
    changed = sort_out(findings_of(check_report(REPORT.replace("35名", "36名"), DATA)), review)
    assert not changed.decided
    assert [d.about["number"] for d in changed.lapsed] == ["35名"]
    assert {f.number for f in changed.open if f.kind == "number"} == {"144.56万元", "36名"}


def test_ids_must_name_one_current_finding() -> None:
    review = ReviewFile(Path("unused.json"))
    found = findings_of(check_report(REPORT, DATA))
    with pytest.raises(InputError, match="not a finding id"):
        find(found, review, "xyz")
    with pytest.raises(InputError, match="no current finding"):
        find(found, review, "0000000")


def test_a_broken_review_file_names_itself(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    path.write_text('{"decisions": [{"fingerprint": "ab", "decision": "maybe"}]}', encoding="utf-8")
    with pytest.raises(InputError, match="decision 1"):
        ReviewFile.load(path)


def test_check_with_a_review_file_counts_only_open_findings(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text(REPORT, encoding="utf-8")
    args = ("check", "report.md", "--data", str(data_path("ziyang-2021")), "-q")
    assert drafter(tmp_path, *args).returncode == 1
    review = ReviewFile(tmp_path / "decisions.json")
    found = findings_of(check_report(REPORT, DATA))
    assert {f.kind for f in found} == {"number", "missing"}  # an excerpt: required facts are missing
    for f in found:
        review.decide(f, "dismissed" if f.number == "35名" else "confirmed", "已核对", None, "t")
    review.save()
    done = drafter(tmp_path, *args, "--review", "decisions.json")
    assert done.returncode == 0, done.output
    assert "已审核" in done.stdout and "误报" in done.stdout and "35名" in done.stdout
    as_json = drafter(tmp_path, *args[:-1], "--review", "decisions.json", "--json")
    payload = json.loads(as_json.stdout)
    assert payload["open"] == [] and {"144.56万元", "35名"} <= {d["number"] for d in payload["decided"]}
    (tmp_path / "decisions.json").rename(tmp_path / "review.json")  # beside the report: found by itself
    assert drafter(tmp_path, *args).returncode == 0
    missing = drafter(tmp_path, *args, "--review", "nowhere.json")
    assert missing.returncode == 2 and "nowhere.json" in missing.stderr


def test_show_colours_every_number_and_lists_provenance(tmp_path: Path) -> None:
    assert drafter(tmp_path, "draft", str(data_path("hengyang-2023")), "-o", "out").returncode == 0
    done = drafter(tmp_path, "show", "out", "--section", "work_4", "--why")
    assert done.returncode == 0, done.output
    assert (
        "4.立足家庭文明，涵养培育时代新风" in done.stdout and "writer built-in template writer" in done.stdout
    )
    assert "activities[3].bullets[0]#1" in done.stdout  # a number's provenance
    assert "近1万余人" in done.stdout and "约数有误" in done.stdout and "待审 open" in done.stdout
    whole = drafter(tmp_path, "show", "out")
    assert "待审 Open findings" in whole.stdout and "五、社会保险基金预算支出情况" in whole.stdout
    assert drafter(tmp_path, "show", "out", "--section", "nope").returncode == 2
    listed = drafter(tmp_path, "review", "out", "--json")
    (hedge,) = [f for f in json.loads(listed.stdout)["open"] if f["number"] == "近1万余人"]
    no_note = drafter(tmp_path, "review", "out", "--dismiss", hedge["id"])
    assert no_note.returncode == 2 and "--note" in no_note.stderr
    ok = drafter(
        tmp_path, "review", "out", "--dismiss", hedge["id"], "--note", "原文", DRAFTER_REVIEWER="李四"
    )
    assert ok.returncode == 0, ok.output
    raw = (tmp_path / "out" / "review.json").read_text(encoding="utf-8")
    assert "李四" in raw and "原文" in raw and "\\u" not in raw  # readable UTF-8, no \uXXXX escapes
    decided = json.loads(raw)["decisions"]
    assert [(d["decision"], d["by"], d["note"]) for d in decided] == [("dismissed", "李四", "原文")]
    shown = drafter(tmp_path, "show", "out", "--section", "work_4", "--why")
    assert "误报：原文" in shown.stdout
    assert drafter(tmp_path, "review", "out", "--reopen", hedge["id"]).returncode == 0
    assert json.loads((tmp_path / "out" / "review.json").read_text(encoding="utf-8"))["decisions"] == []


def test_the_reviewer_is_the_login_name_when_the_environment_names_nobody(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A service or `env -i` run has no $USER: the decision still says who, from the account database."""
    import getpass

    from drafter.review.regen import reviewer

    for name in ("DRAFTER_REVIEWER", "USER", "LOGNAME", "USERNAME", "LNAME"):
        monkeypatch.delenv(name, raising=False)
    login = getpass.getuser()  # with no variable set, this reads the account database (pwd)
    assert login and reviewer() == login
    monkeypatch.setenv("DRAFTER_REVIEWER", "王五")
    assert reviewer() == "王五"
