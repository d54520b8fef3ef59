"""No label and no number broken badly, in any printed output: the example form (with targets such
as '≥121057.86平方米' and '≤1200元/平方米'), the 汇总表 (six-decimal amounts in the hundred
thousands) and the department table, each as Word and Excel (rendered by LibreOffice) and through
the program's own print routine (`export --pdf` for the form), and the department's report draft,
read back from the PDFs with pdftotext.

A label may stand on one line or break where a reader would ('年度资金/总额', '其中：/当年财政/拨款'):
the word boundaries below are written out here, independently of the program's vocabulary. A
number is found whole on one line ('≥121057.86'; LibreOffice puts spaces between Chinese and
digits, so spaces are ignored), and a unit is never cut ('平方/米').
"""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest

import main
from exporters.department.layout import build_department_layout
from exporters.department.table_docx import write_department_docx
from exporters.department.report import write_department_report
from exporters.department.table_xlsx import write_department_xlsx
from exporters.docx_writer import write_docx
from exporters.unit.summary_docx import write_summary_docx
from exporters.unit.summary_xlsx import write_summary_xlsx
from exporters.xlsx_writer import write_xlsx
from model import FundsKind, Indicator, Project
from model.project_file import load_project, save_project
from model.unit.summary import build_summary
from model.unit import UnitEntry
from tests import department_seeds
from tests.helpers import reference_project, soffice_convert

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parent.parent / "model" / "examples" / "example.zpb.json"

# labels with their word boundaries ('|'): a printed label breaks only there, or not at all
FORM_LABELS = """项目|名称 主管|部门 实施|单位 项目|负责人 联系|电话 年初|预算数 全年|预算数 全年|执行数 分值 执行率
得分 年度|资金|总额 其中：|当年|财政|拨款 上年|结转|资金 其他|资金 年度|总体|目标 预期|目标 实际|完成|情况 一级|指标
二级|指标 三级|指标 偏差|原因|分析|及|改进|措施 产出|指标 效益|指标 数量|指标 质量|指标 时效|指标 成本|指标
社会|效益 服务|对象|满意度|指标 满意度 总分""".split()
DEPARTMENT_LABELS = """单位|名称 主管|部门 联系人 联系|电话 年初|预算数 全年|预算数 全年|执行数 执行率 决算数
年末|结转|和|结余 部门|预决算|差异率 结转|结余率 年度|总体|目标 一级|指标 二级|指标 三级|指标 得分率
偏差|原因|分析|及|改进|措施 产出|指标 效益|指标 满意度|指标 成本|指标 数量|指标 质量|指标 时效|指标
社会|效益|指标 服务|对象|满意度|指标 经济|成本|指标 总分 等级""".split()
SUMMARY_LABELS = """序号 项目|名称 实施|单位 全年|预算数|（万元） 全年|执行数|（万元） 执行率 自评|得分 等级 主要|问题
合计""".split()
UNITS = ("平方米", "元/平方米", "万元")


def example_form() -> Project:
    """The bundled example with the targets that broke: long numbers with their units."""
    p = load_project(EXAMPLE)
    p.indicators[0].target, p.indicators[0].actual = "≥121057.86平方米", "121057.86平方米"
    p.indicators[1].target, p.indicators[1].actual = "≤1200元/平方米", "1180元/平方米"
    p.indicators.append(Indicator(level1="效益指标", level2="可持续影响指标", name="指标1：设备持续运行",
                                  target="≥365天", actual="365天", weight=Decimal(0)))
    for row in p.funds[:2]:  # a project of some 9.9亿 to the 元: wider than 全年预算数 at 10.5 pt
        row.initial_budget = row.annual_budget = Decimal("98765.123456")
        row.executed = Decimal("98765.123455")
    return p


def unit_projects() -> list[Project]:
    projects = [reference_project(i) for i in ("01", "02", "05", "08")]
    total = projects[0].funds_row(FundsKind.TOTAL)
    total.initial_budget = total.annual_budget = Decimal("130741.236412")
    total.executed = Decimal("130741.2364")
    return projects


# Qt's PDFs map some characters to radicals ('⽬' for 目): Kangxi radicals by NFKC, these by hand
_RADICALS = {0x2EA0: "民", 0x2ED4: "门", 0x2ED3: "长", 0x2EC5: "见", 0x2EDB: "风", 0x2EE2: "马", 0x2ECB: "车",
             0x2EDA: "页", 0x2EC9: "贝", 0x2EC4: "西", 0x2ED8: "青", 0x2EDD: "食", 0x2EC6: "角", 0x2EDC: "飞",
             0x2EE5: "鱼", 0x2EE9: "黄", 0x2EEC: "齐", 0x2EF0: "龙", 0x2EF3: "龟"}


