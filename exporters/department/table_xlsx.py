"""Write the 部门整体支出绩效自评表 as .xlsx: the project sheet's drawing on the department's layout."""
from __future__ import annotations

from decimal import Decimal
from typing import BinaryIO

from openpyxl import Workbook

from model import NotANumber, parse_amount, plain
from model.department import Department
from model.department.evaluation import DepartmentFigures
from model.profiles import profile_keywords

from exporters.properties import set_xlsx_properties
from exporters.department.layout import build_department_layout
from exporters.layout import LayoutCell, Role
from exporters.xlsx_writer import amount_format, fill_sheet, save_workbook


def _value(cell: LayoutCell):
    """Amounts, 分值 and 得分 as numbers a sheet can add up; anything else as the text shown."""
    if cell.role in (Role.AMOUNT, Role.WEIGHT, Role.SCORE) and cell.text:
        try:
            number = parse_amount(cell.text)
        except NotANumber:
            return cell.text, None  # unreadable text kept as typed
        if number is not None:
            return Decimal(plain(number)), amount_format(number) if cell.role == Role.AMOUNT else "General"
    return (cell.text or None), None


def write_department_xlsx(dept: Department, target: str | BinaryIO, fig: DepartmentFigures | None = None) -> None:
    """A4 portrait, fitted to one page wide, centred, print area set."""
    layout = build_department_layout(dept, fig)
    wb = Workbook()
    set_xlsx_properties(wb, f"{dept.unit_name} {layout.title}".strip(), dept.unit_name)
    wb.properties.keywords = profile_keywords(dept.profile)
    ws = wb.active
    ws.title = "部门整体自评表"
    fill_sheet(ws, layout, _value)
    save_workbook(wb, target)
