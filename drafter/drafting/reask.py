"""The re-asks, built apart from the loops that send them: a function of what failed, and only of that.

`prose_reask` after an answer that is not report prose, `number_reask` after numbers or sentences that
failed the check (each with its sentence and what the data says). Both carry only the last answer, so
the conversation never outgrows the context. Used by the whole-section loop (drafter.drafting.run) and
the task loop (drafter.drafting.tasks).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from drafter.check.result import CheckResult, Verdict
from drafter.facts.build import FactBase
from drafter.models.base import Message
from drafter.prose import Finding, reask_text
from drafter.writing.prompts import render_repair

COPY_REASK = "这句话照抄了参考范文（那是另一个单位的报告），请根据本单位的数据改写，或删除"
PROSE_TAIL = 300  # characters of a rejected answer kept in the re-ask: enough to recognise, no context wasted


def instruction(v: Verdict) -> str:
    """What the re-ask says about one number that failed."""
    if v.verdict == "unsupported":
        return "数据中没有这个数，请删除，或改用数据中列出的数字"
    if v.verdict == "hedge":
        return f"约数用法与数据不符，数据为“{v.expected}”，请照此写"
    if v.data_at_fault:
        return "此数与数据一致但数据自身有误，请保留原数，不要改动"
    return f"应为“{v.expected}”（{v.fact_label}）" if v.expected else "与数据不符，请按数据改正"


def prose_reask(answer: str, rejected: list[Finding]) -> list[Message]:
    """The re-ask for an answer that is not report prose: its start, and what is wrong with it."""
    return [Message("assistant", answer[:PROSE_TAIL]), Message("user", reask_text(rejected))]


def number_reask(
    answer: str, result: CheckResult, copied: Sequence[str], facts: FactBase, prompts_dir: Path | None
) -> list[Message]:
    """The re-ask for an answer whose numbers or sentences failed: each one, and what the data says.

    It carries only the last answer: the conversation must not outgrow the context.
    """
    problems = [
        {"sentence": v.sentence, "text": v.mention.text.strip(), "instruction": instruction(v)}
        for v in result.problems
    ] + [{"sentence": c, "text": "整句", "instruction": COPY_REASK} for c in copied]
    missing = [
        {"label": facts[f.fact_id].label, "value": facts[f.fact_id].shown()}
        for f in result.missing
        if f.fact_id
    ]
    return [Message("assistant", answer), Message("user", render_repair(problems, missing, prompts_dir))]