def _plain(word: str) -> str:
    return "".join(_RADICALS.get(ord(ch), ch) if 0x2E80 <= ord(ch) <= 0x2FDF and ord(ch) < 0x2F00
                   else unicodedata.normalize("NFKC", ch) if 0x2F00 <= ord(ch) <= 0x2FDF else ch
                   for ch in unescape(word))


GAP_PT = 3.5  # words closer than this are one cell's (LibreOffice's space between Chinese and digits
# is about 2.5 pt); cells stand at least 2 × 0.8 mm apart


@dataclass
class Segment:
    """A run of words on one printed line, within one cell."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float


def segments(pdf: Path) -> list[list[Segment]]:
    """Each page's text as runs of words on a line, split where a gap wider than a space shows
    another cell; spaces dropped."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for page in re.findall(r"<page[^>]*>(.*?)</page>", xml, re.S):
        segs: list[Segment] = []
        for line in re.findall(r"<line[^>]*>(.*?)</line>", page, re.S):
            run: Segment | None = None
            for x0, y0, x1, y1, word in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', line):
                box = [float(v) for v in (x0, x1, y0, y1)]
                if run is not None and box[0] - run.x1 <= GAP_PT:
                    run.text += _plain(word)
                    run.x1 = box[1]
                    continue
                run = Segment(_plain(word), *box)
                segs.append(run)
        pages.append(segs)
    return pages


def label_breaks(pages: list[list[Segment]], label: str) -> list[list[str]]:
    """Every printing of the label as whole runs of words stacked in one cell: its lines."""
    text = label.replace("|", "")
    found = []
    for segs in pages:
        for first in segs:
            if not first.text or not text.startswith(first.text):
                continue
            chain, rest = [first], text[len(first.text):]
            while rest:
                prev = chain[-1]
                below = [s for s in segs if s.text and rest.startswith(s.text)
                         and prev.y0 + 0.4 * (prev.y1 - prev.y0) <= s.y0 <= prev.y1 + 0.8 * (prev.y1 - prev.y0)
                         and s.x0 < prev.x1 and prev.x0 < s.x1]
                if not below:
                    break
                chain.append(below[0])
                rest = rest[len(below[0].text):]
            if not rest:
                found.append([s.text for s in chain])
    return found


def bad_label_lines(pages: list[list[Segment]], label: str) -> list[list[str]]:
    """The printings of label broken other than between its words, or leaving one character alone."""
    allowed, at = set(), 0
    for word in label.split("|")[:-1]:
        at += len(word)
        allowed.add(at)
    bad = []
    for lines in label_breaks(pages, label):
        ends = {sum(len(x) for x in lines[:i + 1]) for i in range(len(lines) - 1)}
        if not ends <= allowed or (len(lines) > 1 and any(len(x) <= 1 for x in lines)):
            bad.append(lines)
    return bad


def lines_of(pages: list[list[Segment]]) -> list[str]:
    return [s.text for segs in pages for s in segs]


def numbers_in(texts: list[str]) -> Counter:
    """The numbers a set of cells prints, counted per cell: '≥121057.86', '130741.236412', '96.83%'."""
    found: Counter = Counter()
    for t in texts:
        found.update(re.findall(r"[≥≤]?\d+(?:\.\d+)?%?", t))
    return found


def whole_numbers(pages: list[list[Segment]]) -> Counter:
    return numbers_in(lines_of(pages))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.fail("LibreOffice and poppler-utils are needed: .ci/run installs them")
    from PySide6.QtWidgets import QApplication

    from exporters.pdf import pdf_bytes
    from ui.overview.print_all import pdf_all
    QApplication.instance() or QApplication([])
    base = tmp_path_factory.mktemp("whole")
    form = example_form()
    write_docx(form, base / "form.docx")
    write_xlsx(form, base / "form-x.xlsx")
    save_project(form, base / "form.zpb.json")
    assert main.main(["export", str(base / "form.zpb.json"), "--pdf", str(base / "form-qt.pdf")]) == 0
    entries = [UnitEntry(Path(f"{i}.zpb.json"), p) for i, p in enumerate(unit_projects())]
    summary = build_summary(entries)
    write_summary_docx(summary, base / "summary.docx")
    write_summary_xlsx(summary, base / "summary-x.xlsx")
    assert pdf_all(entries, str(base / "summary-qt.pdf"))
    dept = department_seeds.jinsong()
    write_department_docx(dept, base / "department.docx")
    write_department_xlsx(dept, base / "department-x.xlsx")
    write_department_report(dept, department_seeds.jinsong_folder(), base / "report.docx")
    # the program's print routine on the department's table (the one layout every output draws)
    (base / "department-qt.pdf").write_bytes(pdf_bytes([build_department_layout(dept)], "部门整体支出绩效自评表"))
    soffice_convert(sorted(base.glob("*.docx")) + sorted(base.glob("*.xlsx")), "pdf", base)
    return base, form, summary, dept


