"""The page and type of GB/T 9704 (党政机关公文格式), set in the Word XML where python-docx falls short.

Why raw XML in places:
- python-docx's `font.name` sets only w:ascii/w:hAnsi; Chinese text then falls back to the theme's
  East Asian font and WPS reports a missing font. Every run here gets all four rFonts slots, no theme
  fonts, and w:hint="eastAsia" so full-width punctuation (，。“”) stays in the Chinese font.
- 22 lines a page: a w:docGrid of type "lines" with a 28.95 pt pitch, and every paragraph spaced
  "exactly" that pitch (the one rule that keeps 22 lines whatever the font's own line height).
- 28 characters a line: 16 pt characters are 0.21 pt too wide for 156 mm / 28, so runs get a
  character spacing of −0.25 pt. A "linesAndChars" grid (charSpace −848, the usual Word template) does
  the same in Word, but LibreOffice snaps each 16 pt character to two 15.8 pt cells (14 a line).
- Headings are Word's own Heading 1/2/3 (标题 1/2/3 in a Chinese Word), restyled to the 公文 levels
  (一级 黑体, 二级 楷体, 三级 仿宋 加粗, all 三号, two characters in, on the grid) with their outline
  levels, so the navigation pane and a 目录 field find them; the runs keep their fonts as well, so a
  reader that ignores styles (WPS's "keep text only" paste) still sees the right type.
- Page numbers are a PAGE field between em dashes ("— 1 —"), 四号 宋体, odd pages right and even pages
  left, one character in from the edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from drafter.errors import InputError

# sizes in points: 二号 22, 三号 16, 四号 14, 五号 10.5
TITLE_PT, BODY_PT, PAGE_NUMBER_PT, TABLE_PT = 22, 16, 14, 10.5
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES, CHARS = 22, 28
# A4 in twips and the type area the margins leave: 8844 × 12756 twips (156 mm × 225 mm)
PAGE_W, PAGE_H = 11906, 16838


def mm_twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


TEXT_W = PAGE_W - mm_twips(MARGINS_MM["left"]) - mm_twips(MARGINS_MM["right"])
TEXT_H = PAGE_H - mm_twips(MARGINS_MM["top"]) - mm_twips(MARGINS_MM["bottom"])
LINE_PITCH = TEXT_H // LINES  # 579 twips = 28.95 pt
# character spacing (twentieths of a point) that fits CHARS body characters in the line: −5 = −0.25 pt
CHAR_SPACING = math.floor(TEXT_W / CHARS - BODY_PT * 20)


@dataclass(frozen=True)
class Fonts:
    """The typefaces of each part, first choice per GB/T 9704; a user lacking one names another."""

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    page_number: str = "宋体"

    @classmethod
    def parse(cls, spec: str | None) -> Fonts:
        """From "body=仿宋,heading2=楷体" (names as in the dataclass); unknown parts are an error."""
        fonts = cls()
        if not spec:
            return fonts
        known = {f.name for f in fields(cls)}
        for item in spec.split(","):
            part, sep, name = item.partition("=")
            part, name = part.strip(), name.strip()
            if not sep or part not in known or not name:
                raise InputError(
                    f"--fonts: cannot read {item.strip()!r}",
                    f"write part=font pairs separated by commas; parts: {', '.join(sorted(known))}"
                    " (e.g. --fonts body=仿宋,heading2=楷体,title=宋体)",
                )
            fonts = replace(fonts, **{part: name})
        return fonts


# the 公文 levels (GB/T 9704 7.3.3 and common practice): level → Heading style, Fonts part, bold
HEADINGS: dict[int, tuple[str, str, bool]] = {
    1: ("Heading 1", "heading1", False),
    2: ("Heading 2", "heading2", False),
    3: ("Heading 3", "body", True),
}


def heading_style(level: int) -> tuple[str, str, bool]:
    """(style name, Fonts part, bold) of a heading of `level`; deeper levels are set like the third."""
    return HEADINGS[min(max(level, 1), max(HEADINGS))]


# what a system without the GB/T 9704 fonts usually has instead (Windows ships these)
FALLBACK = Fonts(title="宋体", body="仿宋", heading1="黑体", heading2="楷体", page_number="宋体")


def set_run_fonts(rpr: object, font: str) -> None:
    """All four rFonts slots to `font`, theme fonts removed, East Asian hint set."""
    rfonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)  # type: ignore[attr-defined]
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)
    rfonts.set(qn("w:hint"), "eastAsia")


def style_run(run: object, font: str, size_pt: float, bold: bool = False, spacing: int = 0) -> None:
    """Font (all slots), size, weight and character spacing (twentieths of a point) of one run."""
    run.font.size = Pt(size_pt)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    rpr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    set_run_fonts(rpr, font)
    if spacing:
        el = OxmlElement("w:spacing")
        el.set(qn("w:val"), str(spacing))
        rpr.append(el)


def exact_lines(paragraph: object, first_line_chars: int = 0) -> None:
    """One grid pitch per line, no space before or after; first line indented by whole characters."""
    pf = paragraph.paragraph_format  # type: ignore[attr-defined]
    pf.line_spacing = Twips(LINE_PITCH)  # a Length means "exactly" in python-docx
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    if first_line_chars:
        pf.first_line_indent = Pt(BODY_PT * first_line_chars)
        ind = paragraph._p.get_or_add_pPr().find(qn("w:ind"))  # type: ignore[attr-defined]
        ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))


def off_grid(paragraph: object) -> None:
    """A line larger than the body's (the 二号 title) keeps its exact spacing instead of two grid rows."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.insert(0, snap) if ppr.find(qn("w:pStyle")) is None else ppr.insert(1, snap)


