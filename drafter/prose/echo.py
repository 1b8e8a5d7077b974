"""Echoes: the answer hands back our prompt, our re-ask, headings, Markdown or code instead of prose.

A small model asked for one section often returns the prompt itself (its markers, its rules, the
figure list as the prompt shows it: "7名（共救助了7名“两癌”贫困）：7名"), the re-ask's numbered list of
problems, headings of the whole report, or, being a coder model, code. None of it carries a wrong
number, so the number check passes it; each is caught here by its form.

Sentences are compared by character 8-gram overlap (`grams.GRAM`), not verbatim: the model rewords
(以下 for 下列) and drops punctuation. An instruction sentence counts as echoed when at least
`ECHO_SHARE` of its 8-grams (those not in the unit's own material, which the answer may reuse) stand in
the answer and it has at least `ECHO_MIN_GRAMS` of them: a report paragraph shares a stray phrase with
an instruction ("部门整体支出绩效"), never half of one. A clause of `ECHO_MIN_GRAMS` 8-grams or more
(eleven characters) echoed at `CLAUSE_ECHO_SHARE` counts too: the model keeps the instruction and drops
a clause ("请根据以下工作要点，写成一段连贯、正式的工作总结"). Both are checked on every example passage
against its own unit's prompts (tests/prose/test_good_answers.py): the highest shares any example
paragraph reaches are 0.04 for a sentence and 0.15 for a clause; the captured echoes reach 1.0.
"""

from __future__ import annotations

import re

from drafter.prose.finding import Brief, Finding, ProseCheck, excerpt
from drafter.prose.grams import grams, sentences, share_in, union

ECHO_SHARE = 0.5
CLAUSE_ECHO_SHARE = 0.6
ECHO_MIN_GRAMS = 4
_CLAUSE = re.compile(r"[，,：:]")

# the prompt's own headings, as models echo them: as a line, bracketed or not, with or without a colon
_MARKER_WORDS = (
    "任务", "任务说明", "工作要点", "本主题工作要点", "数据", "本节可用的数据", "可用数据", "工作总结",
    "写作要求", "要求", "参考范文", "范文", "说明", "正文", "报告正文", "输出",
)  # fmt: skip
_MARKER_LINE = re.compile(
    r"^[\s#*>\-\d.、()（）]*[【\[]?(?:" + "|".join(sorted(_MARKER_WORDS, key=len, reverse=True)) + r")"
    r"[】\]]?\s*(?:[:：].*)?$"
)
_FIXED_MARKERS = (
    "【任务】", "【本节可用的数据】", "【写作要求】", "【参考范文】", "【本主题工作要点", "——《",
)  # fmt: skip
_BRACKETED = re.compile(r"【[^】\n]{1,30}】")
# the header of a few-shot passage (——《乐亭县妇联2023年度报告》节选——), however its marks are mangled
_PASSAGE_HEADER = re.compile(r"\d{4}年度报告》?\s*节选")
# a figure as the prompt lists it: the value, the clause it came from in brackets, a colon, the value
_FIGURE_LINE = re.compile(
    r"(?P<v>\d[\d.,]*[^\s\d（）()：:，,。]{0,4})[（(][^（）()\n]{1,60}[）)][:：]\s*(?P=v)"
)
# the re-ask's numbered problems: 1. 句子“…”中的“7名”：应为“8名”
_REASK_ITEM = re.compile(r"句子“|”中的“[^”\n]{1,30}”[:：]|本部分须写明|照抄了参考范文（")
_QUOTED = re.compile(r"“[^”]*”")
# the report's own chapter headings: one inside a section's answer means the model wrote the report
_CHAPTERS = (
    "基本情况", "主要职责", "机构、人员情况", "一般公共预算支出", "政府性基金预算", "国有资本经营预算",
    "社会保险基金预算", "部门整体支出绩效情况", "年度工作情况", "存在的问题", "改进措施", "下一步",
    "其他需要说明", "自评结论", "绩效自评报告", "基本支出", "项目支出",
)  # fmt: skip
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])")
_MARKDOWN = re.compile(
    r"(?m)^\s*\|.*\|\s*$|^\s*\|?\s*:?-{3,}:?\s*\|"  # tables
    r"|\[[^\]\n]+\]\([^)\n]+\)"  # links
    r"|`[^`\n]+`"  # inline code
    r"|</?[a-zA-Z][a-zA-Z0-9]*[^>\n]*>"  # HTML
    r"|^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$"  # rules
)
_CODE = re.compile(
    r"(?m)^\s*(?:def |class |import |from \w+ import|return\b|print\(|function\b|const |let |var "
    r"|#include|public |private )|[{}]\s*$|==|=>|\w\(\)"  # not ";": some models end Chinese lines with it
)
_LATIN = re.compile(r"[A-Za-z]")
FOREIGN_SHARE = 0.05  # of the answer's characters; the example reports' highest is 0.0006
FOREIGN_MIN = 20  # letters: a few acronyms (PPT, APP) are Chinese report prose


def instruction_text(brief: Brief) -> str:
    """The instructions of the prompt: system message and user message without the unit's material
    (its "- " lines) and without the few-shot passages (their sentences are `copying`'s business)."""
    prompt = brief.prompt.partition("【参考范文】")[0]
    lines = [line for line in prompt.splitlines() if not line.lstrip().startswith("- ")]
    return "\n".join([brief.system, *lines])


