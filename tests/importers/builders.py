"""Forms in other desks' layouts, built with python-docx and openpyxl directly (never with our
exporters): a table is a list of rows, a row a list of cells, a cell is a text, `(text, span)`
for a cell merged across `span` columns, or `UP` for a cell merged down from the row above."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from docx import Document

UP = object()


def _grid(table: list[list]) -> tuple[int, list[list[tuple[int, int, object]]]]:
    """Each row as (column, span, text-or-UP), and the number of grid columns."""
    out, width = [], 0
    for row in table:
        col, cells = 0, []
        for cell in row:
            text, span = (cell if isinstance(cell, tuple) else (cell, 1))
            cells.append((col, span, text))
            col += span
        width = max(width, col)
        out.append(cells)
    return width, out


def write_docx(path: Path, blocks: list) -> Path:
    """blocks: paragraphs (str) and tables (lists of rows), in document order."""
    doc = Document()
    for block in blocks:
        if isinstance(block, str):
            doc.add_paragraph(block)
            continue
        width, rows = _grid(block)
        t = doc.add_table(rows=len(rows), cols=width)
        for r, cells in enumerate(rows):
            for col, span, text in cells:
                if text is UP:
                    continue
                top = t.cell(r, col)
                bottom_row = r
                while bottom_row + 1 < len(rows) and any(
                        c == col and x is UP for c, _, x in rows[bottom_row + 1]):
                    bottom_row += 1
                target = top if (span == 1 and bottom_row == r) else top.merge(t.cell(bottom_row, col + span - 1))
                target.text = "" if text is None else str(text)
    doc.save(path)
    return path


def fill_sheet(ws, table: list[list], first_row: int = 1) -> None:
    """One table onto a sheet from first_row; numbers stay numbers."""
    _, rows = _grid(table)
    for r, cells in enumerate(rows):
        for col, span, text in cells:
            if text is UP:
                continue
            bottom = r
            while bottom + 1 < len(rows) and any(c == col and x is UP for c, _, x in rows[bottom + 1]):
                bottom += 1
            ws.cell(first_row + r, col + 1).value = text
            if span > 1 or bottom > r:
                ws.merge_cells(start_row=first_row + r, start_column=col + 1,
                               end_row=first_row + bottom, end_column=col + span)


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, table in sheets.items():
        fill_sheet(wb.create_sheet(title), table)
    wb.save(path)
    return path


# --- layouts -------------------------------------------------------------------------------

def sichuan(name: str = "51000021R000000019951-工资性支出", *, colon: str = "", yuan: bool = False,
            extra_col: bool = False) -> list[list]:
    """部门预算项目支出绩效自评表 (四川 2023): 调整后预算数/预算执行数/权重, 财政资金 / 财政专户管理资金 /
    单位资金, targets in 指标性质 / 指标值 / 度量单位, 未完成原因分析, 合计, text blocks under it."""
    money = ("2389300", "2518900", "2518900") if yuan else ("238.93", "251.89", "251.89")
    unit = "(元)" if yuan else "(万元)"
    x = ["备注"] if extra_col else []
    blank = [""] if extra_col else []
    return [
        [("报表编号:510000_0013zp", 9 + len(x))],
        [("部门预算项目支出绩效自评表(2023年度)", 9 + len(x))],
        [f"项目名称{colon}", (name, 8 + len(x))],
        [f"主管部门{colon}", ("青神县发展和改革局本级", 8 + len(x))],
        [f"实施单位（盖章）{colon}", ("青神县发展和改革局", 8 + len(x))],
        ["项目基本情况", ("1.项目年度目标完成情况", 2), ("项目年度目标", 3), ("年度目标完成情况", 3 + len(x))],
        [UP, (UP, 2), ("严格执行相关政策，保障工资及时、足额发放。", 3), ("已按时足额发放。", 3 + len(x))],
        [UP, ("2.项目实施内容及过程概述", 2), ("按月发放工资，按时缴纳社保。", 6 + len(x))],
        ["预算执行情况（10分）", f"年度预算数{unit}", "年初预算", "调整后预算数", "预算执行数", "预算执行率",
         "权重", "得分", "原因", *x],
        [UP, "总额", money[0], money[1], money[2], "100.00%", "10", "", "", *blank],
        [UP, "其中：财政资金", money[0], money[1], money[2], "100.00%", "/", "/", "", *blank],
        [UP, "财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "/", "/", "", *blank],
        [UP, "单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/", "", *blank],
        [UP, "其他资金", "", "", "", "", "/", "/", "", *blank],
        ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值",
         "权重", "得分", "未完成原因分析", *x],
        [UP, "产出指标", "数量指标", "发放（缴纳）覆盖率", "＝", "100", "%", "100%", "30", "", "", *blank],
        [UP, UP, "时效指标", "发放及时性", "≧", "12", "次", "11次", "20", "", "12月工资次年1月发放", *blank],
        [UP, "效益指标", "社会效益指标", "足额保障率（参保率）", "﹦", "100", "%", "100%", "20", "", "", *blank],
        [UP, UP, "可持续影响指标", "制度执行", "定性", "严格执行相关制度规定", "", "达成预期指标", "10", "", "",
         *blank],
        [UP, "满意度指标", "服务对象满意度指标", "职工满意度", "≥", "90", "%", "95%", "10", "", "", *blank],
        [UP, UP, UP, "指标2", "", "", "", "", "", "", "", *blank],
        [("合计", 8), "100", "99", "优", *blank],
        ["评价结论", ("项目自评得分99分，工资足额发放。", 10 + len(x))],
        ["存在问题", ("个别月份发放略有延迟。", 10 + len(x))],
        ["改进措施", ("提前做好用款计划。", 10 + len(x))],
        ["项目负责人：", ("", 4), "财务负责人：", ("", 5 + len(x))],
    ]


def anhui(year: int = 2022) -> list:
    """项目支出绩效自评表 (安徽, central template): (A)/(B)/(B/A) markers, 指标1/指标2 …… placeholder
    rows, 一级 labels with their points, a 总分 row and a note under the table."""
    rows = [
        ["项目名称", ("水旱灾害防御经费", 9)],
        ["主管部门", ("天长市水利局", 4), "实施单位", ("天长市水利局", 4)],
        ["项目资金（万元）", "", ("年初预算数", 2), "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", ("得分", 2)],
        [UP, "年度资金总额：", ("880", 2), "880", "880", "10", "100%", ("10", 2)],
        [UP, "其中：本年财政拨款", ("880", 2), "880", "880", "-", "", ("-", 2)],
        [UP, "上年结转资金", ("", 2), "", "", "-", "", ("-", 2)],
        [UP, "其他资金", ("", 2), "", "", "-", "", ("-", 2)],
        ["年度总体目标完成情况", ("预期目标", 5), ("实际完成情况", 4)],
        [UP, ("完成年度防汛工作，完成中型灌区节水改造项目。", 5), ("完成年度目标。", 4)],
        ["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         ("偏差原因分析及改进措施", 2)],
        [UP, "产出指标（50分）", "数量指标", "指标1：完成中型灌区节水改造项目数量", "1", "1", "10", "10", ("", 2)],
        [UP, UP, UP, "指标2：完成农业综合水价改革项目", "1", "1", "10", "10", ("", 2)],
        [UP, UP, UP, "……", "", "", "", "", ("", 2)],
        [UP, UP, "质量指标", "指标1：工程质量合格", "合格", "合格", "10", "10", ("", 2)],
        [UP, UP, UP, "指标2：……", "", "", "", "", ("", 2)],
        [UP, UP, "时效指标", "指标1：年度资金支付完成率100%", "100%", "100%", "10", "10", ("", 2)],
        [UP, UP, "成本指标", "指标1：资金执行在预算范围内", "≤880万元", "880万元", "10", "10", ("", 2)],
        [UP, "效益指标（30分）", "经济效益指标", "指标1：全市安全度汛", "有效", "有效", "10", "10", ("", 2)],
        [UP, UP, "社会效益指标", "指标1：保护全市人口财产不受损失", "得到保障", "达成预期指标", "10", "9", ("", 2)],
        [UP, UP, "生态效益指标", "指标1：/", "/", "/", "", "", ("", 2)],
        [UP, UP, "可持续影响指标", "指标1：已建工程良性运行", "良好", "良好", "10", "10", ("", 2)],
        [UP, "满意度指标（10分）", "服务对象满意度指标", "指标1：服务对象满意度", "90%", "100%", "10", "10", ("", 2)],
        [UP, UP, UP, "指标2：", "", "", "", "", ("", 2)],
        [("总分", 6), "100", "99", ("优", 2)],
        [("注：1.一级指标分值统一设置为：产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。", 10)],
    ]
    return ["项目支出绩效自评表", f"（{year}年度）", rows]


def declaration_sheet(name: str, amount: str = "120", *, weights: bool = True, yuan: bool = False,
                      colon: str = "：", unit_label: str = "申请单位") -> list[list]:
    """绩效目标申报表 as a budget system exports it: label–value pairs above the table, columns
    一级/二级/三级, 指标性质, 指标值, 度量单位, 权重, 指标解释; a 不适用 row and a 备注 line."""
    w = (lambda v: v) if weights else (lambda v: "")
    money_label = "本年度项目金额（元）" if yuan else "本年度项目金额（万元）"
    return [
        [("2024年度项目支出绩效目标申报表", 8)],
        [f"项目名称{colon}", (name, 3), f"{unit_label}{colon}", ("北京市朝阳区劲松街道办事处", 3)],
        [f"主管部门{colon}", ("北京市朝阳区人民政府劲松街道办事处", 3), money_label, (amount, 3)],
        ["年度绩效目标", ("保洁面积达到121057.86平方米，绿化养护达到三级标准。", 7)],
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标解释"],
        ["产出指标", "数量指标", "保洁面积", "≥", "121057.86", "平方米", w("20"), "保洁覆盖面积"],
        [UP, "质量指标", "保洁率", "＝", "100", "%", w("20"), ""],
        [UP, "时效指标", "保洁次数", "≥", "2", "次/日", w("10"), ""],
        [UP, "数量指标", "不适用", "不适用", "", "", w("0"), ""],
        ["效益指标", "社会效益指标", "环境改善情况", "定性", "优良中低差", "", w("30"), ""],
        ["满意度指标", "服务对象满意度指标", "辖区居民满意度", "≥", "90", "%", w("5"), ""],
        ["成本指标", "经济成本指标", "绿化保洁成本", "≤", "5360031", "元", w("5"), ""],
        [("备注：本表由预算管理一体化系统导出。", 8)],
    ]
