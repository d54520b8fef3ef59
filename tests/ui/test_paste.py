"""Pasting into the indicator table: one change per paste, whatever the clipboard holds."""
from __future__ import annotations

from ui.editor import indicator_table as T
from ui.editor.paste import MAX_ROWS


def rows_text(n: int, start: int = 0) -> str:
    return "".join(f"产出指标\t数量指标\t指标{i}\t≥{i}份\t{i}份\t0.5\t\t无\n" for i in range(start, start + n))


def count(signal) -> list:
    seen: list = []
    signal.connect(lambda *args: seen.append(args))
    return seen


def test_a_paste_of_many_rows_is_one_structural_change_one_evaluation_one_undo_step(qtbot, window):
    m, view, c = window.indicator_model, window.indicator_view, window.controller
    before = [i.model_copy(deep=True) for i in c.project.indicators]
    steps = c.undo_stack.count()
    view.setCurrentIndex(m.index(4, T.LEVEL1))  # over the last two rows and on past them
    inserted, changed, evaluated, reset = (count(m.rowsInserted), count(m.dataChanged),
                                           count(c.evaluated), count(m.modelReset))
    view.paste(rows_text(300))
    assert m.rowCount() == 4 + 300
    assert len(inserted) == 1 and reset == [] and len(evaluated) == 1
    assert len(changed) <= 1 + 2  # the replaced rows at once, and the score cells that moved
    assert c.undo_stack.count() == steps + 1
    inds = c.project.indicators
    assert (inds[4].name, inds[303].name, inds[303].target) == ("指标0", "指标299", "≥299份")
    assert str(c.evaluation.weight_sum) == str(sum(i.weight for i in inds if i.weight is not None)
                                                + c.project.budget_weight)
    # the pasted block is selected, as in a spreadsheet
    assert len(view.selectionModel().selectedIndexes()) == 300 * 8
    window.actions_["undo"].trigger()
    assert c.project.indicators == before and m.rowCount() == 6
    window.actions_["redo"].trigger()
    assert m.rowCount() == 304 and c.project.indicators[303].name == "指标299"


def test_pasting_over_existing_rows_keeps_the_cells_it_does_not_cover(qtbot, window):
    m, view, c = window.indicator_model, window.indicator_view, window.controller
    view.setCurrentIndex(m.index(0, T.TARGET))
    view.paste("10份\t9份\n")
    ind = c.project.indicators[0]
    assert (ind.target, ind.actual) == ("10份", "9份") and ind.name and ind.level1 == "产出指标"
    assert m.rowCount() == 6
    assert m.data(m.index(0, T.ACTUAL)) == "9份"


def test_pasting_the_same_cells_again_adds_no_undo_step(qtbot, window):
    m, view, c = window.indicator_model, window.indicator_view, window.controller
    view.setCurrentIndex(m.index(0, T.TARGET))
    text = f"{m.text(0, T.TARGET)}\t{m.text(0, T.ACTUAL)}\n"
    steps = c.undo_stack.count()
    view.paste(text)
    assert c.undo_stack.count() == steps


def test_odd_characters_and_far_too_many_columns_paste_without_a_crash(qtbot, window, fake):
    m, view, c = window.indicator_model, window.indicator_view, window.controller
    view.setCurrentIndex(m.index(0, T.NAME))
    wide = "\t".join(["名称\x00带NUL", "目标\x0b第二行"] + [f"c{i}" for i in range(10_000)])
    view.paste(wide + "\n")
    assert fake.errors == [] and m.rowCount() == 6
    ind = c.project.indicators[0]
    assert "名称" in ind.name and "带NUL" in ind.name and "第二行" in ind.target
    assert (ind.actual, ind.deviation) == ("c0", "c3")  # the sheet's columns past the table are left out


def test_a_huge_cell_is_refused_with_a_message_and_nothing_changes(qtbot, window, fake):
    m, view, c = window.indicator_model, window.indicator_view, window.controller
    before = c.project.model_copy(deep=True)
    steps = c.undo_stack.count()
    view.setCurrentIndex(m.index(0, T.DEVIATION))
    view.paste("很" * (5 * 1024 * 1024))
    assert fake.errors and fake.errors[-1][0] == "无法粘贴" and "没有粘贴" in fake.errors[-1][1]
    assert c.project == before and c.undo_stack.count() == steps


def test_more_rows_than_any_form_are_refused(qtbot, window, fake):
    m, view, c = window.indicator_model, window.indicator_view, window.controller
    view.setCurrentIndex(m.index(0, T.LEVEL1))
    view.paste(rows_text(MAX_ROWS + 1))
    assert fake.errors and f"{MAX_ROWS} 行" in fake.errors[-1][1]
    assert m.rowCount() == 6


def test_a_broken_quote_in_the_clipboard_is_read_as_text_or_refused(qtbot, window, fake):
    m, view, c = window.indicator_model, window.indicator_view, window.controller
    view.setCurrentIndex(m.index(0, T.NAME))
    view.paste('"开头引号没有结束\t下一格\n第二行')
    assert m.rowCount() >= 6 and (fake.errors == [] or fake.errors[-1][0] == "无法粘贴")
