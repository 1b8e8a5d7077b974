"""The paragraph inside a small model's answer that mirrors its prompt.

Asked for one paragraph, a 0.5B model often answers in the prompt's own shape: the task restated, a
label (工作要点：), the unit's points copied back as "- " lines, a label (工作总结：), then the paragraph it
was asked for, then the slots listed again (数字：【F1】：…). Every one of those answers was rejected
whole, so the paragraph in it was lost. `salvage` keeps the paragraph: it drops label lines, bullet
lines, slot listings, sentences restating the instructions and sentences copied from the example
passage, and says how many went. What is left is checked as any answer (prose, numbers, slots): the
salvage never makes a text pass, it only stops the scaffolding from hiding a paragraph that would.
When too little is left (`KEEP_AT_LEAST` of the answer's prose), the answer is returned unchanged, to
be rejected for what it is.
"""

from __future__ import annotations

import re

from drafter.prose.copying import copied_sentences
from drafter.prose.echo import instruction_text
from drafter.prose.finding import Brief
from drafter.prose.grams import grams, share_in, union

LABEL_MAX = 12  # characters of a label line before its colon: 工作要点： 本段数字： 工作总结：
KEEP_AT_LEAST = 20  # characters of prose left, or nothing is salvaged
LOOP_REPEATS = 1  # one sentence said twice is a slip to drop; more repeats are a loop, left to be rejected
ECHO_SHARE = 0.6  # of a sentence's 8-grams found in the instructions (the unit's material aside)
_LABEL = re.compile(rf"^[【\[]?[^，。；,;]{{1,{LABEL_MAX}}}[】\]]?\s*[：:]\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•·・]|\d+[.、）)])\s+")
_HEADING_LINE = re.compile(  # 一、宣传普法知识: a heading the tool writes itself, never the model
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)])[^。；，,;]{1,18}$"
)
_SLOT_LIST = re.compile(r"^\s*【F\d+】\s*[：:]")
_BRACKET_LINE = re.compile(r"^\s*【[^】]{1,12}】")
_SENTENCE = re.compile(r"[^。！？；\n]*[。！？；]?")
_FINISHED = "。！？”」）)"


def salvage(text: str, brief: Brief) -> tuple[str, int]:
    """`text` without the prompt's scaffolding, and how many lines or sentences were dropped."""
    lines, dropped = [], 0
    for line in text.splitlines():
        bare = line.strip()
        if not bare:
            continue
        if any(p.match(bare) for p in (_LABEL, _BULLET, _SLOT_LIST, _BRACKET_LINE, _HEADING_LINE)):
            dropped += 1
            continue
        lines.append(bare)
    pool = grams(instruction_text(brief))
    own = union([brief.own])
    copied = set(copied_sentences("\n".join(lines), brief.passages, brief.own))
    kept_lines, said, again = [], set(), 0
    for line in lines:
        kept = []
        for sentence in (s for s in _SENTENCE.findall(line) if s.strip()):
            share, counted = share_in(sentence, pool, own)
            bare = sentence.strip(" \t，,：:").rstrip("。！？；!?;")
            again += bare in said
            if (counted >= 3 and share >= ECHO_SHARE) or bare in copied or bare in said:
                dropped += 1  # an echo, a copy, or a sentence the answer already said word for word
                continue
            said.add(bare)
            kept.append(sentence)
        if kept:
            kept_lines.append("".join(kept).strip())
    if again > LOOP_REPEATS:
        return text, 0  # a loop, not a slip: the repetition check rejects it for what it is
    out = "\n".join(kept_lines).strip()
    out, cut = _without_unfinished_end(out)
    dropped += cut
    if not dropped or len(re.sub(r"\s", "", out)) < KEEP_AT_LEAST:
        return text, 0
    return out, dropped


def _without_unfinished_end(text: str) -> tuple[str, int]:
    """The text up to its last finished sentence, when its last one stops mid-way (cut off at the length
    limit, or the model stopped): the finished sentences are whole and are checked as they stand; the
    unfinished one is no sentence a report can print, and it is dropped, never completed."""
    body = text.rstrip()
    if not body or body[-1] in _FINISHED:
        return text, 0
    end = max(body.rfind(c) for c in "。！？")  # a closing quote alone ends no sentence (开展“大讲堂”活动)
    if end < 0:
        return text, 0
    while end + 1 < len(body) and body[end + 1] in "”」）)":
        end += 1  # 。” : the quote closes with the sentence
    return body[: end + 1], 1
