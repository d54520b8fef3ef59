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


def _slow_text_fitted_columns(layout, pt, district):
    """text_fitted_columns as it was before it measured each row's unmoving cells once: every
    row's height by row_height_mm at every split tried (the oracle of the fast one)."""
    import math
    from dataclasses import replace

    from exporters import layout as L
    ncols = len(district)
    short, long_ = L.SHORT_TEXT_COLUMNS, L.LONG_TEXT_COLUMNS
    widths = [0.0 if i in short + long_ else district[i] for i in range(ncols)]
    cells = [c for r in layout.rows for c in r.cells]
    for c in cells:
        if c.span == 1 and c.col in short + long_:
            widths[c.col] = max(widths[c.col], L._cell_need_mm(c, pt))
    widths = [max(w, district[i] / 2) if i in long_ else w for i, w in enumerate(widths)]
    widths = [min(math.ceil(w * 10 - 1e-9) / 10, d) for w, d in zip(widths, district)]
    for c in cells:
        lack = min(L._cell_need_mm(c, pt), district[c.col] if c.span == 1 else sum(district[c.col:c.col + c.span])) \
            - sum(widths[c.col:c.col + c.span])
        if lack > 0:
            for i in reversed([i for i in range(c.col, c.col + c.span) if widths[i] < district[i]]):
                give = min(lack, district[i] - widths[i])
                widths[i] += give
                lack -= give
    widths = [math.ceil(w * 10 - 1e-9) / 10 for w in widths]
    room = round(sum(district) - sum(widths), 1)
    if room <= 0:
        return district
    a, b = long_
    usual = district[a] / (district[a] + district[b])

    def split(share):
        trial = list(widths)
        trial[a] = round(trial[a] + room * share, 1)
        trial[b] = round(sum(district) - sum(trial) + trial[b], 1)
        return tuple(trial)

    def total_height(share):
        probe = replace(layout, columns_mm=split(share), body_pt=pt)
        return round(sum(L.row_height_mm(probe, r) for r in layout.rows), 1), abs(share - usual)

    return split(min((k / L.SPLIT_STEPS for k in range(L.SPLIT_STEPS + 1)), key=total_height))


def test_fitting_columns_measuring_unmoving_cells_once_chooses_what_measuring_every_row_chose():
    from exporters.layout import COLUMN_MM, FONT_SIZES_PT, build_layout, text_fitted_columns
    from tests.test_long_forms import REASON, long_project

    projects = [long_form(), long_project(40), long_project(12)]
    for n, reason in ((8, REASON[:60]), (20, "短"), (30, REASON * 3)):
        p = long_form()
        p.indicators = example_indicators(n)
        for i, ind in enumerate(p.indicators):
            ind.deviation = reason[: 5 + 37 * i % len(reason)]
            ind.name = "指标" * (1 + i % 9) + "≥121057.86平方米" * (i % 2)
        projects.append(p)
    chosen = set()
    for project in projects:
        layout = build_layout(project)
        for pt in FONT_SIZES_PT:
            fast = text_fitted_columns(layout, pt, COLUMN_MM)
            assert fast == _slow_text_fitted_columns(layout, pt, COLUMN_MM)
            chosen.add(fast)
    assert len(chosen) > 5  # the splits compared are many, not the district's widths each time


def _xml_parts(data: bytes) -> dict[str, bytes]:
    """Every part, the core properties' times (now, to the second) left out."""
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*<", b"", z.read(n)) for n in z.namelist()}


