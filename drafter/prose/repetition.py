"""Loops: the same block again and again, or an answer far longer than its points
(a cut-off answer is drafter.prose.form's `truncated`).

A small model that loses the thread repeats itself (a theme of 2,816 characters: the prompt twenty
times over). Measured on `grams.bare` text:

- `REPEAT_RATIO`: the share of character 10-grams that occur earlier in the answer. Report prose
  repeats phrases (单位名称, 万元, 执行率) but rarely ten characters running: the highest ratio of any
  example passage or paragraph (fewshot/, examples/*/report.txt) is 0.009, of a whole report with its
  tables 0.07; an answer that says its block twice is at 0.5, twenty times at 0.95, the captured loops
  0.65 to 0.76. The threshold 0.25 sits well between.
- a sentence of `REPEAT_SENTENCE` characters or more that stands twice: report sentences are not
  repeated; the examples contain none (their repeated lines are headings and table rows, which are
  shorter, or not in section text).
- `RUNAWAY_FACTOR`: an answer longer than that many times its material (the unit's points it is
  written from), and than `RUNAWAY_FLOOR` characters. The example sections are at most 2.5 times
  their material (laoting's 改进措施 against its measures; the themes 1.0 to 1.3 times their bullets,
  which are taken from them); a summary section (performance) has little material, hence the floor,
  about twice the longest example passage of a summary kind (789 characters).
"""

from __future__ import annotations

from collections import Counter

from drafter.prose.finding import Brief, Finding, ProseCheck, excerpt
from drafter.prose.grams import bare, gram_list, sentences

REPEAT_N = 10
REPEAT_RATIO = 0.25
REPEAT_SENTENCE = 10
RUNAWAY_FACTOR = 3
RUNAWAY_FLOOR = 1500


def repeat_ratio(text: str, n: int = REPEAT_N) -> float:
    """Share of the text's n-grams that already occurred earlier in it (0 for a text with none)."""
    all_grams = gram_list(text, n)
    if not all_grams:
        return 0.0
    return 1 - len(set(all_grams)) / len(all_grams)


def repeated_sentences(text: str) -> list[str]:
    counts = Counter(bare(s) for s in sentences(text) if len(bare(s)) >= REPEAT_SENTENCE)
    return [s for s, c in counts.items() if c > 1]


def repetition(text: str, brief: Brief) -> list[Finding]:
    found = []
    ratio = repeat_ratio(text)
    twice = repeated_sentences(text)
    if ratio > REPEAT_RATIO or twice:
        evidence = excerpt(twice[0]) if twice else f"重复率 {ratio:.2f}"
        found.append(Finding(ProseCheck.REPETITION, f"同一内容反复出现（重复率 {ratio:.2f}）", evidence))
    material = sum(len(bare(m)) for m in brief.material)
    limit = max(RUNAWAY_FLOOR, RUNAWAY_FACTOR * material)
    if len(bare(text)) > limit:
        found.append(
            Finding(
                ProseCheck.RUNAWAY, f"篇幅失控：{len(bare(text))} 字，远超所依据材料（{material} 字）", ""
            )
        )
    return found
