"""Why a number got its verdict, as a machine code: consumers decide by the code, never by the wording.

Every `Verdict` carries one `Cause`, set where its Chinese reason is written (the reason is output
only: rewording it changes nothing a program does). A reason may add remarks to its cause (a wrong
figure that is also the data's 元 written as 万元, or also a number of an example report): those are
the verdict's `also` codes. A cell the table reader cannot place carries its cause from there.
"""

from __future__ import annotations

from enum import StrEnum


class Cause(StrEnum):
    """One code per kind of reason the checker gives."""

    # ok
    PROVED = "proved"  # a fact bound to it (or found by value, with supporting words) states it
    YEAR = "year"  # a year of the report, next to it, or listed in the data
    AUDIT_CORRECTION = "audit_correction"  # the data's figure is wrong; the text gives the corrected one
    LISTED_COUNT = "listed_count"  # a count of the items its own clause lists (三个阶段)
    ROW_CHANGE = "row_change"  # an 增减 cell: its row's later year cell less its earlier one
    # mismatch, hedge
    WRONG_VALUE = "wrong_value"  # 应为 X（fact）
    DATA_INCONSISTENT = "data_inconsistent"  # agrees with the data, but the audit found the data wrong
    HEDGE_MISUSED = "hedge_misused"  # the figure as the data's, the hedge word not
    HEDGE_CONFLICT = "hedge_conflict"  # two hedge words that contradict each other (近1万余)
    STALE_AS_OF = "stale_as_of"  # 截至 the year before the report year
    YEAR_NOT_IN_DATA = "year_not_in_data"
    MISDATED_YEAR = "misdated_year"  # a year dating the report year's own budget figures
    TITLE_YEAR = "title_year"  # a year naming the report (cover, heading, 现将…报告如下) not the report year
    LISTED_PARTS = "listed_parts"  # a total its own 其中…其他 list cannot add up to
    PARTS_EXCEED_TOTAL = "parts_exceed_total"  # a count below the sum of its 其中 parts
    # unsupported
    NOT_IN_DATA = "not_in_data"  # no fact of the data has this figure
    DATE_NOT_IN_DATA = "date_not_in_data"  # a drafted 月/日 date no text of the data holds
    VALUE_UNNAMED = "value_unnamed"  # a fact has it, but the sentence does not name that fact
    CELL_NOT_IN_DATA = "cell_not_in_data"  # a table cell's row has no figure of its column in the data
    NEAR_NAME = "near_name"  # a name of the data with one numeral changed
    # unreadable: a table cell that cannot be placed
    CELL_GLUED = "cell_glued"  # several figures glued into one cell
    CELL_AFTER_GLUED = "cell_after_glued"  # an earlier cell of the row swallowed columns
    CELL_OVERFLOW = "cell_overflow"  # more cells than the header has columns
    CELL_UNIT = "cell_unit"  # the cell's unit cannot be its column's (26次 under 分值)
    CELLS_JOINED = "cells_joined"  # two of its row's figures glued into one token (22 for 2 and 2)
    TABLE_UNCONFIRMED = "table_unconfirmed"  # no cell of its row or column agrees: the reading is unsure
    # ignored
    ORDINAL_COLUMN = "ordinal_column"  # a cell of the 序号 column
    CORRECTION_NOTE = "correction_note"  # inside drafter's own 〔已更正：原为…〕
    NOT_A_QUANTITY = "not_a_quantity"  # a date, code, name…: the number reader's own reason
    NAME_IN_DATA = "name_in_data"  # a name of the data that holds a numeral (残疾人两项补贴)
    OTHER_BODY = "other_body"  # a figure of another body (所属事业单位…编制数320人): not the unit's own
    # remarks added to a cause (a verdict's `also`)
    UNIT_SUSPECT = "unit_suspect"  # 单位疑误: the data's 万元 written as 元
    COPIED_FROM_EXAMPLE = "copied_from_example"  # 照抄: a figure of an example report
    # a verdict built outside the checker, with no code given
    UNCODED = "uncoded"