OUTPUTS = {"docx": "", "xlsx": "-x", "qt": "-qt"}


@pytest.mark.parametrize("output", OUTPUTS)
def test_the_form_prints_every_label_and_number_whole(pdfs, output):
    base, form, _, _ = pdfs
    blocks = segments(base / f"form{OUTPUTS[output]}.pdf")
    missing = [lb for lb in FORM_LABELS if not label_breaks(blocks, lb)]
    assert not missing, f"labels not found as whole lines of a cell: {missing}"
    bad = {lb: got for lb in FORM_LABELS if (got := bad_label_lines(blocks, lb))}
    assert not bad, f"labels broken where a reader would not: {bad}"
    cells = [form.name, form.phone, form.goal, form.achieved]
    cells += [t for ind in form.indicators for t in (ind.name, ind.target, ind.actual)]
    cells += [str(getattr(row, f)) for row in form.funds for f in ("initial_budget", "annual_budget", "executed")
              if getattr(row, f) is not None]
    want = numbers_in(cells)
    assert "98765.123456" in want
    got = whole_numbers(blocks)
    assert "≥121057.86" in want and "≤1200" in want
    assert not {n: c for n, c in want.items() if got[n] < c}, f"numbers broken: {want - got}"
    lines = lines_of(blocks)
    for unit in UNITS:  # a unit may leave its number, but stays whole
        assert sum(line.count(unit) for line in lines) >= sum(c.count(unit) for c in cells), unit


@pytest.mark.parametrize("output", OUTPUTS)
def test_the_summary_prints_every_label_and_number_whole(pdfs, output):
    base, _, summary, _ = pdfs
    blocks = segments(base / f"summary{OUTPUTS[output]}.pdf")
    missing = [lb for lb in SUMMARY_LABELS if not label_breaks(blocks, lb)]
    assert not missing, f"labels not found as whole lines of a cell: {missing}"
    bad = {lb: got for lb in SUMMARY_LABELS if (got := bad_label_lines(blocks, lb))}
    assert not bad, f"labels broken where a reader would not: {bad}"
    budgets = [str(p.total_funds.annual_budget) for p in unit_projects()]
    want = numbers_in(budgets + ["130741.2364", f"{sum(Decimal(b) for b in budgets).normalize():f}"])
    got = whole_numbers(blocks)
    assert "130741.236412" in want
    assert not {n: c for n, c in want.items() if got[n] < c}, f"numbers broken: {want - got}"


@pytest.mark.parametrize("output", OUTPUTS)
def test_the_department_table_prints_every_label_and_number_whole(pdfs, output):
    base, _, _, dept = pdfs
    blocks = segments(base / f"department{OUTPUTS[output]}.pdf")
    missing = [lb for lb in DEPARTMENT_LABELS if not label_breaks(blocks, lb)]
    assert not missing, f"labels not found as whole lines of a cell: {missing}"
    bad = {lb: got for lb in DEPARTMENT_LABELS if (got := bad_label_lines(blocks, lb))}
    assert not bad, f"labels broken where a reader would not: {bad}"
    cells = [t for ind in dept.indicators for t in (ind.target, ind.actual)]
    cells += [str(r.annual_budget) for r in dept.budget if r.annual_budget is not None]
    want = numbers_in(cells)
    got = whole_numbers(blocks)
    assert "≥121057.86" in want and "5360031" in "".join(want)
    assert not {n: c for n, c in want.items() if got[n] < c}, f"numbers broken: {want - got}"
    lines = lines_of(blocks)
    assert sum(line.count("平方米") for line in lines) >= sum(c.count("平方米") for c in cells)


REPORT_LABELS = "指标|名称 分值 得分 得分率".split()


def test_the_report_draft_prints_its_table_and_figures_whole(pdfs):
    """The report's 表1 labels, and the department's amounts in its sentences, each on one line."""
    base, _, _, dept = pdfs
    blocks = segments(base / "report.pdf")
    missing = [lb for lb in REPORT_LABELS if not label_breaks(blocks, lb)]
    assert not missing, f"labels not found as whole lines of a cell: {missing}"
    bad = {lb: got for lb in REPORT_LABELS if (got := bad_label_lines(blocks, lb))}
    assert not bad, f"labels broken where a reader would not: {bad}"
    amounts = [f"{r.annual_budget.normalize():f}" for r in dept.budget if r.annual_budget]
    want = numbers_in(amounts)
    assert "31385.997668" in want
    got = whole_numbers(blocks)
    assert not {n for n in want if not got[n]}, f"numbers broken: {want - got}"
