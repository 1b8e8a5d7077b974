"""The section loop: render → generate → check → re-ask → fix or mark, for all sections at once.

Sections are drafted concurrently (bounded). After each model answer the checker runs; problems go
back to the model as a targeted re-ask (the sentence, the number, what the data says), up to
`max_repairs` times. What still fails is fixed where a label binds the number to one fact, otherwise
its sentence is marked 〔待核实〕, and the section is flagged: nothing wrong is shipped silently.

Fatal endpoint errors (unreachable, wrong key, unknown model) stop the run; anything else that fails
one section falls back to the built-in writer for that section, and says so in its flags.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.check.ground import Grounder, check, make_grounder
from drafter.check.result import CheckResult, Verdict
from drafter.data.model import ReportData
from drafter.drafting.brief import brief
from drafter.drafting.repair import Fix, fix_or_mark, sentence_end, to_mark
from drafter.drafting.tidy import tidy
from drafter.facts.build import build_facts
from drafter.models.base import (
    AuthenticationFailed,
    BadResponse,
    ContextTooLong,
    EndpointUnreachable,
    Message,
    Model,
    ModelError,
    ModelNotFound,
    Request,
    Usage,
)
from drafter.models.config import Endpoint
from drafter.models.template import TemplateWriter
from drafter.prose import check_prose, fatal, reask_text, reasons, strip_instructions
from drafter.writing.outline import Outline, Section, required_facts
from drafter.writing.prompts import DEFAULT_FEWSHOT_TOKENS, Prompt, render_prompt, render_repair
from drafter.writing.provenance import Span, given_facts
from drafter.writing.sections import context

FATAL = (EndpointUnreachable, AuthenticationFailed, ModelNotFound)
COPY_REASK = "这句话照抄了参考范文（那是另一个单位的报告），请根据本单位的数据改写，或删除"
COPY_MARK = "〔待核实：本句照抄了参考范文，请核实是否符合本单位情况〕"
PROSE_NOTE = "文字检查："  # opens the flags and notes the prose check leaves on an accepted answer
PROSE_TAIL = 300  # characters of a rejected answer kept in the re-ask: enough to recognise, no context wasted


class ProseRejected(BadResponse):
    """The model's answers were not report prose (echo, loop, re-ask list…), after one re-ask."""


@dataclass
class Attempt:
    """One call to the writer, re-asks included."""

    n: int
    text: str
    usage: Usage
    seconds: float
    cost: Decimal | None
    problems: list[dict[str, Any]]
    raw: str = ""  # the answer as the model gave it, when tidying changed it (fixtures are made from these)
    finish_reason: str = ""  # the server's, when it is not a normal stop ("length": cut off)

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "text": self.text,
            **({"raw": self.raw} if self.raw and self.raw != self.text else {}),
            **({"finish_reason": self.finish_reason} if self.finish_reason not in ("", "stop") else {}),
            "seconds": round(self.seconds, 3),
            "usage": {
                "prompt_tokens": self.usage.prompt_tokens,
                "completion_tokens": self.usage.completion_tokens,
            },
            "cost": None if self.cost is None else str(self.cost),
            "problems": self.problems,
        }


@dataclass
class SectionDraft:
    """A section's state and result; updated in place while drafting."""

    section: Section
    status: str = "pending"  # pending, running, ok, repaired, flagged, heading, failed
    text: str = ""
    writer: str = ""
    prompt: Prompt | None = None
    attempts: list[Attempt] = field(default_factory=list)
    result: CheckResult | None = None
    fixes: list[Fix] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # what a reviewer must look at
    notes: list[str] = field(default_factory=list)  # what happened, for the record
    restored: dict[str, Any] | None = None  # a finished section read back from draft.json (--resume)
    hint: str = ""  # a reviewer's request for this draft (drafter regen): shown to the model as data
    revision: dict[str, Any] | None = None  # drafter regen: when, by whom, with which hint
    history: list[dict[str, Any]] = field(default_factory=list)  # earlier versions, oldest first

    @property
    def done(self) -> bool:
        return self.status not in ("pending", "running")

    @property
    def usage(self) -> Usage:
        return sum((a.usage for a in self.attempts), Usage())

    @property
    def corrections(self) -> list[Fix]:
        """Numbers drafter replaced by the data's value (each also marked 〔已更正〕 in the text).

        A section kept from an earlier run (--resume) lists the corrections its record holds.
        """
        if self.restored is not None and not self.fixes:
            return [
                Fix(
                    "replaced",
                    str(c.get("text", "")),
                    c.get("replacement"),
                    c.get("fact_id"),
                    str(c.get("reason", "")),
                )
                for c in self.restored.get("corrections", [])
                if isinstance(c, dict)
            ]
        return [f for f in self.fixes if f.action == "replaced"]

    @property
    def cost(self) -> Decimal | None:
        costs = [a.cost for a in self.attempts if a.cost is not None]
        return sum(costs, Decimal(0)) if costs else None

    def to_dict(self) -> dict[str, Any]:
        if self.restored is not None:
            return self.restored
        s = self.section
        out: dict[str, Any] = {
            "id": s.id,
            "heading": s.heading,
            "level": s.level,
            "kind": s.kind,
            "status": self.status,
            "writer": self.writer,
            "text": self.text,
            "flags": self.flags,
            "notes": self.notes,
            "attempts": [a.to_dict() for a in self.attempts],
            "usage": {
                "prompt_tokens": self.usage.prompt_tokens,
                "completion_tokens": self.usage.completion_tokens,
            },
            "cost": None if self.cost is None else str(self.cost),
            "fixes": [f.to_dict() for f in self.fixes],
            "corrections": [f.to_dict() for f in self.corrections],
        }
        if self.prompt is not None:
            out["prompt"] = {
                "template": self.prompt.template,
                "sha256": self.prompt.sha256,
                "tokens": self.prompt.tokens,
                "fewshot": list(self.prompt.fewshot),
            }
        if self.result is not None:
            out["check"] = {
                "ok": self.result.ok,
                "numbers": [_provenance(v) for v in self.result.verdicts if v.verdict != "ignored"],
                "missing": [f.to_dict() for f in self.result.missing],
            }
        if self.revision is not None:
            out["revision"] = self.revision
        if self.history:
            out["history"] = self.history
        return out


