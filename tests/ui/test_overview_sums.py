"""The overview's money totals say what they add up: — where no project gives the figure, and
how many left it blank where the sum is partial."""
from __future__ import annotations

from pathlib import Path

from model import FundsKind, Project
from model.unit import UnitEntry, unit_totals
from ui.overview.window import _sum_text
from tests.ui.conftest import shown_overview


def _entry(budget: str | None, executed: str | None) -> UnitEntry:
    p = Project(year=2024, name="项目")
    row = p.funds_row(FundsKind.TOTAL)
    row.set_amount("annual_budget", budget)
    row.set_amount("executed", executed)
    return UnitEntry(Path("x.zpb.json"), p)


def test_sum_of_none_is_a_dash_and_a_partial_sum_says_so():
    t = unit_totals([_entry(None, "3"), _entry(None, None)])
    assert _sum_text("全年预算数", t, "annual_budget") == "全年预算数合计 —（均未填）"
    assert _sum_text("全年执行数", t, "executed") == "全年执行数合计 3 万元（另有 1 个项目未填）"
    whole = unit_totals([_entry("10", "9"), _entry("5", "5")])
    assert _sum_text("全年预算数", whole, "annual_budget") == "全年预算数合计 15 万元"


def test_amounts_are_shown_whole_not_elided_inside_the_number(qtbot, fake, tmp_path):
    """A 全年预算数 of 123456.789012 in a 96 px column was shown '12345...89012': a number cut in
    its middle reads as another. The amount columns take the width of their widest figure."""
    from decimal import Decimal

    from model.project_file import save_project
    from tests.helpers import reference_project
    from ui.overview.table_model import Col
    folder = tmp_path / "单位"
    folder.mkdir()
    p = reference_project("01")
    total = p.funds_row(FundsKind.TOTAL)
    total.annual_budget, total.executed = Decimal("123456.789012"), Decimal("98765.432109")
    save_project(p, folder / "大.zpb.json")
    w = shown_overview(qtbot, fake, folder)
    metrics = w.view.fontMetrics()
    for col in (Col.BUDGET, Col.EXECUTED):
        text = w.proxy.index(0, col).data()
        assert text in ("123456.789012", "98765.432109")
        assert w.view.columnWidth(col) >= metrics.horizontalAdvance(text) + 8, (col, text)
    w.close()


def test_a_figure_made_wider_by_an_edit_widens_its_column(qtbot, fake, tmp_path):
    """The columns were fitted once, when the folder was read: an edit that made 全年执行数
    123456.789012 left it in a column fitted to '53.808', shown '12345...89012'. The row an edit
    changes is measured again (that row only), and a file added after the reading likewise."""
    from model.project_file import save_project
    from tests.helpers import reference_project
    from ui.overview.table_model import Col
    folder = tmp_path / "单位"
    folder.mkdir()
    save_project(reference_project("01"), folder / "甲.zpb.json")
    w = shown_overview(qtbot, fake, folder)
    before = w.view.columnWidth(Col.EXECUTED)
    entry = w.folder.entries[0]
    p = entry.project.model_copy(deep=True)
    p.funds_row(FundsKind.TOTAL).set_amount("executed", "123456.789012")
    w.folder.edited(entry.path, p, saved=False)  # what the editor's follow() does as the clerk types

    def whole(col: Col) -> bool:
        """The view's own measure of the column's text (its delegate, margins and grid) fits."""
        return w.view.columnWidth(col) >= w.view.sizeHintForColumn(col)
    assert w.proxy.index(0, Col.EXECUTED).data() == "123456.789012"
    assert w.view.columnWidth(Col.EXECUTED) > before and whole(Col.EXECUTED)
    assert whole(Col.RATE)  # '228623.68%': the rate grew with it

    big = reference_project("02")
    big.funds_row(FundsKind.TOTAL).set_amount("annual_budget", "987654321.123456")
    w.folder.add_project(big, "乙")
    assert w.proxy.rowCount() == 2 and whole(Col.BUDGET)
    w.close()
