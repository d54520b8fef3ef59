"""Write the 部门整体支出绩效自评表 as .docx: the project table's writer on the department's layout."""
from __future__ import annotations

from typing import BinaryIO

from model.department import Department
from model.department.evaluation import DepartmentFigures
from model.profiles import profile_keywords

from exporters.properties import set_docx_properties
from exporters.department.layout import build_department_layout
from exporters.docx_writer import add_form, new_document, set_page


def write_department_docx(dept: Department, target: str | BinaryIO, fig: DepartmentFigures | None = None) -> None:
    """A4 portrait, one page where it fits, 宋体/黑体, signature lines below the table."""
    layout = build_department_layout(dept, fig)
    doc = new_document(layout.body_pt)
    set_page(doc.sections[0])
    set_docx_properties(doc, f"{dept.unit_name} {layout.title}".strip(), dept.unit_name)
    doc.core_properties.keywords = profile_keywords(dept.profile)
    add_form(doc, layout)
    doc.save(target)