def _provenance(v: Verdict) -> dict[str, Any]:
    """Per number: what it is, and the fact or derivation it came from (or what was wrong)."""
    out: dict[str, Any] = {"text": v.mention.text, "verdict": v.verdict, "start": v.mention.start}
    if v.fact_id:
        out["fact"] = v.fact_id
    if v.derivation:
        out["derivation"] = v.derivation
    if v.verdict != "ok":
        out["expected"] = v.expected
        out["reason"] = v.reason
    return out


@dataclass
class Draft:
    """A whole draft: sections in outline order, and what drafting them cost."""

    title: str
    data_path: str
    writer: str
    endpoint: dict[str, str] | None
    sections: list[SectionDraft]
    data_sha256: str = ""
    started: float = field(default_factory=time.time)
    seconds: float = 0.0

    @property
    def usage(self) -> Usage:
        return sum((s.usage for s in self.sections), Usage())

    @property
    def cost(self) -> Decimal | None:
        costs = [c for s in self.sections if (c := s.cost) is not None]
        return sum(costs, Decimal(0)) if costs else None

    @property
    def flagged(self) -> list[SectionDraft]:
        return [s for s in self.sections if s.flags]

    @property
    def complete(self) -> bool:
        return all(s.done for s in self.sections)


def _problems(result: CheckResult) -> list[dict[str, Any]]:
    return [
        {
            "text": v.mention.text,
            "verdict": v.verdict,
            "expected": v.expected,
            "reason": v.reason,
            "sentence": v.sentence,
        }
        for v in result.problems
    ]


def _instruction(v: Verdict) -> str:
    if v.verdict == "unsupported":
        return "数据中没有这个数，请删除，或改用数据中列出的数字"
    if v.verdict == "hedge":
        return f"约数用法与数据不符，数据为“{v.expected}”，请照此写"
    if v.data_at_fault:
        return "此数与数据一致但数据自身有误，请保留原数，不要改动"
    return f"应为“{v.expected}”（{v.fact_label}）" if v.expected else "与数据不符，请按数据改正"


