"""部门整体: a dialog to type the department's figures for a unit's folder, with its figures live.

The widgets only collect what is typed; every figure, sentence and problem comes from the
model (model.department_eval / _checks / _text), recomputed on each edit.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton,
                               QScrollArea, QSplitter, QTableWidget, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from model import Indicator, Project, profile_names, score_text
from model.department import MONEY_FIELDS, BudgetKind, Department, ReportSection
from model.department.checks import check_department
from model.department.evaluation import VARIANCE_BASE_LABELS, figures
from model.department.file import department_path, dumps, load_department, save_department
from model.department.report_text import projects_sentences, rate_words, score_sentence
from model.fields import AMOUNT_LABELS, DEPARTMENT_LABELS, INDICATOR_LABELS
from model.project import AMOUNT_FIELDS
from model.unit import load_unit

from ui.common.interaction import describe_failure

HEADER_FIELDS = ("unit_name", "year", "supervisor", "contact", "phone")
INDICATOR_FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "hand_score", "deviation")
SHOWN = ("计分结果", "得分率")  # read-only columns: what the rules give, beside what was typed


def _text(value) -> str:
    return "" if value is None else str(value)


class DepartmentDialog(QDialog):
    """One folder's 部门整体: three tabs to type, the figures and problems below, save and export."""

    def __init__(self, folder: Path, interaction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder, self.interaction = Path(folder), interaction
        self.path = department_path(folder)
        self.dept = load_department(self.path) if self.path.exists() else Department()
        unit = load_unit(folder)
        self.projects: list[Project] = unit.projects
        self.unreadable = [e for e in unit.entries if e.error]
        self.setWindowTitle(f"部门整体绩效 — {self.folder.name}")
        self.resize(1000, 760)
        self._timer = QTimer(self, singleShot=True, interval=150, timeout=self.recompute)
        tabs = QTabWidget()
        tabs.addTab(self._budget_tab(), "预算与决算")
        tabs.addTab(self._indicator_tab(), "目标与指标")
        tabs.addTab(self._text_tab(), "报告文字")
        self.figures = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.figures.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)  # long messages say by how much: show them whole
        below = QWidget()
        lay = QHBoxLayout(below)
        lay.addWidget(self.figures, 1)
        lay.addWidget(self.problems, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(tabs)
        split.addWidget(below)
        split.setSizes([520, 220])
        buttons = QDialogButtonBox()
        self.buttons = {}
        for key, text in (("save", "保存"), ("docx", "导出自评表 Word…"), ("xlsx", "导出自评表 Excel…"),
                          ("report", "生成报告初稿…")):
            self.buttons[key] = b = QPushButton(text)
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.buttons["save"].clicked.connect(self.save)
        for kind in ("docx", "xlsx", "report"):
            self.buttons[kind].clicked.connect(lambda _=False, k=kind: self.export(k))
        root = QVBoxLayout(self)
        root.addWidget(QLabel(f"文件夹：{self.folder}（{len(self.projects)} 个项目文件）；保存为 {self.path.name}"))
        root.addWidget(split)
        root.addWidget(buttons)
        self.recompute()
        self._saved = dumps(self.dept) if self.path.exists() else dumps(Department())

    # --- the three tabs -------------------------------------------------------------------
    def _line(self, field: str, value) -> QLineEdit:
        edit = QLineEdit(self.dept.unreadable.get(field) or _text(value))
        edit.textChanged.connect(self._timer.start)
        self.lines[field] = edit
        return edit

    def _budget_tab(self) -> QWidget:
        d, self.lines = self.dept, {}
        page = QWidget()
        form = QFormLayout(page)
        for field in HEADER_FIELDS:
            form.addRow(DEPARTMENT_LABELS[field], self._line(field, getattr(d, field)))
        self.profile = QComboBox()
        self.profile.addItems(profile_names())
        self.profile.setCurrentText(d.profile)
        self.profile.currentTextChanged.connect(self._timer.start)
        form.addRow("评分规则", self.profile)
        self.budget = QTableWidget(len(BudgetKind), len(AMOUNT_FIELDS))
        self.budget.setHorizontalHeaderLabels([AMOUNT_LABELS[f] + "（万元）" for f in AMOUNT_FIELDS])
        self.budget.setVerticalHeaderLabels([k.value for k in BudgetKind])
        self.budget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for r, row in enumerate(d.budget):
            for c, f in enumerate(AMOUNT_FIELDS):
                self.budget.setItem(r, c, QTableWidgetItem(row.unreadable.get(f) or _text(getattr(row, f))))
        self.budget.resizeRowsToContents()
        self.budget.setFixedHeight(self.budget.horizontalHeader().height() + 4
                                   + sum(self.budget.rowHeight(r) for r in range(len(BudgetKind))))
        self.budget.itemChanged.connect(self._timer.start)
        form.addRow("部门预算", self.budget)
        grid = QGridLayout()
        for i, field in enumerate(MONEY_FIELDS + ("budget_weight",)):
            grid.addWidget(QLabel(DEPARTMENT_LABELS[field] + ("" if field == "budget_weight" else "（万元）")),
                           i // 2, (i % 2) * 2)
            grid.addWidget(self._line(field, getattr(d, field)), i // 2, (i % 2) * 2 + 1)
        form.addRow(grid)
        return page

    def _indicator_tab(self) -> QWidget:
        d = self.dept
        page = QWidget()
        lay = QVBoxLayout(page)
        goals = QHBoxLayout()
        self.goal, self.achieved = QPlainTextEdit(d.goal), QPlainTextEdit(d.achieved)
        for label, edit in (("预期目标", self.goal), ("实际完成情况", self.achieved)):
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(QLabel(label))
            edit.setFixedHeight(80)
            edit.textChanged.connect(self._timer.start)
            box.addWidget(edit)
            goals.addLayout(box)
        lay.addLayout(goals)
        self.table = QTableWidget(0, len(INDICATOR_FIELDS) + len(SHOWN))
        self.table.setHorizontalHeaderLabels([INDICATOR_LABELS[f] for f in INDICATOR_FIELDS] + list(SHOWN))
        header = self.table.horizontalHeader()
        for c in range(self.table.columnCount()):
            wide = INDICATOR_FIELDS[c] in ("name", "deviation") if c < len(INDICATOR_FIELDS) else False
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if wide
                                        else QHeaderView.ResizeMode.ResizeToContents)
        for ind in d.indicators:
            self._add_row(ind)
        self.table.itemChanged.connect(self._timer.start)
        row_buttons = QHBoxLayout()
        for text, slot in (("添加指标", lambda: self._add_row(Indicator())), ("删除所选指标", self._delete_rows)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row_buttons.addWidget(b)
        row_buttons.addStretch()
        lay.addWidget(QLabel("部门整体绩效指标（得分留空按评分规则计分；填写即为手动得分）"))
        lay.addWidget(self.table, 1)
        lay.addLayout(row_buttons)
        return page

    def _add_row(self, ind: Indicator) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, f in enumerate(INDICATOR_FIELDS):
            self.table.setItem(r, c, QTableWidgetItem(ind.unreadable.get(f) or _text(getattr(ind, f))))
        self._timer.start()

    def _delete_rows(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)
        self._timer.start()

    def _text_tab(self) -> QWidget:
        inner = QWidget()
        lay = QFormLayout(inner)
        self.sections: dict[ReportSection, QPlainTextEdit] = {}
        for section in ReportSection:
            edit = QPlainTextEdit(self.dept.text.get(section, ""))
            edit.setPlaceholderText("留空则报告中留出【待填写】的位置")
            edit.setMinimumHeight(70)
            edit.textChanged.connect(self._timer.start)
            self.sections[section] = edit
            lay.addRow(section.value, edit)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    # --- what was typed, and what it gives --------------------------------------------------
    def collect(self) -> Department:
        """A Department from the widgets; unreadable numbers are kept as typed and reported."""
        d = Department(district=self.dept.district, profile=self.profile.currentText())
        for field, edit in self.lines.items():
            d.set_typed(field, edit.text().strip())
        for r, row in enumerate(d.budget):
            for c, f in enumerate(AMOUNT_FIELDS):
                item = self.budget.item(r, c)
                row.set_typed(f, item.text().strip() if item else "")
        d.goal, d.achieved = self.goal.toPlainText(), self.achieved.toPlainText()
        indicators = []
        for r in range(self.table.rowCount()):
            ind = Indicator()
            for c, f in enumerate(INDICATOR_FIELDS):
                item = self.table.item(r, c)
                ind.set_typed(f, item.text().strip() if item else "")
            indicators.append(ind)
        d.indicators = indicators
        d.text = {s: e.toPlainText() for s, e in self.sections.items() if e.toPlainText().strip()}
        return d

    def recompute(self) -> None:
        self.dept = d = self.collect()
        fig = figures(d, self.projects)
        rate = lambda r: "—" if r is None else rate_words(r)  # noqa: E731
        lines = [f"预算执行率：<b>{rate(fig.execution_rate)}</b>　结转结余率：<b>{rate(fig.carryover_rate)}</b>　"
                 f"部门预决算差异率：<b>{rate(fig.variance_rate)}</b>（以{VARIANCE_BASE_LABELS[fig.variance_base]}为基数）",
                 "".join(projects_sentences(fig))]
        if d.indicators or fig.budget_scored:
            lines.append(score_sentence(d, fig))
        self.figures.setText("<br>".join(lines))
        self._show_scores(fig)
        self.problems.clear()
        problems = [str(p) for p in check_department(d, self.projects, fig)]
        problems += [f"[提醒] 项目文件夹：{e.path.name} 无法读取，未计入" for e in self.unreadable]
        self.problems.addItems(problems or ["没有发现问题"])

    def _show_scores(self, fig) -> None:
        """The rule's score and 得分率 of each row, with the reason as a tooltip."""
        with QSignalBlocker(self.table):
            for r, (ind, score) in enumerate(zip(self.dept.indicators, fig.indicators)):
                share = fig.share(r, ind.weight)
                for c, text in enumerate(("—" if score.value is None else score_text(score.value),
                                          "" if share is None else rate_words(share))):
                    item = QTableWidgetItem(text)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    item.setToolTip(score.reason)
                    self.table.setItem(r, len(INDICATOR_FIELDS) + c, item)

    def save(self) -> bool:
        self.recompute()
        try:
            save_department(self.dept, self.path)
            self._saved = dumps(self.dept)
        except Exception as exc:  # noqa: BLE001 - every failure is shown, nothing is lost
            self.interaction.error("保存失败", describe_failure(exc))
            return False
        return True

    def export(self, kind: str) -> None:
        from exporters.department.outputs import OUTPUTS, render_department
        from exporters.files import write_output
        self.recompute()
        what, name = OUTPUTS[kind]
        wanted = "Excel 文件 (*.xlsx)" if kind == "xlsx" else "Word 文件 (*.docx)"
        target = self.interaction.save_file(str(self.folder / name), wanted, f"导出{what}")
        if not target:
            return
        try:
            write_output(render_department(kind, self.dept, self.projects), target)
        except Exception as exc:  # noqa: BLE001
            self.interaction.error("导出失败", describe_failure(exc))

    def reject(self) -> None:
        """Closing asks before unsaved figures are lost."""
        self.recompute()
        if dumps(self.dept) != self._saved:
            answer = self.interaction.ask_save_changes(f"部门整体（{self.folder.name}）")
            if answer == "cancel" or (answer == "save" and not self.save()):
                return
        super().reject()


def open_department(window, folder: Path | None = None) -> DepartmentDialog | None:
    """部门整体 for a unit's folder: the one given (the overview's), or one the clerk chooses."""
    folder = folder or window.interaction.choose_folder(str(window._folder()))
    if not folder:
        return None
    try:
        dialog = DepartmentDialog(Path(folder), window.interaction, window)
    except Exception as exc:  # noqa: BLE001 - a broken department file is shown, not a crash
        window.interaction.error("无法打开部门整体", describe_failure(exc))
        return None
    dialog.show()
    return dialog
