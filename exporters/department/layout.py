"""The printed 部门整体支出绩效自评表 as rows of cells on its own 10-column grid.

The same `FormLayout` as the project's table, so Word and Excel draw it with the project's
writers (merges, fonts, one-page font fitting, signature lines).
"""
from __future__ import annotations

from decimal import Decimal

from model import percent, plain, score_text
from model.department import BudgetKind, Department
from model.department.evaluation import VARIANCE_BASE_LABELS, DepartmentFigures, figures
from model.department.report_text import rate_words
from model.project import AMOUNT_FIELDS

from exporters.layout import (FONT_SIZES_PT, SIGNATURES, FormLayout, LayoutCell, LayoutRow, Merge, Role, RowKind,
                              fit_columns_to_texts, fit_font, split_tall_rows)

# A4 portrait, 186 mm between the margins: 三级指标 and 偏差原因 get the room, 得分率 its own column,
# a target such as '≥121057.86' one line at 9 pt
DEPARTMENT_COLUMNS_MM = (6.0, 17.0, 20.0, 32.0, 22.0, 22.0, 10.0, 11.0, 17.0, 29.0)
ROW_MM = 5.0  # the least row height: a department's table is long (26 indicators in 劲松's)
BLANK_INDICATOR_ROWS = 3  # rows left to fill by hand when no indicator was entered


def _amount(value: Decimal | None, unreadable: dict[str, str], name: str) -> str:
    if name in unreadable:
        return unreadable[name]
    return "" if value is None else plain(value)


def _rate(rate: Decimal | None) -> str:
    return "" if rate is None else percent(rate)


def variance_text(fig: DepartmentFigures) -> str:
    """部门预决算差异率 with its base, which districts choose differently (the file's
    variance_base, else the profile's): '13.89%\n（基数：\n年初预算数）' (broken where a reader would:
    the cell is narrow), the base printed even where the rate is still to be written by hand."""
    base = f"（基数：\n{VARIANCE_BASE_LABELS[fig.variance_base]}）"
    rate = _rate(fig.variance_rate)
    return f"{rate}\n{base}" if rate else base


def share_text(share: Decimal | None) -> str:
    """得分率 as the reports print it: '100%', '90%'."""
    return "" if share is None else rate_words(share)


def build_department_layout(dept: Department, fig: DepartmentFigures | None = None) -> FormLayout:
    fig = fig or figures(dept)
    C = LayoutCell
    rows = [
        LayoutRow([C(0, 2, "单位名称"), C(2, 8, dept.unit_name, align="left")], RowKind.HEADER),
        LayoutRow([C(0, 2, "主管部门"), C(2, 2, dept.supervisor, prose=True), C(4, 2, "联系人"),
                   C(6, 2, dept.contact, prose=True), C(8, 1, "联系电话"), C(9, 1, dept.phone, prose=True)],
                  RowKind.HEADER),
        LayoutRow([C(0, 2, "部门预算\n执行情况\n（万元）", Merge.RESTART), C(2, 1, ""), C(3, 1, "年初预算数"),
                   C(4, 2, "全年预算数"), C(6, 3, "全年执行数"), C(9, 1, "执行率")], RowKind.FUNDS),
    ]
    for row in dept.budget:
        cells = [C(0, 2, "", Merge.CONTINUE), C(2, 1, row.kind.value)]
        for (col, span), name in zip(((3, 1), (4, 2), (6, 3)), AMOUNT_FIELDS):
            shown = getattr(row, name)
            if shown is None and row.kind == BudgetKind.TOTAL:
                shown = dept.amount(BudgetKind.TOTAL, name)  # the parts' sum, as the rates use it
            cells.append(C(col, span, _amount(shown, row.unreadable, name), role=Role.AMOUNT))
        cells.append(C(9, 1, _rate(fig.rates[row.kind]), role=Role.RATE))
        rows.append(LayoutRow(cells, RowKind.FUNDS, ROW_MM))
    pairs = [("决算数", _amount(dept.final_accounts, dept.unreadable, "final_accounts"),
              "年末结转和结余", _amount(dept.carryover, dept.unreadable, "carryover")),
             ("部门预决算差异率", variance_text(fig), "结转结余率", _rate(fig.carryover_rate))]
    if dept.three_public_budget is not None or dept.three_public_final is not None:
        pairs.append(("“三公”经费预算数", _amount(dept.three_public_budget, dept.unreadable, "three_public_budget"),
                      "“三公”经费决算数", _amount(dept.three_public_final, dept.unreadable, "three_public_final")))
    for a, va, b, vb in pairs:
        role = Role.RATE if a == "部门预决算差异率" else Role.AMOUNT
        rows.append(LayoutRow([C(0, 2, "", Merge.CONTINUE), C(2, 1, a), C(3, 1, va, role=role),
                               C(4, 2, b), C(6, 4, vb, role=role)], RowKind.FUNDS, ROW_MM))
    rows += [
        LayoutRow([C(0, 2, "年度总体目标", Merge.RESTART), C(2, 4, "预期目标"), C(6, 4, "实际完成情况")], RowKind.GOAL),
        LayoutRow([C(0, 2, "", Merge.CONTINUE), C(2, 4, dept.goal, align="left"),
                   C(6, 4, dept.achieved, align="left")], RowKind.GOAL, 12.0),
        LayoutRow([C(0, 1, "绩效指标", Merge.RESTART, vertical=True), C(1, 1, "一级指标"), C(2, 1, "二级指标"),
                   C(3, 1, "三级指标"), C(4, 1, "年度\n指标值"), C(5, 1, "实际\n完成值"), C(6, 1, "分值"),
                   C(7, 1, "得分"), C(8, 1, "得分率"), C(9, 1, "偏差原因分析及改进措施")], RowKind.INDICATOR_HEAD, 9.0),
    ]
    rows += _indicator_rows(dept, fig)
    complete = fig.complete
    rows.append(LayoutRow([C(0, 6, "总分"), C(6, 1, fig.weight_sum_text() if fig.weight_sum else "",
                                                   role=Role.WEIGHT),
                           C(7, 1, score_text(fig.total) if complete else "", role=Role.SCORE),
                           C(8, 1, "等级"), C(9, 1, fig.grade)], RowKind.TOTAL))  # 待定 while unfinished
    year = f"（{dept.year}年度）" if dept.year else "（　　年度）"
    layout = FormLayout(
        title=f"{dept.district}部门整体支出绩效自评表", year_line=year, rows=rows,
        body_pt=FONT_SIZES_PT[0], evaluation=fig.evaluation, columns_mm=DEPARTMENT_COLUMNS_MM,
        long_columns=(3, 9), short_columns=(4, 5, 6, 7, 8),
        signature_lines=["　　　　　　　　".join(SIGNATURES),
                         "填报日期：　　　　年　　月　　日" + "　" * 12 + "（单位盖章）"])
    fit_font(layout)
    fit_columns_to_texts(layout)  # a table too long for one page takes widths fitted to its texts
    split_tall_rows(layout)
    return layout


