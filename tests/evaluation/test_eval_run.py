"""`drafter eval` end to end: the self-test table, the built-in writer and a model behind the stub
server, the JSON and the HTML report, re-scoring without a model call, and the baseline gate."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from drafter.cli.app import app
from drafter.evaluation.evaluate import EvalOptions, evaluate
from drafter.evaluation.mutate import KINDS as MUTATE_KINDS
from drafter.evaluation.selftest import KINDS, REWRITES
from drafter.models.config import Endpoint
from tests.models.stub_server import run_stub_server

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CORPUS = ROOT / "eval" / "corpus"
ZIYANG = EXAMPLES / "ziyang-2021"
GOOD = "本部门认真履行职责，各项工作有序推进，较好完成了年度目标。"
BAD = "本部门全年完成重点任务37项，群众满意度达到99.3%，新增服务网点12个。"


def _eval(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["eval", *args], catch_exceptions=False)
    return result.exit_code, result.stdout


def test_mutate_on_the_examples_prints_detection_and_false_alarms(tmp_path: Path) -> None:
    code, out = _eval(str(EXAMPLES), "--mutate", "--per-kind", "2", "-j", "1", "-o", str(tmp_path))
    assert code == 0
    assert "checker self-test on 4 faithful texts" in out and "false alarms" in out
    for kind in (*KINDS, *(f"rewrite: {r}" for r in REWRITES)):
        assert kind in out
    st = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))["selftest"]
    assert set(st["detection"]) == set(KINDS) and set(st["controls"]) == set(REWRITES)
    assert all(d["mutants"] > 0 for d in st["detection"].values())
    for kind in MUTATE_KINDS:  # the first suite's kinds; the wording kinds are reported as measured
        assert st["detection"][kind]["caught"] == st["detection"][kind]["mutants"], kind
    assert all(d["false_alarms"] == 0 for d in st["controls"].values())
    assert st["false_alarms_unmutated"] == 0  # the examples' known mistakes are not false alarms
    lo, hi = st["detection_overall"]["ci"]
    assert lo <= st["detection_overall"]["rate"] <= hi


def test_mutate_on_corpus_cases_in_json(tmp_path: Path) -> None:
    manifest = tmp_path / "set.yaml"
    chosen = ["hn-zijiang-caizheng-2023", "yn-puwen-tongji-2022"]
    manifest.write_text("cases:\n" + "".join(f"  - {CORPUS / c}\n" for c in chosen), encoding="utf-8")
    code, out = _eval(
        str(manifest), "--mutate", "--per-kind", "2", "-j", "2", "--json", "-o", str(tmp_path / "r")
    )
    assert code == 0
    payload = json.loads(out)
    st = payload["selftest"]
    assert [c["case"] for c in st["cases"]] == chosen
    assert st["detection_overall"]["mutants"] >= 20 and st["detection_overall"]["rate"] >= 0.8
    report = payload["metrics"]["groups"]["report"]["overall"]
    assert report["mistakes"]["listed"] >= 1  # the corpus' listed mistakes are scored too


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_builtin_writer_eval_writes_json_and_a_self_contained_html_report(tmp_path: Path) -> None:
    code, out = _eval(str(EXAMPLES), "--model", "builtin", "--json", "-j", "1", "-o", str(tmp_path))
    assert code == 0
    payload = json.loads(out)
    builtin = payload["metrics"]["groups"]["builtin"]
    assert builtin["overall"]["cases"] == 4 and builtin["overall"]["numbers"] > 100
    assert builtin["overall"]["precision"] > 0.9 and builtin["overall"]["recall"] == 1.0
    assert set(builtin["cases"]) == {"hengyang-2023", "laoting-2023", "yuelu-2021", "ziyang-2021"}
    assert builtin["overall"]["attempts_per_section"] == 1.0  # the built-in writer is never re-asked
    assert len(list((tmp_path / "drafts").glob("*/builtin/default/r1/draft.json"))) == 4
    page = _parse(tmp_path / "report.html")
    tags = [t for t, _ in page.tags]
    assert tags.count("svg") == 2 and "script" not in tags and "link" not in tags and "img" not in tags
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "e-" not in "".join(
        re.findall(r">([^<]*)</text>", html)
    )  # the built-in's 0 tokens: no 2.87e-10 axis
    assert not any(v and v.startswith(("http:", "https:", "//")) for _, a in page.tags for v in a.values())
    numbers = [a for t, a in page.tags if t == "span" and "n " in (a.get("class") or "")]
    assert len(numbers) >= builtin["overall"]["numbers"]
    assert any("✓" in (a.get("title") or "") and "[" in (a.get("title") or "") for a in numbers)  # provenance
    assert any((a.get("class") or "").endswith(("mismatch", "hedge")) for a in numbers)  # the data's mistakes


def _stub_eval(stub_url: str, out: Path, **extra: object) -> EvalOptions:
    endpoint = Endpoint(base_url=stub_url, api_key="sk-test-SECRET", model="stub-model", max_retries=0)
    return EvalOptions(
        sources=[ZIYANG], models=["stub-model"], out=out, endpoint=endpoint, jobs=1, max_repairs=1, **extra
    )  # type: ignore[arg-type]


def test_stub_model_eval_then_rescore_makes_no_model_call(tmp_path: Path) -> None:
    with run_stub_server() as stub:
        stub.default = lambda body: BAD if "满意度" in json.dumps(body, ensure_ascii=False) else GOOD
        first = evaluate(_stub_eval(stub.base_url, tmp_path / "run"))
        calls = len(stub.chat_requests)
        assert calls > 0 and first.stats.calls == calls
        group = first.payload["metrics"]["groups"]["stub-model"]["overall"]
        assert group["prompt_tokens"] > 0 and group["completion_tokens"] > 0 and group["attempts"] >= calls
        assert (tmp_path / "run" / "report.html").is_file()

        again = evaluate(EvalOptions(rescore=tmp_path / "run", jobs=1))
        assert len(stub.chat_requests) == calls  # re-scoring asks the model nothing
        assert again.payload["metrics"]["groups"] == first.payload["metrics"]["groups"]

        # drafts gone, cache kept: drafting again is answered from the cache
        for draft in (tmp_path / "run" / "drafts").rglob("draft.json"):
            draft.unlink()
        cached = evaluate(_stub_eval(stub.base_url, tmp_path / "run"))
        assert len(stub.chat_requests) == calls and cached.stats.cached == calls and cached.stats.drafted == 1
        assert "sk-test-SECRET" not in (tmp_path / "run" / "results.json").read_text(encoding="utf-8")


def test_baseline_flags_an_injected_regression_with_exit_1(tmp_path: Path) -> None:
    with run_stub_server() as stub:
        stub.default = GOOD
        base = ["--model", "stub-model", "--base-url", stub.base_url, "-j", "1", "--max-repairs", "0"]
        code, _ = _eval(str(ZIYANG), *base, "-o", str(tmp_path / "good"))
        assert code == 0
        baseline = tmp_path / "good" / "results.json"
        same, out = _eval(str(ZIYANG), *base, "-o", str(tmp_path / "good"), "--baseline", str(baseline))
        assert same == 0 and "REGRESSION" not in out
        stub.default = BAD  # the "new model" invents figures
        code, out = _eval(str(ZIYANG), *base, "-o", str(tmp_path / "bad"), "--baseline", str(baseline))
        assert code == 1
        assert "REGRESSION" in out and "precision" in out
        payload = json.loads((tmp_path / "bad" / "results.json").read_text(encoding="utf-8"))
        assert {c["metric"] for c in payload["baseline"]["regressions"]} >= {"first_precision"}


def test_eval_drafts_with_the_outline_drafter_draft_chooses_and_reads_workbook_cases(tmp_path: Path) -> None:
    """A 云南 unit (unit.region, no `outline:`) is drafted with the yunnan outline, as `drafter draft`
    would; and a case folder holding the clerk's data.xlsx is a case like one holding data.yaml."""
    from drafter.data.load import load_data
    from drafter.data.xlsx_write import write_workbook

    source = CORPUS / "yn-diannan-weijian-2023" / "data.yaml"
    cases = tmp_path / "cases"
    (cases / "yunnan-yaml").mkdir(parents=True)
    (cases / "yunnan-yaml" / "data.yaml").write_bytes(source.read_bytes())
    (cases / "yunnan-xlsx").mkdir()
    (cases / "yunnan-xlsx" / "data.xlsx").write_bytes(write_workbook(load_data(source)))
    out = tmp_path / "out"
    code, _ = _eval(str(cases), "--model", "builtin", "--json", "-j", "1", "-o", str(out))
    assert code == 0
    drafts = sorted((out / "drafts").glob("*/builtin/default/r1/draft.json"))
    assert len(drafts) == 2
    for path in drafts:
        record = json.loads(path.read_text(encoding="utf-8"))
        headings = [s["heading"] for s in record["sections"]]
        # yunnan's 摘要 and 部门概况, not hunan's 部门（单位）基本情况 first
        assert any("摘要" in h for h in headings) and any("部门概况" in h for h in headings), headings
