"""The prose check: is a model's answer report prose at all? Pure text in, findings out.

The number check proves figures; it cannot see an answer that is the prompt handed back, a loop, the
re-ask's problem list, another unit's report or code, since all of those can carry only right numbers.
Each check here names its reason (`Finding.reason`, a `ProseCheck` code):

    echo_prompt  the prompt's markers, instruction sentences, scaffolding lines or figure list
    echo_reask   the re-ask's numbered problems instead of the rewritten section
    heading      headings of other report chapters, of a few-shot passage, or the section's own
    markdown     tables, links, inline code, HTML: Markdown the tidying cannot make prose
    foreign      English or program code
    repetition   the same block again and again (character 10-gram repeat ratio, repeated sentences)
    runaway      far longer than the points it is written from
    truncated    cut off: at the answer length limit, or a last sentence without end punctuation
    stutter      a word written twice running (存在存在)
    enumerated   问题一：/原因： labels where running prose is asked for
    copied       most of the answer copied, verbatim or nearly, from the few-shot passages

and, not rejecting the answer: `coverage` (which of a theme's points it writes; a section that leaves
most of them out is flagged for review, not 通过) and `copied` for a few sentences (re-asked, then
marked 〔待核实〕 by the loop).

Every threshold is stated, with the measurements behind it, in its module's docstring; the example
reports' own sections all pass, the answers captured from a real small model fail
(tests/prose/, tests/fixtures/prose/). The drafting loop re-asks once with the findings
(`reask_text`) and otherwise falls back to the built-in writer. An answer with one or two sentences
restating an instruction and report prose otherwise loses those sentences (`strip_instructions`)
before it is judged, as the tidying drops parroted re-ask lines.
"""

from __future__ import annotations

from drafter.prose.copying import copied_sentences, copying
from drafter.prose.coverage import coverage, recall
from drafter.prose.echo import (
    headings,
    instruction_text,
    markup,
    prompt_echo,
    reask_echo,
    strip_instructions,
)
from drafter.prose.finding import Brief, Finding, ProseCheck
from drafter.prose.form import enumerated, outline_lines, own_heading, scaffolding, stutter, truncated
from drafter.prose.repetition import repetition

__all__ = [
    "Brief", "Finding", "ProseCheck", "check_prose", "copied_sentences", "fatal", "reask_text", "recall",
    "strip_instructions",
]  # fmt: skip


def check_prose(text: str, brief: Brief) -> list[Finding]:
    """Every finding on `text` (the answer after tidying), fatal ones first."""
    found = [
        *prompt_echo(text, brief),
        *scaffolding(text, brief, instruction_text(brief)),
        *reask_echo(text, brief),
        *headings(text, brief),
        *own_heading(text, brief),
        *markup(text),
        *repetition(text, brief),
        *truncated(text, brief),
        *stutter(text, brief.own),
        *enumerated(text),
        *outline_lines(text),
        *coverage(text, brief),
        *copying(text, brief),
    ]
    return sorted(found, key=lambda f: not f.fatal)


def fatal(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.fatal]


def reasons(findings: list[Finding]) -> str:
    """The findings in one line, for flags and the console: 复述了提示词的栏目标题；篇幅失控…"""
    seen: list[str] = []
    for f in findings:
        if f.message not in seen:
            seen.append(f.message)
    return "；".join(seen)


def reask_text(findings: list[Finding]) -> str:
    """The re-ask after an answer that is not report prose: what was wrong, then what to write."""
    lines = [f"- {f.message}" + (f"（如“{f.evidence}”）" if f.evidence else "") for f in fatal(findings)]
    return (
        "你刚才的回答不能作为报告正文，原因是：\n"
        + "\n".join(lines)
        + "\n请重新写这一部分：只输出本部分的报告正文，用连贯的段落写明每项工作要点及其数字，"
        "不要重复任务说明、数据清单、修改意见或参考范文，不要重复同一句话，不要使用标题、列表或Markdown格式。"
    )
