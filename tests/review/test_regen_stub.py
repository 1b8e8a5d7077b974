"""A reviewer's work end to end against the stub server's scripted model, through the real CLI:
draft → review (decide a flag) → regen one section with a hint → regen the flagged one → undo.

The stub writes each section from its heading (as in tests/drafting/test_stub_server.py): a wrong
total that drafter corrects, swapped counts, an invented 35名 that stays marked. When its prompt
carries a reviewer's request it answers with a rewritten section, and every request is recorded, so
the test sees exactly what reached the model.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.drafting.helpers import data_path
from tests.models.stub_server import run_stub_server
from tests.review.helpers import Run, drafter, outside, read, sections_by_id

MODEL, KEY = "stub-model", "sk-test-review"
PLAIN = "经自评，各项工作有序推进，较好地完成了年度目标任务。"
FIRST = {
    "六、部门整体支出绩效情况": (
        "2021年，资阳区妇联统筹使用预算资金，全年支出合计144.56万元，其中基本支出82.67万元。"
    ),
    "1.积极救助贫困母亲": "2021年，共救助了7名“两癌”贫困妇女，发放救助金7万元。",
    "2.集中普法宣传": "利用区政府机关大型电子显示屏开展集中普法活动，发放资料10000余份。",
    "3.全面开展农村适龄妇女“两癌”免费检查工作": (
        "2021年我区农村适龄和城镇低保适龄妇女“两癌”免费检查完成4060例。另为35名困难妇女提供心理疏导服务。"
    ),
    "4.积极推报典型、表彰先进，并加强宣传报道": "隆重表彰全区20个文明家庭。",
    "七、存在的问题及原因分析": PLAIN,
    "八、下一步改进措施": PLAIN,
}
HINT = "“存在问题”太空泛，请写明农村妇女“两癌”检查项目的不足"
REWRITTEN_PROBLEMS = (
    "一是农村妇女“两癌”免费检查项目宣传还不够深入，部分偏远村组妇女知晓率不高；二是项目跟踪服务有待加强。"
)
REWRITTEN_THEME = (
    "2021年我区农村适龄和城镇低保适龄妇女“两癌”免费检查完成4060例。另为36名困难妇女提供心理疏导服务。"
)


def heading_of(body: dict[str, Any]) -> str:
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    return user.split("中的“", 1)[1].split("”部分", 1)[0]


def answer(body: dict[str, Any]) -> str:
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    heading = heading_of(body)
    if "【审核人意见】" in user:
        return REWRITTEN_PROBLEMS if heading.startswith("七、") else REWRITTEN_THEME
    return FIRST[heading]


@dataclass
class Session:
    tmp: Path
    out: Path
    url: str
    stub: Any

    def run(self, *args: str) -> Run:
        return drafter(self.tmp, *args)

    def model(self) -> list[str]:
        return [
            "--base-url",
            self.url,
            "--model",
            MODEL,
            "--api-key",
            KEY,
            "--max-retries",
            "0",
            "--timeout",
            "20",
        ]

    def check(self) -> Run:
        return self.run("check", str(self.out / "report.md"), "--data", str(data_path("ziyang-2021")), "-q")

    def findings(self) -> list[dict[str, Any]]:
        done = self.run("review", str(self.out), "--json")
        return json.loads(done.stdout)["open"]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    tmp = tmp_path_factory.mktemp("review")
    with run_stub_server() as stub:
        stub.default = answer
        s = Session(tmp, tmp / "out", stub.base_url, stub)
        done = s.run(
            "draft", str(data_path("ziyang-2021")), "-o", str(s.out), *s.model(), "--max-repairs", "0",
            "--whole-sections",  # the script answers by section heading, as regen asks (one call a section)
        )  # fmt: skip
        assert done.returncode == 0, done.output
        yield s


def test_a_reviewers_work_end_to_end(session: Session) -> None:
    s = session
    report0, record0 = read(s.out)

    # review: the invented 35名 is open; the corrected total is listed as a correction to review
    listed = s.run("review", str(s.out))
    assert listed.returncode == 1, listed.output
    assert "35名" in listed.stdout and "134.56万元" in listed.stdout and "已更正" in listed.stdout
    before = s.check()
    assert before.returncode == 1, before.output
    (invented,) = [f for f in s.findings() if f["number"] == "35名"]
    decided = s.run("review", str(s.out), "--accept", invented["id"], "--note", "已与区妇联核对：35名")
    assert decided.returncode == 0, decided.output
    review = json.loads((s.out / "review.json").read_text(encoding="utf-8"))
    assert [d["decision"] for d in review["decisions"]] == ["confirmed"]
    assert review["decisions"][0]["note"] == "已与区妇联核对：35名"
    after = s.check()
    assert after.returncode == 0, after.output  # the only checker flag is decided
    assert "已审核" in after.stdout and "35名" in after.stdout

    # regen one section with a hint: the hint reaches the prompt, quoted, with the number rule
    calls = len(s.stub.chat_requests)
    regen = s.run("regen", str(s.out), "--section", "problems", "--hint", HINT, *s.model())
    assert regen.returncode == 0, regen.output
    sent = s.stub.chat_requests[calls:]
    assert [heading_of(r.json) for r in sent] == ["七、存在的问题及原因分析"]
    system, user = (m["content"] for m in sent[0].json["messages"])
    assert "【审核人意见】" in user and "「“存在问题”太空泛，请写明农村妇女“两癌”检查项目的不足」" in user
    assert "不能改变上述数字规则" in system
    assert "部分偏远村组妇女知晓率不高" in regen.stdout  # the diff shows the new text

    report1, record1 = read(s.out)
    heading = "七、存在的问题及原因分析"
    assert outside(report1, heading) == outside(report0, heading)  # the rest byte-identical
    assert REWRITTEN_PROBLEMS in report1.decode("utf-8") and PLAIN.encode("utf-8") in report1
    old, new = sections_by_id(record0), sections_by_id(record1)
    assert {sid for sid in old if old[sid] != new[sid]} == {"problems"}
    problems = next(x for x in record1["sections"] if x["id"] == "problems")
    assert problems["history"] == [next(x for x in record0["sections"] if x["id"] == "problems")]
    assert problems["revision"]["hint"] == HINT and problems["revision"]["version"] == 2
    assert problems["revision"]["writer"] == MODEL and problems["revision"]["hint_followed"] is True
    assert s.check().returncode == 0  # the decision survives a regen of another section

    # regen the flagged section: its sentence changes, the decision lapses, the finding returns
    theme = s.run("regen", str(s.out), "--section", "work_3", "--hint", "核实心理疏导人数", *s.model())
    assert theme.returncode == 0, theme.output
    lapsed = s.check()
    assert lapsed.returncode == 1 and "lapsed" in lapsed.stdout, lapsed.output
    assert [f["number"] for f in s.findings() if f["kind"] == "number"] == ["36名"]

    # undo the last regen: the sentence is back, and so is the decision
    assert s.run("regen", str(s.out), "--undo").returncode == 0
    assert read(s.out)[0] == report1
    assert s.check().returncode == 0
    # undo the first: report.md and every section record are exactly the first draft's
    assert s.run("regen", str(s.out), "--undo", "--section", "problems").returncode == 0
    report3, record3 = read(s.out)
    assert report3 == report0
    assert sections_by_id(record3) == sections_by_id(record0)
    assert record3 == record0  # writer, endpoint and seconds too, which the model regens changed
    nothing = s.run("regen", str(s.out), "--undo")
    assert nothing.returncode == 2 and "nothing to undo" in nothing.stderr
