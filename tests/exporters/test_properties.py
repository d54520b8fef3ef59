"""File → 属性 of every .docx/.xlsx we write: the form's title and unit, today, this program."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from exporters.unit.combined import combined_docx, combined_xlsx
from exporters.department.outputs import render_department
from exporters.files import render, write_output
from exporters.properties import APPLICATION
from exporters.stamp import is_unchanged_export
from exporters.unit.summary_docx import write_summary_docx
from exporters.unit.summary_xlsx import write_summary_xlsx
from model.unit.summary import build_summary
from model.unit import UnitEntry
from tests.conftest import REFERENCE_IDS
from tests.department_seeds import bishan
from tests.helpers import reference_project


def _summary_bytes(fmt: str, entries) -> bytes:
    buf = io.BytesIO()
    (write_summary_docx if fmt == "docx" else write_summary_xlsx)(build_summary(entries), buf)
    return buf.getvalue()


def _outputs() -> dict[str, tuple[bytes, str, str]]:
    """name -> (bytes, the title it must carry, the author/company it must carry)."""
    project = reference_project(REFERENCE_IDS[0])
    entries = [UnitEntry(Path(f"{i}.zpb.json"), reference_project(i)) for i in REFERENCE_IDS]
    unit = project.implementer.strip()
    assert all(e.project.implementer.strip() == unit for e in entries)  # one unit: it is the author
    dept = bishan()
    out = {f"form.{fmt}": (render(project, fmt), project.name.strip(), unit) for fmt in ("docx", "xlsx")}
    out |= {f"summary.{fmt}": (_summary_bytes(fmt, entries), "项目绩效自评汇总表（2022年度）", unit)
            for fmt in ("docx", "xlsx")}
    out["combined.docx"] = (combined_docx(entries), "项目绩效自评汇总表（2022年度）", unit)
    out["combined.xlsx"] = (combined_xlsx(entries), "项目绩效自评汇总表（2022年度）", unit)
    for kind in ("docx", "xlsx"):
        out[f"department.{kind}"] = (render_department(kind, dept, []), dept.unit_name, dept.unit_name)
    out["report.docx"] = (render_department("report", dept, []), f"{dept.unit_name}部门整体绩效评价报告",
                          dept.unit_name)
    return out


@pytest.mark.parametrize("name", ["form.docx", "form.xlsx", "summary.docx", "summary.xlsx", "combined.docx",
                                  "combined.xlsx", "department.docx", "department.xlsx", "report.docx"])
def test_properties_name_the_form_and_its_unit_never_a_library(name, tmp_path):
    data, title, author = _outputs()[name]
    target = tmp_path / name
    write_output(data, target)
    with zipfile.ZipFile(target) as z:
        core, app = z.read("docProps/core.xml").decode(), z.read("docProps/app.xml").decode()
        assert not [n for n in z.namelist() if "thumbnail" in n]  # the template's blank page
    for word in ("python-docx", "openpyxl", "Openpyxl", "2013-12-23", "Microsoft", "Normal.dotm"):
        assert word not in core + app, (name, word)
    assert f"<Application>{APPLICATION}</Application>" in app and f"<Company>{author}</Company>" in app
    if target.suffix == ".docx":
        props = Document(str(target)).core_properties
        created, modified, creator, got_title = props.created, props.modified, props.author, props.title
    else:
        props = load_workbook(target).properties
        created, modified, creator, got_title = props.created, props.modified, props.creator, props.title
    assert got_title.startswith(title) and creator == author
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for when in (created, modified):
        when = when.replace(tzinfo=None)
        assert now - timedelta(minutes=5) < when <= now + timedelta(seconds=1), (name, when)
    # the export mark still verifies: a batch re-run may replace its own output
    assert re.search(r"<dc:identifier[^>]*>zpb-export:sha256:[0-9a-f]{64}</dc:identifier>", core)
    assert is_unchanged_export(target)


def test_a_table_of_several_units_has_no_author(tmp_path):
    a, b = reference_project(REFERENCE_IDS[0]), reference_project(REFERENCE_IDS[1])
    b.implementer = "北京市朝阳区另一个单位"
    write_output(_summary_bytes("xlsx", [UnitEntry(Path("a"), a), UnitEntry(Path("b"), b)]), tmp_path / "s.xlsx")
    with zipfile.ZipFile(tmp_path / "s.xlsx") as z:
        assert "<Company></Company>" in z.read("docProps/app.xml").decode()
        core = z.read("docProps/core.xml").decode()
    assert not re.search(r"<dc:creator[^>]*>[^<]", core)  # (openpyxl reads a missing one as 'openpyxl')
