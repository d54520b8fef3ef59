"""README's "Forms that import" table stays true: every layout it lists has a form built here in
that layout (python-docx and openpyxl), which imports in both formats without being refused and
with what the row says it reads; a layout added here without a row in README fails, and so does
a row without a form."""
from __future__ import annotations

import re
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from importers import read_readings
from model import FundsKind
from tests.importers import builders as B

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "tests" / "data" / "forms"


def readme_layouts() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Forms that import", 1)[1].split("\n#", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| layout")]
    cells = [re.split(r"(?<!\\)\|", row.strip().strip("|")) for row in rows]
    return [(c[0].strip(), c[1].strip()) for c in cells]


def _sheet(blocks: list) -> list[list]:
    rows: list[list] = []
    for block in blocks:
        rows += [[(block, 8)]] if isinstance(block, str) else block
    return rows


def _two_forms() -> list:
    blocks = B.anhui(2022) + B.anhui(2023)
    blocks[5][0] = ["项目名称", ("防汛物资储备", 9)]
    return blocks


# README row (its first words) → (the blocks of a form in that layout, a check of what was read)
LAYOUTS = {
    "朝阳区项目支出绩效自评表": (None, lambda ps: ps[0].name and len(ps[0].indicators) >= 5),
    "central / 安徽 / 河北": (lambda: B.anhui(), lambda ps: ps[0].printed_total == 99 and len(ps[0].indicators) == 9),
    "四川 部门预算项目支出绩效自评表": (lambda: [B.sichuan()], lambda ps: ps[0].budget_weight == 10
                                     and ps[0].notes and ps[0].funds_row(FundsKind.OTHER).annual_budget == 0),
    "amounts in 元": (lambda: [B.sichuan(yuan=True)], lambda ps: ps[0].total_funds.annual_budget == D("251.89")),
    "amounts with 万 in the cell": (lambda: [B.hunan_scoring()], lambda ps: ps[0].total_funds.annual_budget == D("125.25")),
    "绩效目标申报表": (lambda: [B.declaration_sheet("老旧小区保洁")], lambda ps: ps[0].total_funds.annual_budget == 120),
    "目标批复表 / 目标审批表": (lambda: B.targets_approval(), lambda ps: ps[0].total_funds.annual_budget == 120),
    "budget-system 项目支出绩效自评表": (lambda: [B.budget_system()],
                                     lambda ps: [i.weight for i in ps[0].indicators] == [30, 20, 10, 20, 20]),
    "计分表 with 分值 in its labels": (lambda: [B.hunan_scoring()], lambda ps: ps[0].indicators[0].weight == 10),
    "指标表 with 评价内容": (lambda: B.evaluation_content(),
                        lambda ps: ps[0].name == "乡村道路养护项目" and ps[0].indicators[0].level1 == "产出指标"),
    "totals on the funds line": (lambda: [B.totals_on_funds_line()],
                                 lambda ps: not ps[0].budget_item and ps[0].printed_total == 98),
    "no 预算执行率 item": (lambda: [B.no_budget_item()], lambda ps: not ps[0].budget_item),
    "several forms in one file": (_two_forms, lambda ps: [p.name for p in ps] == ["水旱灾害防御经费", "防汛物资储备"]),
}


def _key(first_cell: str) -> str:
    found = [k for k in LAYOUTS if first_cell.startswith(k)]
    assert len(found) == 1, f"README row “{first_cell}” has no form built in tests/importers/test_readme_forms.py"
    return found[0]


def test_every_readme_layout_has_a_form_here_and_every_form_a_row():
    rows = readme_layouts()
    assert len(rows) >= len(LAYOUTS)
    assert sorted(_key(first) for first, _ in rows) == sorted(LAYOUTS)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("first, what", readme_layouts(), ids=lambda x: x[:12])
def test_every_readme_layout_imports_as_it_says(first, what, fmt, tmp_path):
    blocks, read_right = LAYOUTS[_key(first)]
    if blocks is None:  # the district's own reference forms
        path = tmp_path / f"01.{fmt}"
        shutil.copy(FORMS / f"01.{fmt}", path)
    elif fmt == "docx":
        path = B.write_docx(tmp_path / "f.docx", blocks())
    elif _key(first) == "several forms in one file":
        two = _two_forms()
        path = B.write_xlsx(tmp_path / "f.xlsx", {"甲": _sheet(two[:3]), "乙": _sheet(two[3:])})
    else:
        path = B.write_xlsx(tmp_path / "f.xlsx", {"表": _sheet(blocks())})
    readings = read_readings(path)
    assert not any(r.refusal for r in readings), [r.refusal for r in readings]
    assert read_right([r.project for r in readings]), [r.lines() for r in readings]
    said = "\n".join(line for r in readings for line in r.lines())
    # a label the row quotes as read (`权重占比`, `自评分` …) is one the reading names
    for quoted in re.findall(r"`([^`]+)` → ", what):
        assert quoted.split("（")[0] in said, (quoted, said)
