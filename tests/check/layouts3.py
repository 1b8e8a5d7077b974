"""Five table layouts of issue 17's held-out reports, written anew on one unit's data (a helper module).

The data is a Hunan county 妇联's; each layout holds its figures as a published report prints them: a
PDF-text 自评表 (序号, two-space cells not under their headers, 一级/二级 only on a group's first row,
a wrapped name, a page break repeating the header), a 基础数据表 pasted one cell per line with no
borders, transposed comparison tables (年度 as columns, an 增减 column; fund lines as columns), an
OCR-flattened 自评表 with glued cells, and a Markdown project table.
"""

from __future__ import annotations

DATA = """
unit: {name: 测试县妇女联合会, short_name: 测试县妇联, level: 县, year: 2023, region: 湖南省测试县}
staff: {authorized: 12, actual: 10}
budget:
  unit: 万元
  total: {label: 年度资金总额, initial_budget: 300.00, budget: 320.50, actual: 301.27, rate: 94.00,
          weight: 10, score: 9.40, last_year: 280.00}
  sources:
    - {label: 财政拨款, initial_budget: 280.00, budget: 300.50, actual: 285.27}
    - {label: 其他资金, initial_budget: 20.00, budget: 20.00, actual: 16.00}
  basic: {actual: 201.27}
  personnel: {actual: 170.00}
  public: {actual: 31.27}
  projects_total: {actual: 100.00}
  projects:
    - {label: 妇女维权项目, budget: 25.00, actual: 18.00}
    - {label: 家庭教育工作经费, budget: 30.00, actual: 27.00}
    - {label: 两癌救助资金, budget: 40.00, actual: 40.00}
    - {label: 巾帼创业培训经费, budget: 15.50, actual: 15.00}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 开展宣讲活动, target: "≥26次", actual: 26次,
     weight: 10, score: 10}
  - {level1: 产出指标, level2: 数量指标, name: 发布宣传文章, target: 2000篇, actual: 2200篇,
     weight: 10, score: 10}
  - {level1: 产出指标, level2: 数量指标, name: 两癌救助人数, target: 120人, actual: 132人,
     weight: 10, score: 10}
  - {level1: 产出指标, level2: 质量指标, name: 培训合格率, target: "≥95%", actual: 98%,
     weight: 10, score: 10}
  - {level1: 产出指标, level2: 时效指标, name: 救助资金发放及时率, target: 100%, actual: 100%,
     weight: 5, score: 5}
  - {level1: 产出指标, level2: 成本指标, name: 人均培训成本, target: "≤300元", actual: 280元,
     weight: 5, score: 5}
  - {level1: 效益指标, level2: 社会效益指标, name: 帮扶资金发放, target: 50.6万元, actual: 41.3万元,
     weight: 10, score: 8}
  - {level1: 效益指标, level2: 社会效益指标, name: 妇女维权案件办结率, target: "≥90%", actual: 93%,
     weight: 10, score: 10}
  - {level1: 效益指标, level2: 可持续影响指标, name: 建立妇女之家, target: 35个, actual: 38个,
     weight: 10, score: 10}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 服务对象满意度, target: "≥90%", actual: 96%,
     weight: 10, score: 10}
self_evaluation: {score: 97.40, total_weight: 100}
facts:
  - {id: staff.authorized.2022, label: 2022年编制数, value: 12, unit: 人}
  - {id: staff.actual.2022, label: 2022年实有人数, value: 11, unit: 人}
  - {id: budget.total.budget.2022, label: 2022年全年预算数, value: 290.00, unit: 万元}
  - {id: budget.total.rate.2022, label: 2022年执行率, value: 96.55, unit: "%"}
"""

# 1. a PDF's 自评表 as text: 序号, cells two spaces apart and not under their headers, 一级/二级 only on
# a group's first row, a long 三级指标 wrapped onto a line of its own, a page break repeating the header
PDF_SELF = """\
序号  一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分  偏差原因分析
1  产出指标  数量指标  开展宣讲活动  ≥26次  26次  10  10
2  发布宣传文章  2000篇  2200篇  10  10
3  两癌救助人数  120人  132人  10  10
4  质量指标  培训合格率  ≥95%  98%  10  10
5  时效指标  救助资金发放及时  100%  100%  5  5
率
6  成本指标  人均培训成本  ≤300元  280元  5  5
— 2 —
序号  一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分  偏差原因分析
7  效益指标  社会效益指标  帮扶资金发放  50.6万元  41.3万元  10  8  资金拨付滞后
8  妇女维权案件办结率  ≥90%  93%  10  10
9  可持续影响指标  建立妇女之家  35个  38个  10  10
10  满意度指标  服务对象满意度指标  服务对象满意度  ≥90%  96%  10  10
"""

# 2. a Hunan 基础数据表 pasted one cell per line, no borders: a row's label line, then its values
BASIC_LINES = """\
基础数据表
项目
2022年
2023年
编制数
12
12
实有人数
11
10
全年预算数
290.00
320.50
全年执行数
280.00
301.27
"""

# 3a. a transposed comparison table: years as columns, an 增减 column (2023 − 2022 of the row)
COMPARE = """\
项目 | 2022年 | 2023年 | 增减
编制数 | 12 | 12 | 0
实有人数 | 11 | 10 | -1
全年预算数 | 290.00 | 320.50 | 30.50
全年执行数 | 280.00 | 301.27 | 21.27
执行率 | 96.55% | 94.00% | -2.55%
"""

# 3b. a 资金 table with its fund lines as columns
FUND_COLUMNS = """\
项目 | 财政拨款 | 其他资金 | 合计
年初预算数 | 280.00 | 20.00 | 300.00
全年预算数 | 300.50 | 20.00 | 320.50
全年执行数 | 285.27 | 16.00 | 301.27
"""

# 4. an OCR-flattened 自评表: single spaces, some 分值 and 得分 glued (1010, 55)
OCR_SELF = """\
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分
产出指标 数量指标 开展宣讲活动 ≥26次 26次 1010
产出指标 数量指标 发布宣传文章 2000篇 2200篇 10 10
产出指标 数量指标 两癌救助人数 120人 132人 10 10
产出指标 质量指标 培训合格率 ≥95% 98% 10 10
产出指标 时效指标 救助资金发放及时率 100% 100% 55
产出指标 成本指标 人均培训成本 ≤300元 280元 5 5
效益指标 社会效益指标 帮扶资金发放 50.6万元 41.3万元 10 8
效益指标 社会效益指标 妇女维权案件办结率 ≥90% 93% 1010
效益指标 可持续影响指标 建立妇女之家 35个 38个 10 10
满意度指标 服务对象满意度指标 服务对象满意度 ≥90% 96% 10 10
"""

# 5. a Markdown project table
MARKDOWN_PROJECTS = """\
| 项目名称 | 预算数 | 执行数 | 执行率 |
|---|---|---|---|
| 妇女维权项目 | 25.00 | 18.00 | 72.00% |
| 家庭教育工作经费 | 30.00 | 27.00 | 90.00% |
| 两癌救助资金 | 40.00 | 40.00 | 100.00% |
| 巾帼创业培训经费 | 15.50 | 15.00 | 96.77% |
| 合计 | 110.50 | 100.00 | 90.50% |
"""

LAYOUTS = {
    "pdf self-evaluation": PDF_SELF,
    "basic data one per line": BASIC_LINES,
    "comparison": COMPARE,
    "fund columns": FUND_COLUMNS,
    "ocr self-evaluation": OCR_SELF,
    "markdown projects": MARKDOWN_PROJECTS,
}
