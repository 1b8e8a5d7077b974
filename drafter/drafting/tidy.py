"""Tidying a model's answer before it is checked: what the report must not carry, whatever the model did.

Models write Markdown (headings, bullets, bold) though told not to, repeat the section heading, and small
ones parrot the re-ask's instructions back ("数据中没有这个数，请删除") — text with no digits, which no
number check would catch. The report is plain paragraphs, so all of that goes, and what was removed is
recorded.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^\s*```.*$", re.MULTILINE)
_LINE_MARKUP = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]*|[-*+][ \t]+|>[ \t]?)")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_SENTENCE = re.compile(r"[^。！？；\n]*[。！？；]?")
# phrases only our own instructions use: a sentence holding one is an echo, not report text
ECHOES = (
    "数据中没有这个数", "请删除", "改用数据中列出的数字", "本部分须写明", "约数用法与数据不符", "请照此写",
    "请保留原数", "与数据不符，请按数据改正", "不要解释", "以下是", "修改后的", "改正后的",
    "不是报告正文", "只输出本部分", "不能作为报告正文", "请重新写这一部分", "不要重复",
)  # fmt: skip


def tidy(text: str, heading: str = "") -> tuple[str, list[str]]:
    """The answer as plain paragraphs, and notes on what was taken out."""
    notes: list[str] = []
    out = _FENCE.sub("", text)
    lines = []
    markup = False
    for line in out.splitlines():
        bare = _LINE_MARKUP.sub("", line)
        bare = _EMPHASIS.sub("", bare)
        markup = markup or bare != line
        lines.append(bare.strip())
    if markup:
        notes.append("去除了 Markdown 标记")
    title = re.sub(r"^[一二三四五六七八九十（）()\d、.．\s]+", "", heading)
    while lines and (not lines[0] or (title and title in lines[0] and len(lines[0]) <= len(heading) + 6)):
        if lines[0]:
            notes.append("去除了重复的标题")
        lines.pop(0)
    kept_lines = []
    echoed = 0
    for line in lines:
        sentences = [s for s in _SENTENCE.findall(line) if s]
        kept = [s for s in sentences if not any(e in s for e in ECHOES)]
        echoed += len(sentences) - len(kept)
        kept_lines.append("".join(kept).strip())
    if echoed:
        notes.append(f"去除了 {echoed} 句复述修改意见的文字")
    body = "\n".join(kept_lines)
    body = re.sub(r"\n{2,}", "\n", body).strip()
    return body, notes