class Drafter:
    """Drafts the sections of one data file with one model (or the built-in writer)."""

    def __init__(
        self,
        data: ReportData,
        *,
        model: Model | None = None,
        endpoint: Endpoint | None = None,
        max_repairs: int = 2,
        concurrency: int = 4,
        fewshot_tokens: int = DEFAULT_FEWSHOT_TOKENS,
        prompts_dir: Path | None = None,
        on_update: Callable[[SectionDraft], None] | None = None,
        grounder: Grounder | None = None,
    ) -> None:
        self.data = data
        self.facts = build_facts(data)
        self.grounder = grounder or make_grounder(self.facts)
        self.fact_ids = [f.id for f in self.facts]
        self.model = model
        self.endpoint = endpoint
        self.writer = TemplateWriter(prompts_dir)
        self.max_repairs = max_repairs
        self.concurrency = max(1, concurrency)
        self.fewshot_tokens = fewshot_tokens
        self.prompts_dir = prompts_dir
        self.on_update = on_update or (lambda _: None)
        self.exclude_units = [n for n in (data.unit.name, data.unit.short_name) if n]

    def new_draft(
        self, outline: Outline, sections: list[Section], data_path: str, data_sha256: str = ""
    ) -> Draft:
        from jinja2.sandbox import SandboxedEnvironment

        title = SandboxedEnvironment().from_string(outline.title).render(unit=self.data.unit)
        endpoint = (
            None
            if self.endpoint is None
            else {"base_url": self.endpoint.display_url, "model": self.endpoint.model}  # no secrets
        )
        writer = self.model.name if self.model is not None else self.writer.name
        return Draft(title, data_path, writer, endpoint, [SectionDraft(s) for s in sections], data_sha256)

    async def run(self, draft: Draft) -> Draft:
        """Draft every pending section of `draft` concurrently; the draft is updated in place."""
        start = time.perf_counter()
        semaphore = asyncio.Semaphore(self.concurrency)  # made per run: a run can resume in a new event loop
        tasks = [asyncio.create_task(self._guarded(sd, semaphore)) for sd in draft.sections if not sd.done]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            draft.seconds += time.perf_counter() - start
        return draft

    async def _guarded(self, sd: SectionDraft, semaphore: asyncio.Semaphore) -> None:
        async with semaphore:
            sd.status = "running"
            self.on_update(sd)
            try:
                await self.draft_section(sd)
            except BaseException:
                if not sd.done:
                    sd.status, sd.writer = "pending", ""
                raise
            self.on_update(sd)

    async def draft_section(self, sd: SectionDraft) -> None:
        section = sd.section
        if not section.writes:
            sd.status, sd.writer = "heading", ""
            return
        ctx = context(section, self.data, self.facts)
        required = required_facts(section, self.fact_ids) if section.empty is None else set()
        use_model = self.model is not None and section.writer == "model" and section.empty is None
        if section.empty == "note":
            sd.flags.append("数据文件未提供本部分所需内容，已留待补充")
        if use_model:
            assert self.model is not None
            try:
                await self._with_model(sd, ctx, required)
                return
            except FATAL:
                raise
            except ModelError as exc:
                sd.flags.append(f"模型未能生成本部分（{exc.message}），已改用内置模板写作")
                sd.attempts.append(
                    Attempt(len(sd.attempts) + 1, "", Usage(), 0.0, None, [{"error": exc.message}])
                )
        await self._with_template(sd, ctx, required)

    async def _with_template(self, sd: SectionDraft, ctx: dict[str, Any], required: set[str]) -> None:
        sd.writer = self.writer.name
        generation = await self.writer.generate(Request((), sd.section.kind or "", ctx))
        result = check(generation.text, self.grounder, required=required)
        sd.attempts.append(
            Attempt(
                len(sd.attempts) + 1,
                generation.text,
                generation.usage,
                generation.seconds,
                None,
                _problems(result),
            )
        )
        self._finish(sd, generation.text, result, required, written=generation.provenance)

    async def _with_model(self, sd: SectionDraft, ctx: dict[str, Any], required: set[str]) -> None:
        assert self.model is not None
        sd.writer = self.model.name
        budget = self.fewshot_tokens
        sd.prompt = render_prompt(
            ctx,
            level=self.data.unit.level,
            exclude_units=self.exclude_units,
            fewshot_tokens=budget,
            root=self.prompts_dir,
            hint=sd.hint,
        )
        tail: list[Message] = []  # the last answer and its re-ask, after the prompt
        text, result, copied = "", None, []
        kept: tuple[str, CheckResult, list[str]] | None = None  # the last answer that passed the prose check
        prose_reasked = False
        first = len(sd.attempts) + 1  # attempts keep counting across a resumed run
        for n in range(first, first + self.max_repairs + 1):
            while True:
                try:
                    messages = (*sd.prompt.messages, *tail)
                    generation = await self.model.generate(Request(messages, sd.section.kind or "", ctx))
                    break
                except ContextTooLong:
                    if budget == 0:
                        raise
                    budget = budget // 2 if budget > 200 else 0  # fewer examples, then none
                    sd.prompt = render_prompt(
                        ctx,
                        level=self.data.unit.level,
                        exclude_units=self.exclude_units,
                        fewshot_tokens=budget,
                        root=self.prompts_dir,
                        hint=sd.hint,
                    )
                    sd.notes.append(f"提示词超出模型上下文，参考范文预算缩减为 {budget} tokens")
            text, tidied = tidy(generation.text, sd.section.heading)
            asked = tail[-1].content if tail else ""
            judged = brief(sd.prompt, ctx, asked, generation.finish_reason)
            text, restated = strip_instructions(text, judged)
            if restated:
                tidied.append(f"去除了 {restated} 句复述写作说明的文字")
            findings = check_prose(text, judged)
            cost = self.endpoint.cost(generation.usage) if self.endpoint is not None else None
            spent, finish = (generation.usage, generation.seconds, cost), generation.finish_reason
            if rejected := fatal(findings):  # not report prose: re-ask once, then the built-in writer
                said = [f.to_dict() for f in findings]
                sd.attempts.append(Attempt(n, generation.text, *spent, said, finish_reason=finish))
                self.on_update(sd)
                why = reasons(rejected)
                if prose_reasked or n >= first + self.max_repairs:
                    if kept is None:
                        raise ProseRejected(f"回答未通过文字检查：{why}")
                    text, result, copied = kept
                    sd.notes.append(f"第 {n} 次回答未通过文字检查（{why}），保留此前通过的回答")
                    break
                prose_reasked = True
                sd.notes.append(f"第 {n} 次回答未通过文字检查（{why}），已要求重写")
                tail = [
                    Message("assistant", generation.text[:PROSE_TAIL]),
                    Message("user", reask_text(rejected)),
                ]
                continue
            sd.notes.extend(note for note in tidied if note not in sd.notes)
            for f in findings:  # a partly covered section: recorded, flagged when most points are left out
                if f.reason == "coverage":
                    (sd.flags if f.review else sd.notes).append(f"{PROSE_NOTE}{f.message}（{f.evidence}）")
            result = check(text, self.grounder, required=required)
            copied = next((list(f.sentences) for f in findings if f.reason == "copied"), [])
            sd.attempts.append(Attempt(n, text, *spent, _problems(result), generation.text, finish))
            self.on_update(sd)
            sd.attempts[-1].problems.extend({"copied": c} for c in copied)
            kept = (text, result, copied)
            if (not result.problems and not result.missing and not copied) or n >= first + self.max_repairs:
                break
            problems = [
                {"sentence": v.sentence, "text": v.mention.text.strip(), "instruction": _instruction(v)}
                for v in result.problems
            ] + [{"sentence": c, "text": "整句", "instruction": COPY_REASK} for c in copied]
            missing = [
                {"label": self.facts[f.fact_id].label, "value": self.facts[f.fact_id].shown()}
                for f in result.missing
                if f.fact_id
            ]
            # the re-ask carries only the last answer: the conversation must not outgrow the context
            tail = [
                Message("assistant", text),
                Message("user", render_repair(problems, missing, self.prompts_dir)),
            ]
        assert result is not None
        self._finish(sd, text, result, required, copied, given=given_facts(ctx))

    def _finish(
        self,
        sd: SectionDraft,
        text: str,
        result: CheckResult,
        required: set[str],
        copied: Sequence[str] = (),
        *,
        given: Collection[str] = (),
        written: Sequence[Span] | None = None,
    ) -> None:
        """Ship the text if clean; otherwise fix or mark, and flag the section.

        `written`: the built-in writer's provenance (its numbers are never replaced); `given`: the
        facts a model section was written from (a given value under another label is marked).
        """
        for sentence in copied:  # another unit's sentence: left for the reviewer, marked
            at = text.find(sentence)
            if at >= 0:
                end = sentence_end(text, at + len(sentence))
                text = text[:end] + COPY_MARK + text[end:]
                sd.fixes.append(Fix("marked", sentence, None, None, "照抄了参考范文"))
        if copied:
            sd.flags.append(f"{len(copied)} 句照抄了参考范文，已标注〔待核实〕")
            result = check(text, self.grounder, required=required)
        if to_mark(result):
            text, fixes, result = fix_or_mark(text, self.grounder, required, given=given, written=written)
            sd.fixes += fixes
            replaced = sum(1 for f in fixes if f.action == "replaced")
            checker = sum(1 for f in fixes if f.mark == "writer")
            marked = sum(1 for f in fixes if f.action == "marked") - checker
            if replaced:
                sd.flags.append(f"{replaced} 个数字与数据不符，已按数据改正并标注〔已更正〕")
            if marked:
                sd.flags.append(f"{marked} 处数字无法核实，已在文中标注〔待核实〕")
            if checker:
                sd.flags.append(
                    f"{checker} 处数字由内置写作器按数据写出，检查未能确认其依据（检查器缺陷，请报告），"
                    "已在文中标注〔待核实〕"
                )
        if result.missing:
            sd.flags.append("未写明：" + "；".join(f.message.removeprefix("未写明") for f in result.missing))
        sd.text, sd.result = text, result
        fell_back = any("模型未能" in f for f in sd.flags)
        for_review = any(f.startswith(PROSE_NOTE) for f in sd.flags)  # left to a reviewer
        marked = any(f.action == "marked" for f in sd.fixes)
        if marked or result.missing or sd.section.empty == "note" or fell_back or for_review:
            sd.status = "flagged"
        elif sd.fixes:
            sd.status = "repaired"
        else:
            sd.status = "ok"