def _echoed(source: str, answer_grams: set[str], own: set[str]) -> list[str]:
    """Sentences of `source` echoed whole (`ECHO_SHARE`), or with one of their clauses echoed
    (`CLAUSE_ECHO_SHARE`: the model keeps the instruction and drops a clause of it)."""
    out = []
    for sentence in sentences(source):
        share, counted = share_in(sentence, answer_grams, own)
        clauses = [share_in(c, answer_grams, own) for c in _CLAUSE.split(sentence)]
        if (counted >= ECHO_MIN_GRAMS and share >= ECHO_SHARE) or any(
            n >= ECHO_MIN_GRAMS and s >= CLAUSE_ECHO_SHARE for s, n in clauses
        ):
            out.append(sentence)
    return out


_ANSWER_SENTENCE = re.compile(r"[^。！？；\n]*[。！？；]?\n?")
STRIP_MAX = 1 / 3  # of the answer's characters: more echoed than that, and the answer is an echo


def strip_instructions(text: str, brief: Brief) -> tuple[str, int]:
    """The answer without its sentences that restate an instruction ("本部分是“年度工作情况”中的一个
    主题…"), and how many went; unchanged when they are more than `STRIP_MAX` of it (then it is an
    echo, not a section with an echoed line, and the check rejects it). A sentence goes when
    `ECHO_SHARE` of its 8-grams (not counting the unit's own material) are the instructions'."""
    pool = grams(instruction_text(brief))
    own = union([brief.own])
    kept, dropped, removed = [], 0, 0
    for sentence in _ANSWER_SENTENCE.findall(text):
        share, counted = share_in(sentence, pool, own)
        if counted >= ECHO_MIN_GRAMS and share >= ECHO_SHARE:
            dropped += 1
            removed += len(sentence.strip())
            kept.append("\n" if sentence.endswith("\n") else "")
        else:
            kept.append(sentence)
    if not dropped or removed > STRIP_MAX * len(text.strip()):
        return text, 0
    return re.sub(r"\n{2,}", "\n", "".join(kept)).strip(), dropped


def prompt_echo(text: str, brief: Brief) -> list[Finding]:
    found: list[Finding] = []
    markers = [m for m in _FIXED_MARKERS if m in text] + _PASSAGE_HEADER.findall(text)
    markers += [m for m in _BRACKETED.findall(text) if m in brief.prompt and m not in markers]
    markers += [line.strip() for line in text.splitlines() if _MARKER_LINE.match(line.strip())]
    if markers:
        found.append(Finding(ProseCheck.ECHO_PROMPT, "复述了提示词的栏目标题", excerpt("；".join(markers))))
    own = union([brief.own])
    echoed = _echoed(instruction_text(brief), grams(text), own)
    if echoed:
        message = f"照抄了提示词中的写作说明（{len(echoed)} 句）"
        found.append(Finding(ProseCheck.ECHO_PROMPT, message, excerpt(echoed[0])))
    figures = [m.group() for m in _FIGURE_LINE.finditer(text)]
    if figures:
        found.append(
            Finding(
                ProseCheck.ECHO_PROMPT, f"照抄了提示词中的数据清单（{len(figures)} 条）", excerpt(figures[0])
            )
        )
    return found


def reask_echo(text: str, brief: Brief) -> list[Finding]:
    items = [m.group() for m in _REASK_ITEM.finditer(text)]
    echoed = []
    if brief.reask:
        instructions = _QUOTED.sub("“”", brief.reask)  # the quoted sentences are the answer's own
        echoed = _echoed(instructions, grams(text), union([brief.own]))
    if not items and not echoed:
        return []
    evidence = excerpt(echoed[0]) if echoed else excerpt(items[0])
    return [Finding(ProseCheck.ECHO_REASK, "复述了修改意见（问题清单）而不是改写正文", evidence)]


def headings(text: str, brief: Brief) -> list[Finding]:
    """Lines that are headings of the report (another chapter) or of a few-shot passage."""
    own_title = brief.heading
    out = []
    passage_titles = {
        line.strip()
        for p in brief.passages
        for line in p.splitlines()
        if 4 <= len(line.strip()) <= 40 and not line.strip().endswith("。")
    }
    for line in text.splitlines():
        line = line.strip()
        if not line or line.endswith(("。", "；")) or len(line) > 40:
            continue
        # a numbered line naming another chapter, or an unnumbered label line that is one ("改进措施："
        # inside 存在的问题: a small model writing the next chapters too)
        label = line.rstrip("：:").strip()
        bare = len(label) <= 12 and line != label and not any(ch.isdigit() for ch in label)
        named = any(c in line and c not in own_title for c in _CHAPTERS)
        chapter = named and (_NUMBERED.match(line) or bare)
        if chapter or (line in passage_titles and line not in brief.own):
            out.append(line)
    if not out:
        return []
    message = f"写入了报告其他部分或参考范文的标题（{len(out)} 个）"
    return [Finding(ProseCheck.HEADING, message, excerpt("；".join(out)))]


def markup(text: str) -> list[Finding]:
    """Markdown the tidying cannot turn into prose (tables, links, code, HTML) and code itself."""
    found = []
    marks = [m.group() for m in _MARKDOWN.finditer(text)]
    if marks:
        found.append(Finding(ProseCheck.MARKDOWN, "含有表格、链接、代码等 Markdown 标记", excerpt(marks[0])))
    code = [m.group() for m in _CODE.finditer(text)]
    latin = len(_LATIN.findall(text))
    if code or (latin >= FOREIGN_MIN and latin > FOREIGN_SHARE * max(1, len(text))):
        evidence = code[0] if code else " ".join(re.findall(r"[A-Za-z][A-Za-z ]{3,}", text)[:3])
        found.append(Finding(ProseCheck.FOREIGN, "含有英文或程序代码", excerpt(evidence)))
    return found
