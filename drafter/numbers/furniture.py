"""Page furniture and metadata: the digits of a published page that are no quantity of the report.

Real reports are pasted from a web page or a .docx, so they carry publication lines (发布日期：2025-04-29),
索引号 (11430100MB1234567X/2024-00012), phone numbers, URLs, account ids, page counts "(4页)", budget and
unit codes (318002-某某镇人民政府) and file properties. Read as quantities they raise false alarms by the
dozen; read as nothing they would be skipped silently. They are found here by their *shape* (a date-time,
a phone number with an area code, a token mixing letters and digits, a slash-year-sequence) or by the
label that introduces them (电话：, 索引号：), and returned as ignored spans with a reason.

One pass of one regex over the text (plus one for labels), so the scanner stays fast.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple

from drafter.numbers.vocabulary import Kind


class Shape(StrEnum):
    """What gave a span away as furniture: a shape of _SHAPES_RE (its group's name), a label, or a line
    of pasted document junk. The code decisions are made by; `Furniture.reason` is the text shown."""

    URL = "url"
    EMAIL = "email"
    DATETIME = "datetime"
    TIME = "time"
    INDEX = "index"
    PHONE = "phone"
    PAGES = "pages"
    FOLIO = "folio"
    IDENT = "ident"
    LABEL = "label"  # the value after a label of page metadata (电话：, 索引号：)
    JUNK = "junk"  # a line of pasted document properties


class Furniture(NamedTuple):
    start: int
    end: int
    kind: Kind
    reason: str
    shape: Shape


# Latin unit words after a figure: 5km, 10kV, 20kg are quantities, not identifiers.
_LATIN_UNITS = frozenset(
    "km m cm mm kg g t kv kw mw kwh w v mah ml l gb mb tb kb hz mhz ghz m2 m3 ha".split()
)
_IDENT_CHARS = r"A-Za-z0-9_\-/.#"
# digit shapes followed by a unit stay quantities
_NOT_UNIT = r"(?!\s*(?:[元万亿%％人个名户家项次]|千元|百分))"

_SHAPES_RE = re.compile(
    r"(?=[0-9A-Za-z(（\-—－第共])(?:"
    # web and mail addresses
    r"(?P<url>(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+)"
    r"|(?P<email>(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"
    # date-times: 2025-04-29, 2023/5/16 9:30:00, 2024-03-01T08:00:00+08:00
    r"|(?P<datetime>(?<![\d.])(?:19|20)\d\d(?P<sep>[-/.])\d{1,2}(?P=sep)\d{1,2}(?![\d.])"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"|(?P<time>(?<![\d:.])[0-2]?\d:[0-5]\d(?::[0-5]\d)?(?![\d:]))"
    # index numbers without letters: 430100/2024-00012, 2024-00012 after a code
    r"|(?P<index>(?<![\d/])\d+/(?:19|20)\d\d-\d+(?!\d))"
    # phones: (0731)8123456, 0731-88123456-801, 13812345678, 138-1234-5678, 400-123-4567
    r"|(?P<phone>(?:[(（]0\d{2,3}[)）]\s*\d{7,8}"
    r"|(?<![\d\-])0\d{2,3}[-—–]\d{7,8}(?:[-转]\d{1,5})?"
    r"|(?<![\d.])1[3-9]\d(?:\d{8}|[-\s]\d{4}[-\s]\d{4})"
    r"|(?<![\d.])[48]00[-\s]?\d{3}[-\s]?\d{4})(?![\d.])" + _NOT_UNIT + r")"
    # page furniture: (4页), 第2页 共10页, - 3 -
    r"|(?P<pages>[(（]\s*(?:共\s*)?\d+\s*页\s*[)）]|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页)"
    # (from its dash: the scan starts only at a dash; find_furniture checks the line holds nothing else)
    r"|(?P<folio>(?<![^\s])[-—－][ \t]*\d{1,3}[ \t]*[-—－][ \t]*(?=\n|$))"
    # tokens mixing letters and digits: xy1234, 11430100MB1234567X/2024-00012, GUIDs, COVID-19
    r"|(?P<ident>(?<![" + _IDENT_CHARS + r"])"
    r"(?=[" + _IDENT_CHARS + r"]*[A-Za-z])(?=[" + _IDENT_CHARS + r"]*\d)"
    r"[A-Za-z0-9][" + _IDENT_CHARS + r"]*[A-Za-z0-9])"
    r")"
)

_REASONS = {
    "url": ("code", "web address"),
    "email": ("code", "email address"),
    "datetime": ("date", "date-time (2025-04-29)"),
    "time": ("date", "time of day"),
    "index": ("code", "index number (索引号)"),
    "phone": ("code", "phone number"),
    "pages": ("code", "page count (4页)"),
    "folio": ("code", "page number"),
    "ident": ("code", "identifier (letters and digits)"),
}

# Labels of page metadata: their value, to the next label or the end of the line, is furniture.
_LABELS: dict[str, str] = {}
for _reason, _words in {
    "publication info": "发布日期 发布时间 公开日期 发文日期 成文日期 印发日期 更新日期 更新时间 生成日期 "
    "信息来源 来源 "
    "浏览次数 浏览量 阅读量 阅读次数 阅读数 访问量 访问次数 点击数 点击量 点击率 作者 责任编辑 发布机构 "
    "发文机关 主题分类 公开方式 公开范围 公开时限 有效性 时效 时间 日期",
    "index number": "索引号 文号 发文字号 编号 统一社会信用代码 信用代码 组织机构代码 "
    "单位编码 单位代码 部门编码 部门代码 预算编码 预算代码 项目编码 项目代码 科目编码",
    "phone number": "联系电话 咨询电话 监督电话 投诉电话 举报电话 服务电话 办公电话 电话 传真 手机 热线电话",
    "contact details": "微信公众号 公众号 微信号 微信 QQ群 QQ 电子邮箱 邮箱 网址 网站 "
    "邮政编码 邮编 通讯地址 地址",
    "file properties": "创建时间 创建日期 修改时间 修改日期 上次修改时间 打印时间 修订号 版本号 字数 页数 "
    "总编辑时间 文件大小 字符数 段落数 行数",
}.items():
    for _w in _words.split():
        _LABELS[_w] = _reason
# Labels no ordinary word ends with may follow any character (监督索引号：); the others must start a
# word, so 资金来源： or 联系地址 inside a sentence stays prose.
_STRONG = frozenset(
    "索引号 发布日期 发布时间 公开日期 成文日期 印发日期 统一社会信用代码 联系电话 咨询电话 监督电话 "
    "投诉电话 举报电话 服务电话 办公电话 热线电话 公众号 微信公众号 浏览次数 邮政编码 电子邮箱 发文字号"
    "".split()
)


def _alternation(words: Iterable[str]) -> str:
    """Longest first; blanks may stand between the characters (索 引 号, 文　　号: pages align labels)."""
    return "|".join("[ \u3000]*".join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True))


_LABEL_RE = re.compile(
    "(?=["
    + "".join(sorted({w[0] for w in _LABELS}))
    + "])(?:(?:"
    + _alternation(_STRONG)
    + r")|(?<![\u4e00-\u9fff])(?:"
    + _alternation(set(_LABELS) - _STRONG)
    + r"))[ \t\u3000]*[:：][ \t\u3000]*"
)
# a few labels are written straight before their value: 邮编410000, QQ群123456789, 索引号000014349/2023-11
_BARE = "邮政编码 邮编 QQ群 QQ 微信号 索引号 传真 手机 电话".split()
_BARE_LABEL_RE = re.compile(
    "(?=[" + "".join(sorted({w[0] for w in _BARE})) + "])(?:" + _alternation(_BARE) + r")[ \t\u3000]*(?=\d)"
)
_VALUE_END = re.compile(
    r"[\n|｜。；;，,]|[ \t\u3000]+(?![\d(（\]］】)）])"
)  # a blank ends it unless digits go on
_DIGIT = re.compile(r"\d")
_MONEY_OR_SHARE = re.compile(r"\d\s*(?:[万亿千]?元|%)")


def find_furniture(norm: str) -> list[Furniture]:
    """Spans of page furniture in `norm` (full-width digits already made ASCII), sorted and disjoint."""
    found: list[Furniture] = []
    labels = list(_LABEL_RE.finditer(norm))
    if any(w in norm for w in _BARE):
        labels = sorted(labels + list(_BARE_LABEL_RE.finditer(norm)), key=lambda m: m.start())
    for m in labels:
        label = re.sub(r"[ \t\u3000:：]", "", m.group())
        start = m.end()
        stop = _VALUE_END.search(norm, start)
        end = stop.start() if stop else len(norm)
        nxt = _LABEL_RE.search(norm, start, end)
        if nxt:
            end = nxt.start()
        value = norm[start:end].rstrip(" \t\u3000，,")
        if _DIGIT.search(value) and not _MONEY_OR_SHARE.search(value):  # 来源：财政拨款534.51万元 is prose
            found.append(
                Furniture(start, start + len(value), "code", f"{_LABELS[label]} ({label})", Shape.LABEL)
            )
    spans = [(f.start, f.end) for f in found]
    for m in _SHAPES_RE.finditer(norm):
        which = m.lastgroup
        assert which is not None
        start, end = m.span(which)
        if which == "ident" and _latin_unit(m.group(which)):
            continue
        if which == "folio" and norm[norm.rfind("\n", 0, start) + 1 : start].strip():
            continue  # 工作 — 3 — 件: a folio stands alone on its line (page footers are indented)
        if any(s < end and start < e for s, e in spans):
            continue
        kind, reason = _REASONS[which]
        found.append(Furniture(start, end, kind, reason, Shape(which)))  # type: ignore[arg-type]
    found.sort()
    return _junk_lines(norm, found)


_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_ADDRESS_RE = re.compile(
    r"(?:https?://|www\.)[^\s\u4e00-\u9fff，。；]+|(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+"
)
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{3,}")


def _uncovered(norm: str, start: int, end: int, found: list[Furniture]) -> str:
    """The text of [start, end) outside the furniture spans already found (sorted by start)."""
    parts, at = [], start
    i = max(0, bisect.bisect_left(found, (start,)) - 1)
    for f in found[i:]:
        if f.start >= end:
            break
        if f.end <= at:
            continue
        parts.append(norm[at : max(at, f.start)])
        at = max(at, f.end)
    parts.append(norm[at:end])
    return "".join(parts)


def _junk_lines(norm: str, found: list[Furniture]) -> list[Furniture]:
    """A line of mostly Latin text holding an identifier, a machine timestamp or Latin words is pasted
    document junk (docx properties: Administrator WPS_16280 2 2023-08-01T02:15:00Z 4 1820; Word styles:
    Normal 0 7.8 磅 0 2 false EN-US; mso-style-name:普通表格; mso-padding-alt:0): every figure on it is
    furniture."""
    machine = {  # an identifier or an ISO timestamp (2023-08-01T02:15:00Z) is written by a program
        norm.rfind("\n", 0, f.start) + 1
        for f in found
        if f.shape is Shape.IDENT or (f.shape is Shape.DATETIME and "T" in norm[f.start : f.end])
    }
    starts = set(machine)
    line_end = -1
    for m in _LATIN_WORD.finditer(norm):  # one look-up per line, not per word: pasted junk is long
        if m.start() < line_end:
            continue
        starts.add(norm.rfind("\n", 0, m.start()) + 1)
        line_end = norm.find("\n", m.start())
        line_end = len(norm) if line_end < 0 else line_end
    lines: list[tuple[int, int]] = []
    for start in sorted(starts):
        end = norm.find("\n", start)
        end = len(norm) if end < 0 else end
        line = _ADDRESS_RE.sub("", norm[start:end])  # a URL's letters make no line junk
        if not _DIGIT.search(_uncovered(norm, start, end, found)):
            continue  # every figure on it is furniture already
        visible = len(line) - line.count(" ") - line.count("\t")
        latin = start in machine or len(_LATIN_RE.findall(line)) * 3 > visible
        if latin and len(_HAN_RE.findall(line)) * 5 < visible:
            lines.append((start, end))
    if not lines:
        return found
    kept = [f for f in found if not any(s <= f.start < e for s, e in lines)]
    for s, e in lines:
        line = norm[s:e]
        lead = len(line) - len(line.lstrip())
        kept.append(
            Furniture(s + lead, s + len(line.rstrip()), "code", "pasted document properties", Shape.JUNK)
        )
    kept.sort()
    return kept


def _latin_unit(token: str) -> bool:
    """5km, 10kV, 1.5t: a figure with a Latin unit, not an identifier."""
    m = re.fullmatch(r"[\d.,\-~]+([A-Za-z]+\d?)", token)
    return m is not None and m.group(1).lower() in _LATIN_UNITS
