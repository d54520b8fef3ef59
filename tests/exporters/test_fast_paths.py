"""The writers' shortcuts (a trimmed Word template, merges without openpyxl's border copying)
write what the slow ways wrote: same sheet, every style a document refers to still there."""
from __future__ import annotations

import io
import re
import zipfile

from docx import Document

from exporters import xlsx_writer
from exporters.docx_writer import new_document, write_docx
from exporters.xlsx_writer import write_xlsx
from bench.data import example_indicators, reference_form


def long_form():
    project = reference_form("02")
    project.indicators = example_indicators(15)
    return project


def _parts(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: z.read(n) for n in z.namelist() if not n.startswith("docProps/")}


def test_fast_merge_writes_the_sheet_openpyxl_merge_cells_writes(monkeypatch):
    project = long_form()
    fast = io.BytesIO()
    write_xlsx(project, fast)
    monkeypatch.setattr(xlsx_writer, "merge", lambda ws, r1, c1, r2, c2: ws.merge_cells(
        start_row=r1, start_column=c1, end_row=r2, end_column=c2))
    slow = io.BytesIO()
    write_xlsx(project, slow)
    assert _parts(fast.getvalue()) == _parts(slow.getvalue())
    assert b"<mergeCell " in _parts(fast.getvalue())["xl/worksheets/sheet1.xml"]


def test_trimmed_word_template_keeps_every_style_a_form_refers_to():
    buf = io.BytesIO()
    write_docx(long_form(), buf)
    parts = _parts(buf.getvalue())
    assert not any("stylesWithEffects" in n or "thumbnail" in n for n in parts)
    assert len(parts["word/styles.xml"]) < 20_000  # was 349 KB, with 438 KB of stylesWithEffects
    defined = set(re.findall(rb'w:styleId="([^"]+)"', parts["word/styles.xml"]))
    for name, body in parts.items():
        if name.endswith(".xml"):
            used = set(re.findall(rb'<w:(?:pStyle|rStyle|tblStyle|basedOn|next|link) w:val="([^"]+)"', body))
            assert used <= defined, (name, used - defined)
    doc = Document(io.BytesIO(buf.getvalue()))
    assert doc.styles["Normal"].font.name == "宋体"


def test_documents_from_the_template_are_independent():
    a, b = new_document(10.5), new_document(10.5)
    a.add_paragraph("甲")
    assert [p.text for p in b.paragraphs] == []
    assert new_document(9).styles["Normal"].font.size.pt == 9


def test_sealing_in_one_pass_writes_the_bytes_of_finishing_then_stamping(tmp_path):
    """seal copies the parts it does not change as the library compressed them: the package is
    byte for byte the one finish_package then stamp wrote, each compressing every part again."""
    from exporters.files import render
    from exporters.package import seal
    from exporters.properties import finish_package
    from exporters.stamp import is_unchanged_export, stamp
    from exporters.unit.combined import combined_xlsx
    from model.project_file import save_project
    from model.unit import load_unit

    projects = [reference_form("01"), long_form()]
    projects[0].implementer = "北京市朝阳区<测试>&单位"  # escaped in the properties
    for i, p in enumerate(projects):
        save_project(p, tmp_path / f"{i}.zpb.json")
    packages = [render(p, fmt) for p in projects for fmt in ("docx", "xlsx")]
    packages.append(combined_xlsx(load_unit(tmp_path).entries))  # a chart, several sheets
    for data in packages:
        sealed = seal(data)
        assert sealed == stamp(finish_package(data))
        (tmp_path / "out.zip").write_bytes(sealed)
        assert is_unchanged_export(tmp_path / "out.zip")
        assert zipfile.ZipFile(io.BytesIO(sealed)).testzip() is None
    assert seal(b"%PDF-1.4 not a package") == b"%PDF-1.4 not a package"
