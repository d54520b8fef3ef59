"""The department's three outputs rendered in memory, for the command line and the window alike."""
from __future__ import annotations

import io

from model import Project
from model.department import Department
from model.department.evaluation import DepartmentFigures

# output kind -> what it is called, and the file name a window suggests
OUTPUTS = {"docx": ("部门整体支出绩效自评表（Word）", "部门整体支出绩效自评表.docx"),
           "xlsx": ("部门整体支出绩效自评表（Excel）", "部门整体支出绩效自评表.xlsx"),
           "report": ("部门整体绩效评价报告", "部门整体绩效评价报告.docx")}


def render_department(kind: str, dept: Department, projects: list[Project] | None,
                      fig: DepartmentFigures | None = None) -> bytes:
    """The whole file in memory, so a failure never leaves part of it on disk."""
    buf = io.BytesIO()
    if kind == "docx":
        from exporters.department.table_docx import write_department_docx
        write_department_docx(dept, buf, fig)
    elif kind == "xlsx":
        from exporters.department.table_xlsx import write_department_xlsx
        write_department_xlsx(dept, buf, fig)
    elif kind == "report":
        from exporters.department.report import write_department_report
        write_department_report(dept, projects, buf, fig)
    else:
        raise ValueError(kind)
    return buf.getvalue()
