"""The section loop: render → generate → check → re-ask → fix or mark, for all sections at once.

Sections are drafted concurrently (bounded). After each model answer the checker runs; problems go
back to the model as a targeted re-ask (the sentence, the number, what the data says), up to
`max_repairs` times. What still fails is fixed where a label binds the number to one fact, otherwise
its sentence is marked 〔待核实〕, and the section is flagged: nothing wrong is shipped silently.

Fatal endpoint errors (unreachable, wrong key, unknown model) stop the run; anything else that fails
one section falls back to the built-in writer for that section, and says so in its flags.

A model section runs named steps, like a validation runner: prepare (render the prompt) → call
(shrinking the examples when the prompt is too long) → parse (tidy, drop restated instructions) →
validate (the prose check, then the number check) → re-ask. The re-ask is built apart from the loop
(`prose_reask`, `number_reask`): a function of what failed, and only of that. The draft's state
(SectionDraft, Draft) is in drafter.drafting.record.
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
from drafter.check.result import CheckResult
from drafter.data.model import ReportData
from drafter.drafting.brief import brief
from drafter.drafting.codes import Code, Remark
from drafter.drafting.reask import number_reask, prose_reask
from drafter.drafting.record import Attempt, Draft, SectionDraft, problems_of
from drafter.drafting.repair import Fix, fix_or_mark, sentence_end, to_mark
from drafter.drafting.tasks import TaskSettings, counting, mark_misplaced, write_tasks
from drafter.drafting.tidy import tidy
from drafter.facts.build import build_facts
from drafter.models.base import (
    AuthenticationFailed,
    BadResponse,
    ContextTooLong,
    EndpointUnreachable,
    Generation,
    Message,
    Model,
    ModelError,
    ModelNotFound,
    Request,
    Usage,
)
from drafter.models.config import Endpoint
from drafter.prose import Finding, check_prose, fatal, reasons, strip_instructions
from drafter.writing.builtin import TemplateWriter
from drafter.writing.gaps import gap_note
from drafter.writing.outline import Outline, Section, required_facts
from drafter.writing.prompts import DEFAULT_FEWSHOT_TOKENS, Prompt, render_prompt
from drafter.writing.provenance import Span, given_facts
from drafter.writing.sections import context
from drafter.writing.tasks import has_tasks, nothing_to_write

__all__ = ["COPY_MARK", "Drafter", "ProseRejected", "number_reask", "prose_reask"]

FATAL = (EndpointUnreachable, AuthenticationFailed, ModelNotFound)
COPY_MARK = "〔待核实：本句照抄了参考范文，请核实是否符合本单位情况〕"
PROSE_NOTE = "文字检查："  # opens the flags and notes the prose check leaves on an accepted answer


class ProseRejected(BadResponse):
    """The model's answers were not report prose (echo, loop, re-ask list…), after one re-ask."""


@dataclass
class Turn:
    """One model answer after the parse step: as given, tidied, and what the prose check found."""

    generation: Generation
    text: str
    tidied: list[Remark]
    findings: list[Finding]
    cost: Decimal | None

    @property
    def spent(self) -> tuple[Usage, float, Decimal | None]:
        return self.generation.usage, self.generation.seconds, self.cost


@dataclass
class Loop:
    """One section's re-ask loop: what the next call sends, and the last answer that passed."""

    ctx: dict[str, Any]
    required: set[str]
    budget: int  # few-shot tokens of the prompt
    first: int  # attempts keep counting across a resumed run
    last: int
    tail: list[Message] = field(default_factory=list)  # the last answer and its re-ask, after the prompt
    kept: tuple[str, CheckResult, list[str]] | None = None  # the last answer that passed the prose check
    prose_reasked: bool = False


