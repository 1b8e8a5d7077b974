"""Terminal output for check results: the text with every number coloured by verdict, then the problems.

Kept apart from the CLI so the same rendering serves `drafter check` and `drafter draft`.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from drafter.check.causes import Cause
from drafter.check.result import CheckResult, Verdict

STYLES = {
    "ok": "green",
    "mismatch": "bold white on red",
    "unsupported": "bold magenta",
    "hedge": "bold yellow",
    "unreadable": "underline cyan",
    "ignored": "dim",
}
VERDICT_NAMES = {
    "mismatch": "不符",
    "unsupported": "无依据",
    "hedge": "约数有误",
    "unreadable": "无法读出",
    "ok": "一致",
    "ignored": "略过",
}


def coloured_text(result: CheckResult) -> Text:
    """The checked text with each number styled by its verdict."""
    out = Text(visible(result.text))
    for v in result.verdicts:
        out.stylize(STYLES[v.verdict], v.mention.start, v.mention.end)
    return out


def visible(text: str) -> str:
    """Each control character (ESC …) as U+FFFD: shown, never obeyed, and every offset unchanged."""
    from drafter.io.limits import CONTROL

    return CONTROL.sub(lambda m: m.group() if m.group() == "\r" else "\ufffd", text)


def _line_of(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def problems_table(result: CheckResult, where: Callable[[int], str] | None = None) -> Table | None:
    """The problems; 行 is the line, or where it stands in a .docx/.pdf (段落 3, 表 1 行 4 列 5)."""
    problems = result.problems
    if not problems:
        return None
    table = Table(title="数字问题 Number problems", show_lines=False, expand=True)
    table.add_column("行", justify="right", no_wrap=True)
    table.add_column("文中", no_wrap=True)
    table.add_column("判定", no_wrap=True)
    table.add_column("应为", no_wrap=True)
    table.add_column("对应数据", overflow="fold")
    table.add_column("说明", overflow="fold", ratio=2)
    for v in problems:
        table.add_row(
            where(v.mention.start) if where else str(_line_of(result.text, v.mention.start)),
            Text(v.mention.text.strip(), style=STYLES[v.verdict]),
            VERDICT_NAMES[v.verdict],
            Text(v.expected or "—"),
            _fact(v),
            Text(_why(v)),
        )
    return table


def _why(v: Verdict) -> str:
    """The reason without the expected value the table already shows."""
    reason = v.reason
    if v.cause is Cause.WRONG_VALUE:
        reason = reason.split("）", 1)[1].lstrip("；")
    return reason or "—"


def _fact(v: Verdict) -> Text:
    """Label and id, as plain text: ids hold brackets that markup would swallow."""
    if not v.fact_id:
        return Text("—")
    return Text(f"{v.fact_label}\n{v.fact_id}" if v.fact_label else v.fact_id)


def findings_table(result: CheckResult) -> Table | None:
    rows = [f for f in result.audit if f.severity == "error"] + result.missing
    if not rows:
        return None
    table = Table(title="数据自身与缺项 Data findings and missing facts", expand=True)
    table.add_column("类别", no_wrap=True)
    table.add_column("说明", overflow="fold", ratio=3)
    table.add_column("数据项", overflow="fold")
    for f in rows:
        table.add_row("缺项" if f.kind == "missing" else "数据", Text(f.message), Text(f.fact_id or "—"))
    return table


def summary_line(result: CheckResult) -> Text:
    c = result.counts()
    checked = c["ok"] + c["mismatch"] + c["unsupported"] + c["hedge"]
    problems = len(result.problems) + len(result.audit_errors) + len(result.missing)
    style = "bold green" if result.ok else "bold red"
    head = "通过 PASS" if result.ok else f"发现 {problems} 个问题 FAIL"
    return Text.assemble(
        (head, style),
        f"  检查数字 {checked} 个：一致 {c['ok']}，不符 {c['mismatch']}，无依据 {c['unsupported']}，"
        f"约数有误 {c['hedge']}；表格中无法读出 {c['unreadable']} 个（请人工核对）；"
        f"略过 {c['ignored']} 个（年份以外的日期、序号、专名）；"
        f"数据自身问题 {len(result.audit_errors)}，缺项 {len(result.missing)}",
    )


def print_result(
    console: Console,
    result: CheckResult,
    *,
    show_text: bool = True,
    title: str = "",
    where: Callable[[int], str] | None = None,
) -> None:
    if title:
        console.rule(Text(title))  # a path, not markup
    if show_text:
        console.print(coloured_text(result))
        console.print()
    for table in (problems_table(result, where), findings_table(result)):
        if table is not None:
            console.print(table)
    console.print(summary_line(result))