def test_saving_sheets_in_memory_with_stylesheets_kept_writes_what_workbook_save_writes(monkeypatch, tmp_path):
    """save_workbook (no temporary file a sheet, a stylesheet made once for equal style tables)
    against openpyxl's own Workbook.save: the project's form at every size it takes, the same form
    again (a kept stylesheet), forms with amounts of other decimals (other number formats), the
    combined file (the 汇总表 with its chart, a sheet per project) and the department's table."""
    from openpyxl import Workbook

    from exporters.department.table_xlsx import write_department_xlsx
    from exporters.unit import combined
    from exporters.xlsx_writer import _STYLESHEETS
    from model.project_file import save_project
    from model.unit import load_unit
    from tests.department_seeds import jinsong
    from tests.test_long_forms import long_project

    from decimal import Decimal

    def amounts(text: str):  # every amount with the same decimals: one number format, its own
        p = reference_form("01")
        for row in p.funds:
            row.initial_budget = row.annual_budget = row.executed = Decimal(text)
        return p
    projects = [reference_form("01"), long_form(), long_project(40), amounts("12.5"), amounts("12.125"),
                reference_form("01")]
    for i, p in enumerate(projects):
        save_project(p, tmp_path / f"{i}.zpb.json")
    makers = [lambda b, p=p: write_xlsx(p, b) for p in projects]
    makers.append(lambda b: b.write(combined.combined_xlsx(load_unit(tmp_path).entries)))
    makers.append(lambda b: write_department_xlsx(jinsong(), b))

    def run_all() -> list[dict[str, bytes]]:
        out = []
        for make in makers:
            buf = io.BytesIO()
            make(buf)
            out.append(_xml_parts(buf.getvalue()))
        return out
    _STYLESHEETS.clear()
    fast = run_all()
    assert 0 < len(_STYLESHEETS) < len(makers)  # kept, and found again for the same form
    monkeypatch.setattr(xlsx_writer, "save_workbook", lambda wb, target: Workbook.save(wb, target))
    monkeypatch.setattr("exporters.department.table_xlsx.save_workbook", lambda wb, target: Workbook.save(wb, target))
    slow = run_all()
    assert len(fast) == len(slow)
    for f, s in zip(fast, slow):
        assert f == s


def test_a_form_made_from_its_shape_is_the_document_python_docx_builds(monkeypatch):
    """write_docx puts a form's body and properties into the package of its shape (size, pages):
    every part is the one python-docx's own building and saving of the form writes — one page and
    several, every size, texts with what XML escapes, a carriage return, an empty 实施单位."""
    from exporters import docx_writer
    from exporters.layout import build_layout, paginate
    from tests.test_long_forms import long_project

    odd = reference_form("03")
    odd.name = "  <项目> & “引号” 'a' \"b\"\r\n第二行  "
    odd.implementer = ""
    odd.indicators[0].deviation = "原因\r说明 & <更多>\t制表"
    odd.goal = "目标\r\n一\n\n二"
    odd.district = "朝阳区&"
    many = long_project(40)
    many.implementer = "单位 <甲>"
    projects = [reference_form(f"0{i}") for i in range(1, 9)] + [long_form(), odd, many, long_project(12)]
    shapes = set()
    for project in projects:
        layout = build_layout(project)
        shapes.add((layout.body_pt, len(paginate(layout))))
        fast = io.BytesIO()
        write_docx(project, fast, layout=layout)
        title, author = project.name.strip() or layout.title, project.implementer
        keywords = docx_writer.cut(docx_writer.profile_keywords(project), docx_writer.CORE_PROPERTY_LIMIT)
        assert docx_writer.form_package(layout, title, author, keywords) is not None  # the shortcut was taken
        slow = io.BytesIO()
        with monkeypatch.context() as m:
            m.setattr(docx_writer, "_new_footer", _python_docx_footer)
            docx_writer._form_document(layout, title, author, keywords).save(slow)
        f, s = _xml_parts(fast.getvalue()), _xml_parts(slow.getvalue())
        assert list(f) == list(s)
        for name in f:
            assert f[name] == s[name], (project.name, name)
        core = zipfile.ZipFile(io.BytesIO(fast.getvalue())).read("docProps/core.xml")
        assert re.search(rb'<dcterms:created xsi:type="dcterms:W3CDTF">\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<', core)
    assert len(shapes) >= 3 and any(pages > 1 for _, pages in shapes)


def test_a_title_python_docx_writes_otherwise_takes_the_long_way():
    from exporters import docx_writer
    from exporters.layout import build_layout

    project = reference_form("01")
    project.district = " 朝阳区\t"  # a tab and edge spaces: python-docx writes <w:tab/> and keeps the spaces
    layout = build_layout(project)
    assert docx_writer.form_package(layout, "名", "", "") is None
    buf = io.BytesIO()
    write_docx(project, buf, layout=layout)
    assert b"<w:tab/>" in zipfile.ZipFile(io.BytesIO(buf.getvalue())).read("word/document.xml")