def _clean(result: CheckResult, copied: Sequence[str]) -> bool:
    return not result.problems and not result.missing and not copied


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
        small_tasks: bool = False,
        slots: bool = True,
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
        self.small_tasks = small_tasks  # a section as a few small calls (drafter.writing.tasks)
        self.slots = slots  # ... with its figures as slots the tool fills in (drafter.drafting.slots)

    def new_draft(
        self, outline: Outline, sections: list[Section], data_path: str, data_sha256: str = ""
    ) -> Draft:
        from jinja2.sandbox import SandboxedEnvironment

        env = SandboxedEnvironment()
        title = env.from_string(outline.title).render(unit=self.data.unit)
        endpoint = (
            None
            if self.endpoint is None
            else {"base_url": self.endpoint.display_url, "model": self.endpoint.model}  # no secrets
        )
        writer = self.model.name if self.model is not None else self.writer.name
        draft = Draft(title, data_path, writer, endpoint, [SectionDraft(s) for s in sections], data_sha256)
        draft.preamble = env.from_string(outline.preamble).render(unit=self.data.unit).strip()
        draft.closing = env.from_string(outline.closing).render(unit=self.data.unit).strip()
        return draft

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
        use_model = use_model and not (self.small_tasks and nothing_to_write(ctx))
        if section.empty == "note":
            sd.flags.append(Remark("数据文件未提供本部分所需内容，已留待补充", Code.NOTHING_IN_DATA))
        if use_model:
            assert self.model is not None
            try:
                await self._with_model(sd, ctx, required)
                return
            except FATAL:
                raise
            except ModelError as exc:
                sd.flags.append(
                    Remark(f"模型未能生成本部分（{exc.message}），已改用内置模板写作", Code.WRITER_FALLBACK)
                )
                sd.attempts.append(
                    Attempt(len(sd.attempts) + 1, "", Usage(), 0.0, None, [{"error": exc.message}])
                )
        await self._with_template(sd, ctx, required)

    async def _with_template(self, sd: SectionDraft, ctx: dict[str, Any], required: set[str]) -> None:
        sd.writer = self.writer.name
        generation = await self.writer.generate(Request((), sd.section.kind or "", ctx))
        result = check(generation.text, self.grounder, required=required, drafted=True)
        sd.attempts.append(
            Attempt(
                len(sd.attempts) + 1,
                generation.text,
                generation.usage,
                generation.seconds,
                None,
                problems_of(result),
            )
        )
        _flag_gaps(sd, generation.gaps)
        self._finish(sd, generation.text, result, required, written=generation.provenance)

    async def _with_model(self, sd: SectionDraft, ctx: dict[str, Any], required: set[str]) -> None:
        """prepare → (call → parse → validate → re-ask)…, until an answer passes or the re-asks run out."""
        assert self.model is not None
        sd.writer = self.model.name
        if self.small_tasks and has_tasks(sd.section.kind):
            await self._with_tasks(sd, ctx, required)
            return
        first = len(sd.attempts) + 1
        loop = Loop(ctx, required, self.fewshot_tokens, first, first + self.max_repairs)
        sd.prompt = self._prepare(ctx, loop.budget, sd.hint)
        for n in range(loop.first, loop.last + 1):
            turn = self._parse(sd, loop, await self._call(sd, loop))
            if rejected := fatal(turn.findings):  # not report prose: re-ask once, then the built-in writer
                if self._prose_rejected(sd, loop, n, turn, rejected):
                    continue
                break
            text, result, copied = loop.kept = self._validate(sd, loop, n, turn)
            if _clean(result, copied) or n >= loop.last:
                break
            loop.tail = number_reask(text, result, copied, self.facts, self.prompts_dir)
        assert loop.kept is not None
        text, result, copied = loop.kept
        if gaps := tuple(ctx.get("required_gaps", ())):  # required facts the data lacks: asked for
            text = f"{text}\n{gap_note(gaps)}"
            _flag_gaps(sd, gaps)
        self._finish(sd, text, result, required, copied, given=given_facts(ctx))

    async def _with_tasks(self, sd: SectionDraft, ctx: dict[str, Any], required: set[str]) -> None:
        """The section as small tasks, assembled by the tool; then checked and shipped as any answer."""
        assert self.model is not None
        settings = TaskSettings(
            self.model, self.grounder, self.facts, self.endpoint, self.data.unit.level, self.exclude_units,
            self.fewshot_tokens, self.max_repairs, self.prompts_dir, self.slots, self.on_update,
        )  # fmt: skip
        written = await write_tasks(settings, sd, ctx, required)
        text = mark_misplaced(sd, written.text, written.wrong)
        result = check(text, self.grounder, required=required)
        self._finish(sd, text, result, required, written.copied, given=given_facts(ctx))

    def _prepare(self, ctx: dict[str, Any], budget: int, hint: str) -> Prompt:
        """The prompt, with `budget` tokens of few-shot examples."""
        return render_prompt(
            ctx,
            level=self.data.unit.level,
            exclude_units=self.exclude_units,
            fewshot_tokens=budget,
            root=self.prompts_dir,
            hint=hint,
        )

    async def _call(self, sd: SectionDraft, loop: Loop) -> Generation:
        """One model call; a prompt too long for the model is sent again with fewer examples, then none."""
        assert self.model is not None and sd.prompt is not None
        while True:
            try:
                messages = (*sd.prompt.messages, *loop.tail)
                streamed = counting(sd, self.on_update)
                return await self.model.generate(
                    Request(messages, sd.section.kind or "", loop.ctx, on_text=streamed)
                )
            except ContextTooLong:
                if loop.budget == 0:
                    raise
                loop.budget = loop.budget // 2 if loop.budget > 200 else 0  # fewer examples, then none
                sd.prompt = self._prepare(loop.ctx, loop.budget, sd.hint)
                sd.notes.append(
                    Remark(
                        f"提示词超出模型上下文，参考范文预算缩减为 {loop.budget} tokens", Code.CONTEXT_SHRUNK
                    )
                )

    def _parse(self, sd: SectionDraft, loop: Loop, generation: Generation) -> Turn:
        """Tidy the answer, drop sentences restating the instructions, and run the prose check."""
        assert sd.prompt is not None
        text, tidied = tidy(generation.text, sd.section.heading)
        asked = loop.tail[-1].content if loop.tail else ""
        judged = brief(sd.prompt, loop.ctx, asked, generation.finish_reason)
        text, restated = strip_instructions(text, judged)
        if restated:
            tidied.append(f"去除了 {restated} 句复述写作说明的文字")
        cost = self.endpoint.cost(generation.usage) if self.endpoint is not None else None
        remarks = [Remark(note, Code.TIDIED) for note in tidied]
        return Turn(generation, text, remarks, check_prose(text, judged), cost)

    def _prose_rejected(
        self, sd: SectionDraft, loop: Loop, n: int, turn: Turn, rejected: list[Finding]
    ) -> bool:
        """Record an answer that is not report prose; True when it is re-asked, False to keep the last
        answer that passed (none: ProseRejected, and the built-in writer takes the section)."""
        said = [f.to_dict() for f in turn.findings]
        finish = turn.generation.finish_reason
        sd.attempts.append(Attempt(n, turn.generation.text, *turn.spent, said, finish_reason=finish))
        self.on_update(sd)
        why = reasons(rejected)
        if loop.prose_reasked or n >= loop.last:
            if loop.kept is None:
                raise ProseRejected(f"回答未通过文字检查：{why}")
            sd.notes.append(Remark(f"第 {n} 次回答未通过文字检查（{why}），保留此前通过的回答", Code.PROSE))
            return False
        loop.prose_reasked = True
        sd.notes.append(Remark(f"第 {n} 次回答未通过文字检查（{why}），已要求重写", Code.PROSE))
        loop.tail = prose_reask(turn.generation.text, rejected)
        return True

    def _validate(
        self, sd: SectionDraft, loop: Loop, n: int, turn: Turn
    ) -> tuple[str, CheckResult, list[str]]:
        """Report prose: note what tidying did and what the coverage check found, check every number."""
        sd.notes.extend(note for note in turn.tidied if note not in sd.notes)
        for f in turn.findings:  # a partly covered section: recorded, flagged when most points are left out
            if f.reason == "coverage":
                remark = Remark(f"{PROSE_NOTE}{f.message}（{f.evidence}）", Code.PROSE)
                (sd.flags if f.review else sd.notes).append(remark)
        result = check(turn.text, self.grounder, required=loop.required, drafted=True)
        copied = next((list(f.sentences) for f in turn.findings if f.reason == "copied"), [])
        finish = turn.generation.finish_reason
        sd.attempts.append(
            Attempt(n, turn.text, *turn.spent, problems_of(result), turn.generation.text, finish)
        )
        self.on_update(sd)
        sd.attempts[-1].problems.extend({"copied": c} for c in copied)
        return turn.text, result, copied

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
        if copied:
            text = self._mark_copied(sd, text, copied)
            result = check(text, self.grounder, required=required, drafted=True)
        if to_mark(result):
            text, fixes, result = fix_or_mark(text, self.grounder, required, given=given, written=written)
            sd.fixes += fixes
            _flag_fixes(sd, fixes)
        if result.missing:
            sd.flags.append(
                Remark(
                    "未写明：" + "；".join(f.message.removeprefix("未写明") for f in result.missing),
                    Code.NOT_WRITTEN,
                )
            )
        sd.text, sd.result = text, result
        sd.status = _status(sd, result)

    def _mark_copied(self, sd: SectionDraft, text: str, copied: Sequence[str]) -> str:
        """Another unit's sentences: left for the reviewer, marked, and the section flagged."""
        for sentence in copied:
            at = text.find(sentence)
            if at >= 0:
                end = sentence_end(text, at + len(sentence))
                text = text[:end] + COPY_MARK + text[end:]
                sd.fixes.append(Fix("marked", sentence, None, None, "照抄了参考范文"))
        sd.flags.append(Remark(f"{len(copied)} 句照抄了参考范文，已标注〔待核实〕", Code.COPIED))
        return text