def _indicator_rows(dept: Department, fig: DepartmentFigures) -> list[LayoutRow]:
    C = LayoutCell
    out: list[LayoutRow] = []
    if fig.budget_scored:
        b = fig.evaluation.budget
        share = None if b.value is None or not dept.budget_weight else b.value / dept.budget_weight
        out.append(LayoutRow([
            C(0, 1, "", Merge.CONTINUE), C(1, 1, "预算执行", Merge.RESTART), C(2, 1, "预算执行率", Merge.RESTART),
            C(3, 1, "预算执行率", align="left"), C(4, 1, "100%"), C(5, 1, _rate(fig.execution_rate)),
            C(6, 1, _amount(dept.budget_weight, dept.unreadable, "budget_weight"), role=Role.WEIGHT),
            C(7, 1, "" if b.value is None else score_text(b.value), role=Role.SCORE),
            C(8, 1, share_text(share)), C(9, 1, "")], RowKind.INDICATOR, ROW_MM))
    prev1 = prev2 = None
    for i, ind in enumerate(dept.indicators):
        same1 = prev1 is not None and ind.level1.strip() == prev1 and ind.level1.strip() != ""
        same2 = same1 and ind.level2.strip() == prev2 and ind.level2.strip() != ""
        prev1, prev2 = ind.level1.strip(), ind.level2.strip()
        score = fig.indicators[i]
        shown = (ind.unreadable["hand_score"] if "hand_score" in ind.unreadable
                 else "" if score.value is None else score_text(score.value))
        out.append(LayoutRow([
            C(0, 1, "", Merge.CONTINUE),
            C(1, 1, "" if same1 else ind.level1, Merge.CONTINUE if same1 else Merge.RESTART),
            C(2, 1, "" if same2 else ind.level2, Merge.CONTINUE if same2 else Merge.RESTART),
            C(3, 1, ind.name, align="left"), C(4, 1, ind.target), C(5, 1, ind.actual),
            C(6, 1, _amount(ind.weight, ind.unreadable, "weight"), role=Role.WEIGHT),
            C(7, 1, shown, role=Role.SCORE), C(8, 1, share_text(fig.share(i, ind.weight))),
            C(9, 1, ind.deviation, align="left")], RowKind.INDICATOR, ROW_MM))
    if not out:
        blank = [C(0, 1, "", Merge.CONTINUE)] + [C(c, 1, "") for c in range(1, 10)]
        out = [LayoutRow([LayoutCell(x.col, x.span, x.text, x.merge) for x in blank], RowKind.INDICATOR)
               for _ in range(BLANK_INDICATOR_ROWS)]
    return out

