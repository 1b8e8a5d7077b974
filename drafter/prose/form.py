"""Form: an answer that reads as prose to the other checks but is not yet a section a clerk can keep.

What a small model left in an answer the loop once kept (存在的问题 of ziyang-2021, Qwen2.5 0.5B):

    本部分正文
    2021年度……自评中，存在存在的问题及原因分析如下：
    七、存在的问题及原因分析
    问题一：基本支出预算不足
    …
    原因：主要原因是部分项目预算绩效管理不够精

Each line shows one form, each checked here, each fatal (the loop re-asks, then falls back):

- `scaffolding`: a short line standing alone that is a piece of the prompt's own instructions
  (本部分正文 from "直接输出本部分正文"), not of the unit's material: the prompt's scaffolding, handed back.
  Only lines of at most `SCAFFOLD_MAX` characters without end punctuation count: a sentence that
  restates an instruction is `echo_prompt`'s business.
- `own heading`: the section's own heading inside its body (the tidying drops it only as the first line).
- `stutter`: a word of two to four characters written twice running (存在存在, 管理管理). Report Chinese
  has no such doubling (ABAB forms like 研究研究 are spoken, not written in a report); the one found in
  the example reports is a slip of the published hengyang-2023 report itself (预算绩效管理管理水平).
- `truncated`: the answer ends on a character or digit with no punctuation after it (不够精): it was cut
  off, whether or not the server said `length`. An end on ，or ： is left alone: the example reports'
  lines end so where a PDF broke a paragraph, and a model's answer almost never does.
- `enumerated`: 问题一：/措施二：/原因： labels opening lines, a form where the outline asks for 一是……二是……
  in running prose.
- `outline_lines`: an answer that is a list of numbered headings (一、深度家庭教育指导 / 二、开展系列主题活动
  …, no sentence in them) instead of the paragraph asked for, or that closes by describing itself
  (以上是……的关键要点和工作总结). The 0.5B model's kept 年度工作情况 of laoting-2023 was exactly this.
"""

from __future__ import annotations

import re

from drafter.prose.finding import Brief, Finding, ProseCheck, excerpt

SCAFFOLD_MAX = 12
TRUNCATED_MIN = 8  # characters of the last line: a one-word answer ("无") is whole, not cut off
_END = "。！？!?；;…"
_CLOSERS = "”’」』）)】"
_STUTTER = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
_ENUMERATED = re.compile(
    r"(?m)^\s*(?:(?:问题|措施|建议|举措|方面|原因|对策)[一二三四五六七八九十\d]{0,2}|其[一二三四五六七八九十])[：:]"
)
_PROSE = re.compile(r"[\u4e00-\u9fff]")
_NUMBERING = re.compile(r"^[\s一二三四五六七八九十（）()\d、.．]+")
PROSE_PER_HEADING = 20  # characters of other lines per heading line: fewer, and the headings are the answer
HEADING_LINE_MAX = 20  # characters of a numbered line with no sentence in it: a heading, not prose
_NUMBERED_LINE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．])"
)
_SELF_DESCRIBED = re.compile(
    r"(?:^|[。！？\n])\s*(?:以上|上述)(?:是|为|就是|即为|内容)[^。\n]{0,40}(?:要点|总结|内容|报告|段落|一段)"
)


def _bare_heading(line: str) -> str:
    return _NUMBERING.sub("", line).strip().rstrip("：:").strip()


def scaffolding(text: str, brief: Brief, instructions: str) -> list[Finding]:
    """Short lines that are pieces of the prompt's instructions, not of the unit's material."""
    own = brief.own
    found = []
    for line in text.splitlines():
        line = line.strip().rstrip("：:")
        short = 2 <= len(line) <= SCAFFOLD_MAX and line[-1] not in _END
        if short and line in instructions and line not in own:
            found.append(line)
    if not found:
        return []
    return [Finding(ProseCheck.ECHO_PROMPT, "复述了提示词的栏目标题", excerpt("；".join(found)))]


def own_heading(text: str, brief: Brief) -> list[Finding]:
    """The section's own heading standing as a line of its body."""
    title = _bare_heading(brief.heading)
    if len(title) < 2:
        return []
    lines = [line.strip() for line in text.splitlines()]
    limit = len(brief.heading) + 6
    found = [line for line in lines if line and len(line) <= limit and _bare_heading(line) == title]
    if not found:
        return []
    return [Finding(ProseCheck.HEADING, "正文中重复了本部分的标题", excerpt(found[0]))]


def stutter(text: str, own: str = "") -> list[Finding]:
    """A word written twice running: 存在存在的问题. One the unit's own material already holds (hengyang's
    data says 预算绩效管理管理水平) is the unit's wording, quoted: not the model's slip to reject."""
    found = [m.group() for m in _STUTTER.finditer(text) if m.group() not in own]
    if not found:
        return []
    return [Finding(ProseCheck.STUTTER, f"词语重复（{len(found)} 处）", excerpt("；".join(found)))]


def truncated(text: str, brief: Brief) -> list[Finding]:
    """Cut off: the server said `length`, or the last sentence has no end punctuation."""
    body = text.rstrip()
    last = body.rstrip(_CLOSERS)
    if brief.finish_reason == "length":
        return [Finding(ProseCheck.TRUNCATED, "回答达到长度上限被截断", excerpt(body[-40:]))]
    if len(body) > TRUNCATED_MIN and not any(c in body for c in "。！？!?") and not body.endswith("."):
        # not one finished sentence (…提出以下几点工作的总结：\n数字总结): an announcement, not an answer
        return [Finding(ProseCheck.TRUNCATED, "回答中没有一句完整的话", excerpt(body[-40:]))]
    tail = body.rpartition("\n")[2].strip()
    if tail.startswith("|") or tail.endswith(("|", "}", ")")) or not _PROSE.search(tail):
        return []  # a table row, code or a line of no Chinese ends it: markup's business, not a cut
    if len(tail) >= TRUNCATED_MIN and last[-1].isalnum():  # 不够精: mid-word
        return [Finding(ProseCheck.TRUNCATED, "最后一句没有结束标点，回答不完整", excerpt(body[-40:]))]
    return []


def enumerated(text: str) -> list[Finding]:
    """问题一：… lines where running prose (一是……二是……) is asked for."""
    found = [m.group().strip() for m in _ENUMERATED.finditer(text)]
    if not found:
        return []
    message = f"用“{found[0]}”式条目罗列，应写成连贯段落（一是……二是……）"
    return [Finding(ProseCheck.ENUMERATED, message, excerpt("；".join(found)))]


def outline_lines(text: str) -> list[Finding]:
    """Numbered heading lines standing for the paragraph, or a closing sentence about the answer itself."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    heads = [
        line
        for line in lines
        if _NUMBERED_LINE.match(line)
        and len(line) <= HEADING_LINE_MAX
        and not any(c in line for c in "。；;，,")
    ]
    found: list[Finding] = []
    prose = sum(len(line) for line in lines if line not in heads)
    if len(heads) >= 2 and prose < PROSE_PER_HEADING * len(heads):  # headings with no paragraphs under them
        message = f"写成了 {len(heads)} 行标题式条目，没有写成段落"
        found.append(Finding(ProseCheck.HEADING, message, excerpt("；".join(heads[:3]))))
    said = _SELF_DESCRIBED.search(text)
    if said:
        found.append(
            Finding(ProseCheck.ECHO_PROMPT, "以说明回答本身的句子结尾（以上是……）", excerpt(said.group()))
        )
    return found