def _flag_gaps(sd: SectionDraft, gaps: Sequence[str]) -> None:
    """Items the section needs that the data lacks (marked 〔待补充〕 in its text): for the reviewer."""
    if gaps:
        sd.flags.append(Remark(f"数据文件缺少{'、'.join(gaps)}，已在文中标注〔待补充〕", Code.DATA_GAP))


def _flag_fixes(sd: SectionDraft, fixes: list[Fix]) -> None:
    """One flag per kind of fix: numbers corrected, numbers marked, the built-in writer's unconfirmed."""
    replaced = sum(1 for f in fixes if f.action == "replaced")
    checker = sum(1 for f in fixes if f.mark == "writer")
    marked = sum(1 for f in fixes if f.action == "marked") - checker
    if replaced:
        sd.flags.append(Remark(f"{replaced} 个数字与数据不符，已按数据改正并标注〔已更正〕", Code.CORRECTED))
    if marked:
        sd.flags.append(Remark(f"{marked} 处数字无法核实，已在文中标注〔待核实〕", Code.UNVERIFIED))
    if checker:
        sd.flags.append(
            Remark(
                f"{checker} 处数字由内置写作器按数据写出，检查未能确认其依据（检查器缺陷，请报告），"
                "已在文中标注〔待核实〕",
                Code.CHECKER_GAP,
            )
        )


def _status(sd: SectionDraft, result: CheckResult) -> str:
    """flagged when a reviewer must look (marks, gaps, fallback, prose to review); else repaired or ok."""
    for_review = sd.flagged_for(Code.PROSE)  # the prose check left it to a reviewer
    marked = any(f.action == "marked" for f in sd.fixes) or sd.flagged_for(Code.DATA_GAP)
    if marked or result.missing or sd.section.empty == "note" or sd.writer_fallback or for_review:
        return "flagged"
    if sd.fixes:
        return "repaired"
    return "ok"
