"""The real `drafter` console program, run as a subprocess: exit codes, stderr, --json, -q, facts.

Every invocation is started once, concurrently, by the module fixture `runs` (a cold start costs
about half a second); the tests read their results by name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from drafter.data.load import load_data
from drafter.facts.build import build_facts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_NAMES = ["hengyang-2023", "laoting-2023", "yuelu-2021", "ziyang-2021"]

# Short reports that state only verified figures, every required fact included.
CLEAN = {
    "laoting-2023": "2023年预算项目执行20.00万元。\n",
    "ziyang-2021": "2021年基本支出82.67万元，其中人员工资支出63.41万元，"
    "日常公用经费支出19.26万元；项目经费支出51.89万元。"
    "核定编制数5人，实有在职人员5人。自评得分为98分。\n",
    "hengyang-2023": "2023年基本支出534.51万元，其中人员支出446.89万元，"
    "公用支出87.62万元；项目支出90.84万元。"
    "单位编制数24人，实有人数22人。\n",
}
# The brief's short text: true, but four required figures are missing.
SHORT_HENGYANG = "2023年基本支出534.51万元，其中人员支出446.89万元。\n"


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@dataclass
class Runs:
    results: dict[str, Run]
    before: dict[Path, tuple[bytes, int]]

    def __getitem__(self, name: str) -> Run:
        return self.results[name]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DRAFTER_DEBUG"}
    env.update(PYTHONIOENCODING="utf-8", COLUMNS="250", NO_COLOR="1", TERM="dumb", **extra)
    return env


def _run(args: tuple[str, ...], env: dict[str, str], cwd: Path) -> Run:
    done = subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    return Run(args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def _snapshot(paths: list[Path]) -> dict[Path, tuple[bytes, int]]:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    tmp = tmp_path_factory.mktemp("cli")

    def data(name: str) -> str:
        return str(EXAMPLES / name / "data.yaml")

    def report(name: str) -> str:
        return str(EXAMPLES / name / "report.txt")

    def put(name: str, content: bytes | str) -> str:
        path = tmp / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return str(path)

    # a copy of the hengyang data without its one data mistake (近1万余人), so a clean report can pass
    fixed = (EXAMPLES / "hengyang-2023" / "data.yaml").read_text(encoding="utf-8")
    assert "线下参与近1万余人" in fixed
    hengyang_fixed = put("hengyang-fixed.yaml", fixed.replace("线下参与近1万余人", "线下参与1万余人"))

    clean = {name: put(f"clean-{name}.txt", text) for name, text in CLEAN.items()}
    short = put("short.txt", SHORT_HENGYANG)
    lexicon_text = put("lexicon.txt", CLEAN["laoting-2023"] + "开展“七彩123”活动。\n")
    lexicon = put("lexicon.yaml", "- 七彩123\n")
    bad_lexicon = put("bad-lexicon.yaml", "42\n")
    empty = put("empty.txt", b"")
    gbk = put("gbk.txt", CLEAN["laoting-2023"].encode("gbk"))
    pdf = put("report.rtf", CLEAN["laoting-2023"])  # .docx and .pdf are read (tests/readers)
    bad_yaml = put("bad.yaml", "unit:\n  name: x\n   level: 市\n")
    bad_field = put("bad-field.yaml", "unit:\n  name: x\n  level: 村\n  year: 2023\n")
    missing = str(tmp / "no-such-report.txt")
    missing_data = str(tmp / "no-such-data.yaml")
    lao = data("laoting-2023")

    jobs: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {}

    def job(name: str, *args: str, **env: str) -> None:
        jobs[name] = (args, _env(**env))

    for name in EXAMPLE_NAMES:
        job(f"report-json:{name}", "check", report(name), "--data", data(name), "--json")
    job("report-text:yuelu-2021", "check", report("yuelu-2021"), "--data", data("yuelu-2021"))
    job("report-quiet:yuelu-2021", "check", report("yuelu-2021"), "--data", data("yuelu-2021"), "-q")
    job("clean:ziyang-2021", "check", clean["ziyang-2021"], "-d", data("ziyang-2021"), "--json")
    job("clean:hengyang-fixed", "check", clean["hengyang-2023"], "--data", hengyang_fixed)
    job("short:hengyang-2023", "check", short, "--data", data("hengyang-2023"), "--json")
    job("lexicon:with", "check", lexicon_text, "--data", lao, "--json", "--lexicon", lexicon)
    job("facts:text", "facts", data("hengyang-2023"))
    job("facts:json", "facts", data("yuelu-2021"), "--json")
    # input errors
    job("error:missing-report", "check", missing, "--data", lao)
    job("error:report-suffix", "check", pdf, "--data", lao)
    job("error:empty-report", "check", empty, "--data", lao)
    job("error:gbk-report", "check", gbk, "--data", lao)
    job("error:missing-data", "check", clean["laoting-2023"], "--data", missing_data)
    job("error:bad-yaml", "check", clean["laoting-2023"], "--data", bad_yaml)
    job("error:bad-field", "check", clean["laoting-2023"], "--data", bad_field)
    job("error:bad-lexicon", "check", clean["laoting-2023"], "--data", lao, "--lexicon", bad_lexicon)
    job("debug:missing-report", "check", missing, "--data", lao, DRAFTER_DEBUG="1")
    # usage errors (click)
    job("usage:no-data-option", "check", clean["laoting-2023"])
    job("usage:no-report", "check")

    inputs = [EXAMPLES / n / f for n in EXAMPLE_NAMES for f in ("data.yaml", "report.txt")]
    inputs += [Path(p) for p in (*clean.values(), short, hengyang_fixed, lexicon, lexicon_text)]
    before = _snapshot(inputs)
    with ThreadPoolExecutor(max_workers=max(2, min(8, (os.cpu_count() or 2) * 2))) as pool:
        futures = {name: pool.submit(_run, args, env, tmp) for name, (args, env) in jobs.items()}
        results = {name: future.result() for name, future in futures.items()}
    return Runs(results, before)


# ------------------------------------------------------------------ exit codes


def test_clean_report_exits_0(runs: Runs) -> None:
    run = runs["clean:hengyang-fixed"]
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stderr == ""
    assert "PASS" in run.stdout


def test_clean_report_as_json_exits_0(runs: Runs) -> None:
    run = runs["clean:ziyang-2021"]
    assert run.returncode == 0, run.stdout + run.stderr
    result = run.json()
    assert result["ok"] is True
    assert result["audit"] == result["missing"] == []


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_reports_with_known_mistakes_exit_1(runs: Runs, name: str) -> None:
    run = runs[f"report-json:{name}"]
    assert run.returncode == 1, run.stderr
    assert run.stderr == ""
    result = run.json()
    assert result["ok"] is False
    assert result["problems"] >= 1


def test_example_reports_raise_their_known_mistakes(runs: Runs) -> None:
    def problems(name: str) -> list[tuple[str, str]]:
        verdicts = runs[f"report-json:{name}"].json()["verdicts"]
        assert isinstance(verdicts, list)
        return [
            (v["text"], v["verdict"])
            for v in verdicts
            if v["verdict"] in ("mismatch", "unsupported", "hedge")
        ]

    assert problems("hengyang-2023") == [("近1万余人", "hedge")]
    assert problems("laoting-2023") == [("20.00 元", "mismatch"), ("20.00 元", "mismatch")]  # 万元 written 元
    # the typo for 198.98, and the 总分 row's 100 / 100 where the 分值 and 得分 columns add to 110
    assert problems("yuelu-2021") == [("198.8", "mismatch"), ("100", "mismatch"), ("100", "mismatch")]
    assert problems("ziyang-2021") == [("7", "unsupported")]  # 多7角度
    audit = runs["report-json:yuelu-2021"].json()["audit"]
    assert isinstance(audit, list)
    assert sorted((a["kind"], a["fact_id"]) for a in audit) == [
        ("score", "self_evaluation.score"),
        ("score", "self_evaluation.total_weight"),
        ("sum", "budget.total.budget"),
    ]


def test_missing_required_figures_are_reported(runs: Runs) -> None:
    """The short text states two true figures; four required ones are missing, and the data has 近1万余人."""
    run = runs["short:hengyang-2023"]
    assert run.returncode == 1
    result = run.json()
    assert result["counts"] == {
        "ok": 3,
        "mismatch": 0,
        "unsupported": 0,
        "hedge": 0,
        "unreadable": 0,
        "ignored": 0,
    }
    missing = result["missing"]
    assert isinstance(missing, list)
    assert sorted(m["fact_id"] for m in missing) == [
        "budget.projects_total.actual",
        "budget.public.actual",
        "staff.actual",
        "staff.authorized",
    ]
    assert all(m["kind"] == "missing" for m in missing)
    assert any("87.62万元" in m["message"] for m in missing)
    assert [a["kind"] for a in result["audit"]] == ["hedge"]
    assert result["problems"] == 5


# ------------------------------------------------------------------ --json and -q


def test_json_output_shape(runs: Runs) -> None:
    result = runs["clean:ziyang-2021"].json()
    assert {"ok", "counts", "problems", "verdicts", "audit", "missing", "report", "data"} <= set(result)
    assert result["problems"] == 0
    assert result["counts"] == {
        "ok": 8,
        "mismatch": 0,
        "unsupported": 0,
        "hedge": 0,
        "unreadable": 0,
        "ignored": 0,
    }
    verdicts = result["verdicts"]
    assert isinstance(verdicts, list)
    money = next(v for v in verdicts if v["text"] == "82.67万元")
    assert money["value"] == "826700.00"  # exact, as a string
    assert money["verdict"] == "ok"
    assert money["fact_id"] == "budget.basic.actual"
    assert money["bound"] is True
    assert CLEAN["ziyang-2021"][money["start"] : money["end"]] == money["text"]
    year = verdicts[0]
    assert (year["text"], year["kind"], year["verdict"]) == ("2021年", "year", "ok")


def test_json_counts_agree_with_verdicts(runs: Runs) -> None:
    for name in EXAMPLE_NAMES:
        result = runs[f"report-json:{name}"].json()
        verdicts = result["verdicts"]
        assert isinstance(verdicts, list)
        counts = {k: sum(v["verdict"] == k for v in verdicts) for k in result["counts"]}
        assert counts == result["counts"]
        bad = sum(v["verdict"] in ("mismatch", "unsupported", "hedge") for v in verdicts)
        errors = sum(a["severity"] == "error" for a in result["audit"])
        assert result["problems"] == bad + errors + len(result["missing"])


def test_text_output_shows_the_report_and_quiet_omits_it(runs: Runs) -> None:
    loud, quiet = runs["report-text:yuelu-2021"], runs["report-quiet:yuelu-2021"]
    assert loud.returncode == quiet.returncode == 1
    phrase = "贯彻执行党和政府关于妇女工作的方针"  # from the report's 部门职责 cell, with no number in it
    assert phrase in (EXAMPLES / "yuelu-2021" / "report.txt").read_text(encoding="utf-8")
    assert phrase in loud.stdout.replace("\n", "")
    assert phrase not in quiet.stdout.replace("\n", "")
    assert len(quiet.stdout) < len(loud.stdout) / 2
    # both still report the problems and the summary
    for run in (loud, quiet):
        assert "FAIL" in run.stdout
        assert "198.98" in run.stdout
        assert "self_evaluation.total_weight" in run.stdout


def test_input_files_are_not_modified(runs: Runs) -> None:
    after = _snapshot(list(runs.before))
    for path, (content, mtime) in runs.before.items():
        assert after[path][0] == content, path
        assert after[path][1] == mtime, path


def test_lexicon_option(runs: Runs) -> None:
    # without the lexicon, the 123 of “七彩123” would be a figure the data does not support
    with_ = runs["lexicon:with"]
    assert with_.returncode == 0, with_.stdout
    kinds = {v["text"]: (v["verdict"], v["kind"]) for v in with_.json()["verdicts"]}
    assert kinds["七彩123"] == ("ignored", "proper")


# ------------------------------------------------------------------ facts


def test_facts_lists_facts(runs: Runs) -> None:
    run = runs["facts:text"]
    assert run.returncode == 0, run.stderr
    count = len(build_facts(load_data(EXAMPLES / "hengyang-2023" / "data.yaml")))
    assert f"{count} facts" in run.stdout
    for text in (
        "budget.basic.actual",
        "534.51万元",
        "budget.personnel.share_actual~",
        "440余场",
        "近1万余人",
    ):
        assert text in run.stdout, text


def test_facts_json(runs: Runs) -> None:
    run = runs["facts:json"]
    assert run.returncode == 0, run.stderr
    out = run.json()
    facts = {f["id"]: f for f in out["facts"]}
    assert facts["budget.total.budget"]["value"] == "1988000.0"  # 198.8万元 in 元, exact
    assert facts["budget.total.budget"]["shown"] == "198.8万元"
    assert facts["budget.total.rate~"]["origin"] == "derived"
    assert facts["budget.total.rate~"]["derivation"]
    assert sorted(f["fact_id"] for f in out["findings"]) == [
        "budget.total.budget",
        "self_evaluation.score",
        "self_evaluation.total_weight",
    ]


# ------------------------------------------------------------------ errors

INPUT_ERRORS = {
    "error:missing-report": "no such report",
    "error:report-suffix": "unsupported report format .rtf",
    "error:empty-report": "the report is empty",
    "error:gbk-report": "not UTF-8",
    "error:missing-data": "no such data file",
    "error:bad-yaml": "bad.yaml:3: not valid YAML",
    "error:bad-field": "bad-field.yaml:3: unit.level",
    "error:bad-lexicon": "expected a YAML list of terms",
}


@pytest.mark.parametrize(("name", "phrase"), INPUT_ERRORS.items(), ids=list(INPUT_ERRORS))
def test_input_errors_exit_2_with_one_error_line(runs: Runs, name: str, phrase: str) -> None:
    run = runs[name]
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stdout == ""
    assert run.stderr.startswith("error: ")
    assert phrase in run.stderr.replace("\n", "")
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("name", list(INPUT_ERRORS))
def test_input_errors_say_how_to_fix_them(runs: Runs, name: str) -> None:
    """Every expected error carries a hint (drafter.errors: 'each says what went wrong and how to fix it')."""
    assert "hint: " in runs[name].stderr


def test_non_utf8_hint_names_the_encoding(runs: Runs) -> None:
    stderr = runs["error:gbk-report"].stderr
    assert "UTF-8" in stderr.split("hint:")[1]
    assert "GBK" in stderr


def test_error_names_the_file(runs: Runs) -> None:
    assert "no-such-report.txt" in runs["error:missing-report"].stderr
    assert "no-such-data.yaml" in runs["error:missing-data"].stderr


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("usage:no-data-option", "Missing option"),
        ("usage:no-report", "Missing argument"),
    ],
)
def test_usage_errors_exit_2(runs: Runs, name: str, phrase: str) -> None:
    run = runs[name]
    assert run.returncode == 2
    assert phrase in run.stderr
    assert "--help" in run.stderr  # says where to look
    assert "Traceback" not in run.stderr


def test_debug_shows_the_traceback(runs: Runs) -> None:
    run = runs["debug:missing-report"]
    assert run.returncode != 0
    assert "Traceback (most recent call last)" in run.stderr
    assert "InputError" in run.stderr
    assert "no such report" in run.stderr


def _closed_reader(args: tuple[str, ...]) -> int:
    """Run drafter with stdout a pipe whose reader has already gone (as `… | head -1` after one line)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "drafter", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the program writes anything: every write meets a closed pipe
    stderr = process.stderr.read()
    assert process.wait(timeout=120) is not None
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr, stderr
    return process.returncode


def test_a_closed_stdout_ends_quietly_with_the_commands_own_exit_code(tmp_path: Path) -> None:
    """`drafter check clean.txt … | head -1` exited 1 ("problems found") because click turns a broken
    pipe into exit 1; now the command's own code comes through: 0 clean, 1 problems."""
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN["ziyang-2021"], encoding="utf-8")
    data = str(EXAMPLES / "ziyang-2021" / "data.yaml")
    assert _closed_reader(("check", str(clean), "--data", data)) == 0
    assert _closed_reader(("check", str(EXAMPLES / "ziyang-2021" / "report.txt"), "--data", data)) == 1
    assert _closed_reader(("facts", data)) == 0
