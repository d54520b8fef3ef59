"""A merge a clerk added across two columns they fill gives both the one text Excel shows; what the
merge hid was read as its neighbour's in silence — an 实际完成值 of '优' under a merge with its
target read as '优良中低差', a 全年预算数 as the 年初预算数. Each such cell is named."""
from __future__ import annotations

from decimal import Decimal

import openpyxl

from importers import read_readings
from tests.conftest import FORMS


def test_a_merge_across_target_and_actual_or_two_amounts_is_named(tmp_path):
    wb = openpyxl.load_workbook(FORMS / "01.xlsx")
    ws = wb.worksheets[0]
    ws.merge_cells("E16:F16")  # 质量指标: 年度指标值 '优良中低差' over its 实际完成值 '优'
    ws["E7"] = 20  # 全年预算数 20, hidden by a merge with 年初预算数 18
    ws.merge_cells("D7:E7")
    ws.merge_cells("G8:I8")  # '—' across 分值, 执行率 and 得分 of 财政拨款: says none applies
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    [reading] = read_readings(path)
    p = reading.project
    assert p.indicators[1].actual == "优良中低差" and p.funds[0].annual_budget == Decimal(18)  # as Excel shows them
    assert reading.warnings == [
        "工作表“自评表”的 D7：一个合并单元格横跨年初预算数、全年预算数，这几栏都读作“18”，请核对",
        "工作表“自评表”的 E16：一个合并单元格横跨年度指标值、实际完成值，这几栏都读作“优良中低差”，请核对"]