def setup_document(document: object, fonts: Fonts) -> None:
    """Page size, margins, grid, default fonts and the page-number footers."""
    section = document.sections[0]  # type: ignore[attr-defined]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(15), Mm(23)
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    sect_pr.append(grid)
    _default_fonts(document, fonts)
    _heading_styles(document, fonts)
    _toc_styles(document, fonts)
    document.settings.odd_and_even_pages_header_footer = True  # type: ignore[attr-defined]
    _page_number(section.footer.paragraphs[0], fonts, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], fonts, WD_ALIGN_PARAGRAPH.LEFT)


def _default_fonts(document: object, fonts: Fonts) -> None:
    """docDefaults and the Normal style in the body font: nothing falls back to the theme's fonts."""
    styles = document.styles.element  # type: ignore[attr-defined]
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    set_run_fonts(rpr, fonts.body)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(BODY_PT * 2))
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    normal = document.styles["Normal"]  # type: ignore[attr-defined]
    normal.font.size = Pt(BODY_PT)
    set_run_fonts(normal.element.get_or_add_rPr(), fonts.body)


def _heading_styles(document: object, fonts: Fonts) -> None:
    """Heading 1–3 in the 公文 type: the template's blue theme fonts and spacing replaced, outline kept."""
    for level, (name, part, bold) in HEADINGS.items():
        style = document.styles[name]  # type: ignore[attr-defined]
        pf = style.paragraph_format
        pf.space_before, pf.space_after = Pt(0), Pt(0)
        pf.line_spacing = Twips(LINE_PITCH)
        pf.keep_with_next = True
        pf.first_line_indent = Pt(BODY_PT * 2)
        ppr = style.element.get_or_add_pPr()
        ppr.find(qn("w:ind")).set(qn("w:firstLineChars"), "200")
        ppr.get_or_add_outlineLvl().val = level - 1
        style.font.size = Pt(BODY_PT)
        style.font.bold = bold
        rpr = style.element.get_or_add_rPr()
        for tag in ("w:color", "w:bCs"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)
        set_run_fonts(rpr, getattr(fonts, part))


def _toc_styles(document: object, fonts: Fonts) -> None:
    """Word's built-in TOC 1–3 (目录 1–3) in the body type, one character in a level, dot leaders to
    the page number at the right margin: the 目录 Word fills in looks like the text, not the template."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

    for level in range(1, len(HEADINGS) + 1):
        style = document.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]
        style.element.attrib.pop(qn("w:customStyle"), None)  # Word's own style, not a user's copy
        style.element.set(qn("w:styleId"), f"TOC{level}")
        style.base_style = document.styles["Normal"]  # type: ignore[attr-defined]
        pf = style.paragraph_format
        pf.space_before, pf.space_after = Pt(0), Pt(0)
        pf.line_spacing = Twips(LINE_PITCH)
        pf.left_indent = Pt(BODY_PT * (level - 1))
        pf.tab_stops.add_tab_stop(Twips(TEXT_W), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        style.font.size = Pt(BODY_PT)
        set_run_fonts(style.element.get_or_add_rPr(), fonts.body)


def _page_number(paragraph: object, fonts: Fonts, align: WD_ALIGN_PARAGRAPH) -> None:
    paragraph.alignment = align  # type: ignore[attr-defined]
    pf = paragraph.paragraph_format  # type: ignore[attr-defined]
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        pf.right_indent = Pt(PAGE_NUMBER_PT)
    else:
        pf.left_indent = Pt(PAGE_NUMBER_PT)
    _text_run(paragraph, "— ", fonts.page_number)
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("text", "1"),
        ("end", None),
    ):
        field_run = _text_run(paragraph, "" if kind != "text" else str(text), fonts.page_number)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind in ("begin", "separate", "end"):
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            continue
        field_run._element.append(el)  # type: ignore[attr-defined]
    _text_run(paragraph, " —", fonts.page_number)


def _text_run(paragraph: object, text: str, font: str) -> object:
    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    style_run(run, font, PAGE_NUMBER_PT)
    return run
