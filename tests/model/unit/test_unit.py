"""A unit's folder: every project file read, unreadable ones kept as entries with a reason."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from model import FundsKind, Project, evaluate
from model.project_file import save_project
from model.unit import UnitEntry, expand, iter_unit, load_unit, project_paths, unit_totals
from tests.helpers import example_indicators


def _project(name: str, budget: str | None, executed: str | None) -> Project:
    p = Project(year=2024, name=name, department="区政务服务局", implementer="热线中心",
                indicators=example_indicators(4))
    row = p.funds_row(FundsKind.TOTAL)
    row.set_amount("annual_budget", budget)
    row.set_amount("executed", executed)
    return p


def _folder(tmp_path: Path) -> Path:
    save_project(_project("乙项目", "100", "90"), tmp_path / "b.zpb.json")
    save_project(_project("甲项目", "50.5", "50.5"), tmp_path / "a.zpb.json")
    save_project(_project("", None, "3"), tmp_path / "c.zpb.json")
    (tmp_path / "d.zpb.json").write_text("{not json", encoding="utf-8")
    (tmp_path / ".a.zpb.json.123.tmp").write_text("half", encoding="utf-8")
    (tmp_path / "a.docx").write_bytes(b"an export beside its project")
    (tmp_path / "sub").mkdir()
    save_project(_project("子文件夹", "1", "1"), tmp_path / "sub" / "e.zpb.json")
    return tmp_path


def test_a_folder_is_its_project_files_by_name(tmp_path):
    folder = _folder(tmp_path)
    assert [p.name for p in project_paths(folder)] == ["a.zpb.json", "b.zpb.json", "c.zpb.json", "d.zpb.json"]
    unit = load_unit(folder)
    assert unit.folder == folder
    assert [e.name for e in unit.entries] == ["甲项目", "乙项目", "c", "d"]
    broken = unit.entries[3]
    assert not broken.ok and broken.project is None and "JSON" in broken.error
    assert broken.evaluation is None and broken.error_count == 1
    assert unit.find(folder / "b.zpb.json").project.name == "乙项目"


def test_totals_sum_each_column_and_rate_the_sums(tmp_path):
    unit = load_unit(_folder(tmp_path))
    t = unit.totals()
    assert (t.projects, t.unreadable) == (4, 1)
    assert t.sums["annual_budget"].value == Decimal("150.5") and t.sums["executed"].value == Decimal("143.5")
    # the rate over the projects that give both figures: c has spent 3 of no 全年预算数
    assert t.execution_rate == Decimal("140.5") / Decimal("150.5")
    # c cannot be scored without its 全年预算数: 待定, counted apart from the grades and the mean
    assert unit.entries[2].evaluation.grade == "待定" and t.unfinished == 1
    totals = [evaluate(p).total for p in unit.projects[:2]]
    assert t.mean_score == sum(totals) / 2
    assert t.graded == 2 and list(t.grade_counts) == ["优", "良", "中", "差"]
    assert t.with_errors == sum(e.error_count > 0 for e in unit.entries if e.ok)


def test_empty_unit_has_no_rate_and_no_mean():
    t = unit_totals([])
    assert t.execution_rate is None and t.mean_score is None and t.projects == 0


def test_files_and_folders_mixed_and_a_missing_file_is_an_entry(tmp_path):
    folder = _folder(tmp_path)
    paths = expand([folder / "sub" / "e.zpb.json", folder / "missing.zpb.json", folder])
    assert paths[:2] == [folder / "sub" / "e.zpb.json", folder / "missing.zpb.json"]
    entries = list(iter_unit(paths))
    assert entries[1].project is None and "找不到文件" in entries[1].error
    assert load_unit([folder / "a.zpb.json"]).folder is None


def test_a_reader_of_many_forms_gives_an_entry_per_form(tmp_path):
    path = tmp_path / "forms.docx"
    path.write_bytes(b"x")
    unit = load_unit([path], read=lambda p: [_project("一", "1", "1"), _project("二", "2", "1")])
    assert [(e.name, e.index) for e in unit.entries] == [("一", 0), ("二", 1)]
    assert unit.find(path, 1).name == "二"
    empty = load_unit([path], read=lambda p: [])
    assert not empty.entries[0].ok and "没有找到" in empty.entries[0].error


def test_replace_recomputes_what_is_derived(tmp_path):
    entry = UnitEntry(tmp_path / "x.zpb.json", _project("x", "100", "50"))
    before = entry.evaluation.rates[FundsKind.TOTAL]
    entry.project.funds_row(FundsKind.TOTAL).set_amount("executed", "100")
    entry.replace(entry.project)
    assert before == Decimal("0.5") and entry.evaluation.rates[FundsKind.TOTAL] == 1
    entry.replace(None, "文件已被删除")
    assert entry.error == "文件已被删除" and entry.evaluation is None and entry.problems == []


def test_file_names_for_projects_never_take_an_existing_file(tmp_path):
    from model.unit import free_path, name_for_file
    assert name_for_file('热线/经费: "2024"?') == "热线_经费 2024"
    assert name_for_file(" .. ") == "未命名项目"
    first = free_path(tmp_path, "甲")
    assert first.name == "甲.zpb.json"
    first.write_text("x", encoding="utf-8")
    assert free_path(tmp_path, "甲").name == "甲（2）.zpb.json"


def test_totals_count_the_projects_each_sum_adds_up(tmp_path):
    unit = load_unit(_folder(tmp_path))  # c.zpb.json has 全年执行数 but no 全年预算数; d is unreadable
    t = unit.totals()
    budget, executed = t.sums["annual_budget"], t.sums["executed"]
    assert t.unreadable == 1 and budget.of == executed.of == 3  # the readable projects
    assert (budget.filled, budget.missing, budget.whole) == (2, 1, False)
    assert (executed.filled, executed.missing, executed.whole) == (3, 0, True)
    assert budget.value == Decimal("150.5") and executed.value == Decimal("143.5")
