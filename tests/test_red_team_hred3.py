"""Hostile inputs found by the red team on numbers, formulas, two figures in a cell and file names."""
from __future__ import annotations

import json

import pytest

from model.project_file import load_project, save_project
from tests.conftest import REFERENCE_IDS
from tests.helpers import cli, reference_project


@pytest.mark.parametrize("typed", ["1_000", "0x10", "1e3", "Infinity", "NaN", "+5", "5.", "١٢", "1,000"])
def test_a_project_file_number_python_alone_reads_is_no_number(tmp_path, capsys, typed):
    """Decimal('1_000') is 1000 and Decimal('١٢') is 12: a hand-edited file holding them is not
    read as another number; the cell is kept as written and check names it."""
    path = tmp_path / "甲.zpb.json"
    save_project(reference_project(REFERENCE_IDS[0]), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["project"]["funds"][0]["executed"] = typed
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    project = load_project(path)
    assert project.funds[0].executed is None and project.funds[0].unreadable == {"executed": typed}
    code, out, err = cli(capsys, "check", path)
    assert code == 1 and f"“{typed}”不是金额" in out and "全年执行数" in out, out


def test_a_number_the_program_writes_reads_back(tmp_path):
    from decimal import Decimal
    project = reference_project(REFERENCE_IDS[0])
    project.funds[0].set_amount("executed", "0.0000001")
    project.indicators[0].set_number("weight", "-0")
    path = tmp_path / "乙.zpb.json"
    save_project(project, path)
    back = load_project(path)
    assert back.funds[0].executed == Decimal("0.0000001") and back.funds[0].unreadable == {}
    assert back == project


def test_a_printed_total_python_alone_reads_is_refused(tmp_path):
    from model.project_file import ProjectFileError
    path = tmp_path / "丙.zpb.json"
    save_project(reference_project(REFERENCE_IDS[0]), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["project"]["printed_total"] = "9_5"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProjectFileError, match="表上的总分：应为数字"):
        load_project(path)


@pytest.mark.parametrize("typed", ["١٢", "1_000", "٣٠万元"])
def test_digits_of_other_scripts_are_no_amount(typed):
    from model.numbers import NotANumber, parse_amount, parse_plain, parse_quantity
    with pytest.raises(NotANumber):
        parse_amount(typed)
    with pytest.raises(NotANumber):
        parse_plain(typed)
    assert parse_quantity(typed) is None or parse_quantity(typed).value != 12