def test_a_name_spelled_like_the_shape_s_marks_is_written_as_it_is(tmp_path):
    """The Word shape's property marks are put in at once: a 项目名称 or 实施单位 that reads like a
    mark ('ZPB-AUTHOR-MARK') is the form's title and author as typed, not another field's."""
    from exporters.docx_writer import _AUTHOR_MARK, _KEYWORDS_MARK, _TITLE_MARK
    cases = [(_AUTHOR_MARK, "北京市朝阳区某单位"), (_KEYWORDS_MARK, "单位"), ("项目", _TITLE_MARK),
             (_TITLE_MARK, _AUTHOR_MARK)]
    for i, (name, implementer) in enumerate(cases):
        project = reference_form("01")
        project.name, project.implementer = name, implementer
        path = tmp_path / f"{i}.docx"
        write_docx(project, path)
        core = Document(str(path)).core_properties
        assert (core.title, core.author) == (name, implementer)
        assert core.keywords.startswith("评分规则")


def _python_docx_footer(document, element) -> str:
    """docx_writer._new_footer as python-docx names and relates a new footer part."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.parts.hdrftr import FooterPart
    package = document.package
    part = FooterPart(package.next_partname("/word/footer%d.xml"), CT.WML_FOOTER, element, package)
    return document.relate_to(part, RT.FOOTER)


def test_a_combined_document_with_its_forms_put_in_is_the_one_python_docx_writes(tmp_path, monkeypatch):
    """The combined .docx leaves each form's tables and lines out of python-docx's tree and puts
    them into the written document.xml, and names its footers without walking the package: every
    part is the one python-docx writes holding them all, its own footers made its own way."""
    from exporters import docx_writer
    from exporters.unit.combined import combined_docx
    from model.project_file import save_project
    from model.unit import load_unit
    from tests.test_long_forms import long_project

    odd = reference_form("03")
    odd.indicators[0].deviation = "原因\r说明 & <更多>"
    projects = [reference_form("01"), long_project(40), odd, long_form(), reference_form("05")]
    for i, p in enumerate(projects):
        save_project(p, tmp_path / f"{i}.zpb.json")
    (tmp_path / "9.zpb.json").write_text("{", encoding="utf-8")  # unreadable: no form, no mark
    entries = load_unit(tmp_path).entries
    fast = combined_docx(entries)
    monkeypatch.setattr(docx_writer, "_new_footer", _python_docx_footer)
    monkeypatch.setattr(docx_writer, "own_footer", lambda s: setattr(s.footer, "is_linked_to_previous", False))
    slow = combined_docx(entries, marks=False)
    f, s = _xml_parts(fast), _xml_parts(slow)
    assert list(f) == list(s)
    for name in f:
        assert f[name] == s[name], name
    assert b"zpb-tables" not in f["word/document.xml"]
    assert f["word/document.xml"].count(b"<w:tbl>") >= 1 + len(projects) + 2  # 汇总表, forms, two split


def test_style_tables_kept_from_a_form_are_those_registering_each_style_gives(monkeypatch):
    """Forms registering the same sizes take the style tables kept from the first: every part
    of each workbook is the one registering every named style anew writes (forms at one size,
    forms with cells set smaller, long forms at a smaller size; each written twice, the second
    time from what the first kept)."""
    from decimal import Decimal

    from exporters.layout import build_layout, cell_text
    from tests.test_long_forms import long_project

    narrow = reference_form("04")
    narrow.indicators[0].target = "≥121057.86平方米（全年累计完成）"  # a cell set smaller than the table
    narrow.funds[0].annual_budget = Decimal("130741.236400")
    projects = [reference_form("01"), narrow, long_form(), long_project(40), long_project(12), reference_form("07")]
    sizes = set()
    for p in projects:
        layout = build_layout(p)
        sizes.add(tuple(sorted({cell_text(layout, c)[0] for row in layout.rows for c in row.cells})))

    def parts(keep: bool) -> list[dict[str, bytes]]:
        monkeypatch.setattr(xlsx_writer, "KEEP_STYLE_TABLES", keep)
        out = []
        for _ in range(2):
            for p in projects:
                buf = io.BytesIO()
                write_xlsx(p, buf)
                out.append(_xml_parts(buf.getvalue()))
        return out
    xlsx_writer._KEPT_TABLES.clear()
    fast = parts(True)
    assert xlsx_writer._KEPT_TABLES  # kept, and taken the second time round
    slow = parts(False)
    for f, s in zip(fast, slow):
        assert f == s
    assert len(sizes) >= 3 and any(len(s) > 1 for s in sizes)  # several sizes, and more than one in a form
