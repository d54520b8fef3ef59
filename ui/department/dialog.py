"""部门整体: a dialog to type the department's figures for a unit's folder, with its figures live.

The widgets only collect what is typed; every figure, sentence and problem comes from the
model (model.department_eval / _checks / _text), recomputed on each edit. It keeps the editor's
promises: what the file holds and the dialog does not show is saved back as it was (a widget
changes the file only when its text was changed), a file changed by someone else is not
replaced without asking, exports follow the command line's output rule, closing asks
before unsaved figures are lost, and they survive a crash (a copy autosaved as the clerk types,
offered when the folder's 部门整体 is next opened; ui/editor/recovery.py keeps it). The indicator table is the editor's own (undo, 上移/下移,
得分 with the rule's score beside a hand score).
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (QAbstractScrollArea, QComboBox, QDialog, QDialogButtonBox, QFrame,
                               QGridLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
                               QPlainTextEdit, QPushButton, QScrollArea, QSplitter, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from model import Project, Severity, profile_names
from model.department import MONEY_FIELDS, BudgetKind, Department, ReportSection
from model.department.checks import DepartmentSection, check_department
from model.department.evaluation import VARIANCE_BASE_LABELS, figures, folder_year, summarize
from model.department.file import department_path, dumps, load_department, loads, save_department
from model.department.report_text import projects_sentences, rate_words, score_sentence
from model.fields import AMOUNT_LABELS, DEPARTMENT_LABELS, Section
from model.file_stamp import FileStamp
from model.files import same_file
from model.profiles import load_profile
from model.problems import Place
from model.project import AMOUNT_FIELDS
from model.unit import load_unit

from ui.common import geometry
from ui.common.editing import commit_editing
from ui.common.settings import data_dir
from ui.common.targets import suggested_export
from ui.editor.controller import ProjectController
from ui.editor.recovery import DEPARTMENT_COPY_NAMES, CopyKind, Recovered, RecoveryStore
from ui.editor.indicator_panel import IndicatorPanel
from ui.editor.indicator_table import FIELDS as INDICATOR_COLUMNS
from ui.common.interaction import describe_failure

HEADER_FIELDS = ("unit_name", "year", "supervisor", "contact", "phone")
NUMBER_FIELDS = MONEY_FIELDS + ("budget_weight", "budget_hand_score")
DEPARTMENT_FILTER = "部门整体文件 (*.zpbdept.json)"
PREFERRED = (1100, 820)
AUTOSAVE_MS = 3000  # a copy (some 30 ms with its fsyncs) at most every three seconds while the clerk
                    # types, as the editor's: a kill -9 loses the last three seconds at most
DEPARTMENT_COPIES = CopyKind(*DEPARTMENT_COPY_NAMES, dumps, loads)


def _text(value) -> str:
    return "" if value is None else str(value)


class BudgetCell(QUndoCommand):
    """One cell of the 部门预算 table as typed: on the dialog's one undo stack with the indicator
    rows, so Ctrl+Z on the budget undoes the budget, not an indicator edit on a hidden tab."""

    def __init__(self, dialog: DepartmentDialog, row: int, col: int, before: str, after: str) -> None:
        super().__init__(f"修改{list(BudgetKind)[row].value}的{AMOUNT_LABELS[AMOUNT_FIELDS[col]]}")
        self.dialog, self.row, self.col, self.before, self.after = dialog, row, col, before, after

    def redo(self) -> None:
        self.dialog._set_budget_text(self.row, self.col, self.after)

    def undo(self) -> None:
        self.dialog._set_budget_text(self.row, self.col, self.before)


class Choice(QUndoCommand):
    """评分规则 or the 差异率's base chosen: undoable as every other edit of the dialog."""

    def __init__(self, dialog: DepartmentDialog, key: str, before, after, text: str) -> None:
        super().__init__(text)
        self.dialog, self.key, self.before, self.after = dialog, key, before, after

    def redo(self) -> None:
        self.dialog._apply_choice(self.key, self.after)

    def undo(self) -> None:
        self.dialog._apply_choice(self.key, self.before)


def _typed_year(text: str) -> tuple[int | None, str | None]:
    """(year, problem): a year is four digits, 1000–9999."""
    text = text.strip()
    if not text:
        return None, None
    if text.isascii() and text.isdigit() and len(text) == 4 and int(text) >= 1000:
        return int(text), None
    return None, f"年度“{text[:20]}”不是四位年份（如 2023），未保存为年度"


class DepartmentDialog(QDialog):
    """One folder's 部门整体: the 总分 bar, three tabs to type, figures and problems, save and export."""

    def __init__(self, folder: Path, interaction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder, self.interaction = Path(folder), interaction
        self.path = department_path(folder)
        self.disk = FileStamp.of(self.path)  # stamped before reading: a change meanwhile is seen
        exists = self.path.exists()
        on_disk = load_department(self.path) if exists else Department()
        self._read_projects()
        self.folder_year = folder_year(self.projects)
        if not exists and on_disk.year is None:
            on_disk.year = self.folder_year  # a new department: the year its projects report
        # unsaved figures survive a crash, as the editor's work does: a copy autosaved while the
        # clerk types, offered when this folder's 部门整体 is next opened
        self.recovery = RecoveryStore(data_dir() / "recovery", DEPARTMENT_COPIES)
        recovered = self._offer_recovered()
        self.original = recovered.project if recovered else on_disk
        self.dept = self.original.model_copy(deep=True)
        self._shown: dict[object, str] = {}  # widget key -> the text first shown (unchanged: kept as read)
        self.setWindowTitle(f"部门整体绩效[*] — {self.folder.name}")  # [*]: unsaved, as in the editor
        self.setSizeGripEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=150, timeout=self.recompute)
        self._autosave_soon = QTimer(self, singleShot=True, interval=AUTOSAVE_MS, timeout=self.autosave)
        self.rows = ProjectController(Project(indicators=list(self.dept.indicators), profile=self.dept.profile,
                                              budget_weight=None), self)
        self.rows.evaluated.connect(self._timer.start)

        self.bar = self._total_bar()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._scrolled(self._budget_tab()), "预算与决算")
        self.tabs.addTab(self._indicator_tab(), "目标与指标")
        self.tabs.addTab(self._scrolled(self._text_tab()), "报告文字")
        self.figures = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.figures.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)  # long messages say by how much: show them whole
        self.problems.itemClicked.connect(lambda item: self.goto(item.data(Qt.ItemDataRole.UserRole)))
        self.problems.itemActivated.connect(lambda item: self.goto(item.data(Qt.ItemDataRole.UserRole)))
        below = QWidget()
        lay = QHBoxLayout(below)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self._scrolled(self.figures), 1)
        lay.addWidget(self.problems, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tabs)
        split.addWidget(below)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        buttons = QDialogButtonBox()
        self.buttons = {}
        for key, text in (("save", "保存"), ("docx", "导出自评表 Word…"), ("xlsx", "导出自评表 Excel…"),
                          ("report", "生成报告初稿…")):
            self.buttons[key] = b = QPushButton(text)
            b.setAutoDefault(False)  # Enter in a field does not save or export
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons["close"] = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons["close"].setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        self.buttons["save"].clicked.connect(self.save)
        for kind in ("docx", "xlsx", "report"):
            self.buttons[kind].clicked.connect(lambda _=False, k=kind: self.export(k))
        self._actions()
        root = QVBoxLayout(self)
        self.where = QLabel(wordWrap=True)
        self._say_where()
        root.addWidget(self.bar)
        root.addWidget(self.where)
        root.addWidget(split, 1)
        root.addWidget(buttons)
        self.recompute()
        self._saved = dumps(self.collect())
        if recovered:  # what the folder's file holds is what is saved: the recovered figures are not
            self._saved = dumps(on_disk)
            self.disk = recovered.stamp  # a save notices a change made to the file since the crash
            self.recovery.adopt(recovered)  # kept until saved: a second crash loses nothing
            self.recompute()
        geometry.place_dialog(self, *PREFERRED)

    # --- the folder's projects -----------------------------------------------------------------
    def _projects_on_disk(self) -> tuple:
        """What the folder's project files are now (names, times, sizes): read again when it changes."""
        from model.unit import project_paths
        try:
            paths = project_paths(self.folder)
        except OSError:
            return ()
        marks = []
        for path in paths:
            try:
                st = path.stat()
                marks.append((path.name, st.st_mtime_ns, st.st_size))
            except OSError:
                marks.append((path.name, None, None))
        return tuple(marks)

    def _read_projects(self) -> None:
        self._projects_seen = self._projects_on_disk()  # before reading: a save meanwhile is seen
        unit = load_unit(self.folder)
        self.entries = unit.entries
        self.projects: list[Project] = unit.projects
        self.unreadable = [e for e in unit.entries if e.error]
        self.folder_summary = summarize(self.projects)

    def _say_where(self) -> None:
        self.where.setText(f"文件夹：{self.folder}（{len(self.projects)} 个项目文件）；保存为 {self.path.name}")

    def refresh_projects(self) -> bool:
        """The folder's projects read again when a file was saved, added or removed since they
        were read (an editor's 保存, the overview's 新建): the figures shown and every export are of
        the folder as it is, never as it was when the dialog opened. True when read again."""
        if self._projects_on_disk() == self._projects_seen:
            return False
        self._read_projects()
        self._say_where()
        self.recompute()
        return True

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and hasattr(self, "where"):
            self.refresh_projects()  # back from an editor or the overview

    def _offer_recovered(self) -> Recovered | None:
        """The copy a crashed 部门整体 of this folder left, if the clerk takes it; other folders'
        copies are left for their own dialogs, a declined one is deleted."""
        found = self.recovery.left_behind()
        taken = None
        for item in found:
            if taken is None and item.original and same_file(item.original, self.path):
                if self.interaction.ask_recover(f"部门整体（{self.folder.name}，原文件：{item.original}）"):
                    taken = item
                else:
                    RecoveryStore.forget(item)
            else:
                RecoveryStore.release(item)
        if self.recovery.unreadable:
            self.interaction.info("自动保存的内容", f"有 {len(self.recovery.unreadable)} 份部门整体自动保存的内容无法读取，"
                                  f"没有删除，保留在：\n{self.recovery.folder}\n（文件名含 unreadable）")
        return taken

    def autosave(self) -> None:
        """The figures as typed into the recovery copy (gone once they are saved or discarded)."""
        try:
            if self.is_modified():
                self.recovery.save(self.collect(), self.path, self.disk)
            else:
                self.recovery.discard()
        except Exception:  # noqa: BLE001 - a full disk must not stop the typing: said in the title
            self.setWindowTitle(f"部门整体绩效[*] — {self.folder.name}（自动保存失败：无法写入恢复文件）")

    def _actions(self) -> None:
        """Save, undo and the row moves by keyboard, as in the editor."""
        stack = self.rows.undo_stack
        for action, keys, done in (
                (stack.createUndoAction(self, "撤销"), [QKeySequence.StandardKey.Undo], 0),
                (stack.createRedoAction(self, "重做"), [QKeySequence("Ctrl+Y"), QKeySequence.StandardKey.Redo], -1)):
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            # after the stack's own slot: the tab of what was undone or redone comes into view
            action.triggered.connect(lambda _=False, at=done: self._show_command(stack.command(stack.index() + at)))
            self.addAction(action)
            setattr(self, "undo_action" if done == 0 else "redo_action", action)
        for text, keys, slot in (("保存", [QKeySequence.StandardKey.Save], self.save),
                                 ("上移", [QKeySequence("Ctrl+Shift+Up")], lambda: self.indicators.move(-1)),
                                 ("下移", [QKeySequence("Ctrl+Shift+Down")], lambda: self.indicators.move(1)),
                                 ("在下方插入指标", [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")],
                                  lambda: self.indicators.insert_below())):
            action = QAction(text, self)
            action.setShortcuts(keys)
            action.triggered.connect(lambda _=False, s=slot: s())
            self.addAction(action)

    # --- the parts ---------------------------------------------------------------------------
    @staticmethod
    def _scrolled(widget: QWidget) -> QScrollArea:
        """A part that scrolls on a small screen rather than pushing the buttons off it."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(widget)
        return scroll

    def _total_bar(self) -> QFrame:
        """总分 and 等级 always in view, as in the editor; the three rates beside them."""
        bar = QFrame()
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QHBoxLayout(bar)
        self.total = QLabel()
        self.total.setObjectName("total")
        self.total.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.detail = QLabel(wordWrap=True)
        self.detail.setObjectName("detail")
        self.state = QLabel()
        self.state.setObjectName("state")
        lay.addWidget(self.total)
        lay.addSpacing(16)
        lay.addWidget(self.detail, 1)
        lay.addWidget(self.state, 0, Qt.AlignmentFlag.AlignRight)
        return bar

    def _line(self, field: str, value) -> QLineEdit:
        edit = QLineEdit(self.dept.unreadable.get(field) or _text(value))
        edit.textChanged.connect(self._timer.start)
        self.lines[field] = edit
        self._shown[field] = edit.text()
        return edit

    def _budget_tab(self) -> QWidget:
        d, self.lines = self.dept, {}
        page = QWidget()
        lay = QVBoxLayout(page)
        head = QGridLayout()
        for i, field in enumerate(HEADER_FIELDS):
            head.addWidget(QLabel(DEPARTMENT_LABELS[field]), i // 2, (i % 2) * 2)
            head.addWidget(self._line(field, getattr(d, field)), i // 2, (i % 2) * 2 + 1)
        if d.year is None and self.folder_year is not None:
            self.lines["year"].setPlaceholderText(f"项目文件为 {self.folder_year} 年度")
        self.profile = QComboBox()
        self.profile.addItems(profile_names())
        self.profile.setCurrentText(d.profile)
        self.profile.currentTextChanged.connect(lambda name: self._chosen("profile", name))
        head.addWidget(QLabel("评分规则"), 2, 2)
        head.addWidget(self.profile, 2, 3)
        self.variance_base = QComboBox()
        self.variance_base.setToolTip("部门预决算差异率 = |决算数 − 基数| ÷ 基数；各区规定不同，按本区的口径选择")
        self._fill_bases()
        self.variance_base.currentIndexChanged.connect(
            lambda i: self._chosen("variance_base", self.variance_base.itemData(i)))
        self._choices = {"profile": self.profile.currentText(), "variance_base": self.variance_base.currentData()}
        head.addWidget(QLabel("部门预决算差异率的基数"), 3, 0)
        head.addWidget(self.variance_base, 3, 1)
        lay.addLayout(head)
        lay.addWidget(QLabel("部门预算（万元；合计留空则按三项之和）"))
        self.budget = QTableWidget(len(BudgetKind), len(AMOUNT_FIELDS))
        self.budget.setHorizontalHeaderLabels([AMOUNT_LABELS[f] for f in AMOUNT_FIELDS])
        self.budget.setVerticalHeaderLabels([k.value for k in BudgetKind])
        self.budget.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for r, row in enumerate(d.budget):
            for c, f in enumerate(AMOUNT_FIELDS):
                item = QTableWidgetItem(row.unreadable.get(f) or _text(getattr(row, f)))
                self.budget.setItem(r, c, item)
                self._shown[("budget", r, c)] = item.text()
        # four rows, always whole: no scroll bar, the height of its rows
        self.budget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.budget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.budget.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.budget.resizeRowsToContents()
        self.budget.setFixedHeight(self.budget.horizontalHeader().sizeHint().height()
                                   + sum(self.budget.rowHeight(r) for r in range(len(BudgetKind)))
                                   + 2 * self.budget.frameWidth())
        self._budget_texts = {(r, c): self.budget.item(r, c).text()
                              for r in range(self.budget.rowCount()) for c in range(self.budget.columnCount())
                              if self.budget.item(r, c) is not None}
        self._applying = False
        self.budget.itemChanged.connect(self._budget_edited)
        lay.addWidget(self.budget)
        grid = QGridLayout()
        for i, field in enumerate(NUMBER_FIELDS):
            unit = "" if field.startswith("budget_") else "（万元）"
            grid.addWidget(QLabel(DEPARTMENT_LABELS[field] + unit), i // 2, (i % 2) * 2)
            edit = self._line(field, getattr(d, field))
            if field == "budget_hand_score":
                edit.setPlaceholderText("留空按规则计分")
            grid.addWidget(edit, i // 2, (i % 2) * 2 + 1)
        lay.addLayout(grid)
        lay.addStretch(1)
        return page

    def _budget_edited(self, item: QTableWidgetItem) -> None:
        """A budget cell typed (or pasted): one undoable step, as an indicator cell is."""
        self._timer.start()
        if self._applying:
            return
        key = (item.row(), item.column())
        before = self._budget_texts.get(key, "")
        if item.text() != before:
            self._budget_texts[key] = item.text()
            self.rows.undo_stack.push(BudgetCell(self, *key, before, item.text()))

    def _set_budget_text(self, row: int, col: int, text: str) -> None:
        self._budget_texts[(row, col)] = text
        item = self.budget.item(row, col)
        if item is None or item.text() != text:
            self._applying = True
            try:
                if item is None:
                    self.budget.setItem(row, col, QTableWidgetItem(text))
                else:
                    item.setText(text)
            finally:
                self._applying = False

    def _show_command(self, command) -> None:
        """The tab and cell of an undone or redone step, so no change is made out of sight."""
        if isinstance(command, BudgetCell):
            self.tabs.setCurrentIndex(0)
            self.budget.setCurrentCell(command.row, command.col)
        elif isinstance(command, Choice):
            self.tabs.setCurrentIndex(0)
        elif command is not None:
            self.tabs.setCurrentIndex(1)

    def _fill_bases(self) -> None:
        """The profile's base first (the default), then the two bases chosen outright."""
        chosen = self.variance_base.currentData() if self.variance_base.count() else self.dept.variance_base
        profile_base = load_profile(self.profile.currentText()).variance_base
        self.variance_base.blockSignals(True)
        self.variance_base.clear()
        self.variance_base.addItem(f"按评分规则（{VARIANCE_BASE_LABELS[profile_base]}）", None)
        for key, label in VARIANCE_BASE_LABELS.items():
            self.variance_base.addItem(label, key)
        self.variance_base.setCurrentIndex(max(0, self.variance_base.findData(chosen)) if chosen else 0)
        self.variance_base.blockSignals(False)

    def _chosen(self, key: str, value) -> None:
        """A choice made in a box: one step on the dialog's undo stack."""
        before = self._choices[key]
        if value == before:
            return
        what = "评分规则" if key == "profile" else "部门预决算差异率的基数"
        self.rows.undo_stack.push(Choice(self, key, before, value, f"选择{what}"))

    def _apply_choice(self, key: str, value) -> None:
        self._choices[key] = value
        box = self.profile if key == "profile" else self.variance_base
        box.blockSignals(True)
        if key == "profile":
            box.setCurrentText(value)
        else:
            box.setCurrentIndex(max(0, box.findData(value)) if value else 0)
        box.blockSignals(False)
        if key == "profile":
            self._profile_changed(value)
        self._timer.start()

    def _profile_changed(self, name: str) -> None:
        self._fill_bases()
        self.rows.project.profile = name
        self.rows.rescore()

    def _indicator_tab(self) -> QWidget:
        d = self.dept
        page = QWidget()
        lay = QVBoxLayout(page)
        goals = QHBoxLayout()
        self.goal, self.achieved = QPlainTextEdit(d.goal), QPlainTextEdit(d.achieved)
        for key, label, edit in (("goal", "预期目标", self.goal), ("achieved", "实际完成情况", self.achieved)):
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(QLabel(label))
            edit.setFixedHeight(64)
            edit.textChanged.connect(self._timer.start)
            self._shown[key] = edit.toPlainText()
            box.addWidget(edit)
            goals.addLayout(box)
        lay.addLayout(goals)
        self.indicators = IndicatorPanel(self.rows, self.interaction, page)
        self.indicators.setTitle("部门整体绩效指标（得分留空按评分规则计分；直接输入分数即为手动得分）")
        self.table = self.indicators.view
        lay.addWidget(self.indicators, 1)
        return page

    def _text_tab(self) -> QWidget:
        inner = QWidget()
        lay = QGridLayout(inner)
        self.sections: dict[ReportSection, QPlainTextEdit] = {}
        for i, section in enumerate(ReportSection):
            edit = QPlainTextEdit(self.dept.text.get(section, ""))
            edit.setPlaceholderText("留空则报告中留出【待填写】的位置")
            edit.setMinimumHeight(70)
            edit.textChanged.connect(self._timer.start)
            self.sections[section] = edit
            self._shown[section] = edit.toPlainText()
            lay.addWidget(QLabel(section.value), i, 0, Qt.AlignmentFlag.AlignTop)
            lay.addWidget(edit, i, 1)
        return inner

    # --- what was typed, and what it gives --------------------------------------------------
    def _changed(self, key, text: str) -> bool:
        return text != self._shown.get(key)

    def collect(self) -> Department:
        """The department as read, with what was typed since: a widget whose text is as first
        shown leaves its field as the file had it (hidden fields and exact spellings included)."""
        d = self.original.model_copy(deep=True)
        self.year_problem = None
        for field, edit in self.lines.items():
            if not self._changed(field, edit.text()):
                continue
            if field == "year":
                d.year, self.year_problem = _typed_year(edit.text())
            else:
                d.set_typed(field, edit.text().strip())
        for r, row in enumerate(d.budget):
            for c, f in enumerate(AMOUNT_FIELDS):
                item = self.budget.item(r, c)
                text = item.text() if item else ""
                if self._changed(("budget", r, c), text):
                    row.set_typed(f, text.strip())
        if self.profile.currentText() != d.profile:
            d.profile = self.profile.currentText()
        d.variance_base = self.variance_base.currentData()
        for key, edit in (("goal", self.goal), ("achieved", self.achieved)):
            if self._changed(key, edit.toPlainText()):
                setattr(d, key, edit.toPlainText())
        d.indicators = [ind.model_copy(deep=True) for ind in self.rows.project.indicators]
        text = dict(d.text)
        for section, edit in self.sections.items():
            typed = edit.toPlainText()
            if not self._changed(section, typed):
                continue
            if typed.strip():
                text[section] = typed
            else:
                text.pop(section, None)
        d.text = text
        return d

    def recompute(self) -> None:
        self.dept = d = self.collect()
        # the folder's projects do not change while the dialog is open: summed once, not per keystroke
        fig = dataclasses.replace(figures(d), folder=self.folder_summary)
        rate = lambda r: "—" if r is None else rate_words(r)  # noqa: E731
        base = VARIANCE_BASE_LABELS[fig.variance_base]
        lines = [f"预算执行率：<b>{rate(fig.execution_rate)}</b>　结转结余率：<b>{rate(fig.carryover_rate)}</b>　"
                 f"部门预决算差异率：<b>{rate(fig.variance_rate)}</b>（以{base}为基数）",
                 "".join(projects_sentences(fig))]
        if d.indicators or fig.budget_scored:
            lines.append(score_sentence(d, fig))
        self.figures.setText("<br>".join(lines))
        problems = check_department(d, self.projects, fig)
        texts = [str(p) for p in problems]
        if self.year_problem:
            texts.insert(0, f"[错误] {self.year_problem}")
        texts += [f"[提醒] 项目文件夹：{e.path.name} 无法读取，未计入" for e in self.unreadable]
        self.problems.clear()
        self.problems.addItems(texts or ["没有发现问题"])
        first = 1 if self.year_problem else 0
        if self.year_problem:
            self.problems.item(0).setData(Qt.ItemDataRole.UserRole, Place(DepartmentSection.DEPARTMENT, None, "year"))
        for i, problem in enumerate(problems):  # a click goes to the cell, as in the editor
            self.problems.item(first + i).setData(Qt.ItemDataRole.UserRole, problem.place)
        self._show_total(fig, problems)
        self.setWindowModified(dumps(d) != getattr(self, "_saved", dumps(d)))
        if not self._autosave_soon.isActive():  # typing without a pause still autosaves every few seconds
            self._autosave_soon.start()

    def goto(self, place) -> None:
        """Show the tab and the field or cell a problem is about, ready to type."""
        if place is None:
            return
        if place.section == Section.INDICATOR and place.row is not None:
            self.tabs.setCurrentIndex(1)
            col = INDICATOR_COLUMNS.index(place.field) if place.field in INDICATOR_COLUMNS else 0
            index = self.table.model().index(min(place.row, self.table.model().rowCount() - 1), col)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            self.table.setFocus()
        elif place.section == DepartmentSection.BUDGET and place.row is not None:
            self.tabs.setCurrentIndex(0)
            col = AMOUNT_FIELDS.index(place.field) if place.field in AMOUNT_FIELDS else 0
            self.budget.setCurrentCell(place.row, col)
            self.budget.setFocus()
        elif place.field in ("goal", "achieved"):
            self.tabs.setCurrentIndex(1)
            (self.goal if place.field == "goal" else self.achieved).setFocus()
        elif place.field in self.lines:
            self.tabs.setCurrentIndex(0)
            self.lines[place.field].setFocus()
            self.lines[place.field].selectAll()

    def _show_total(self, fig, problems) -> None:
        # missing scores: 总分 and 等级 待定, as in the editor; what there is so far said as partial
        partial = "" if fig.complete else f"<span style='font-size:13px; font-weight:normal'>（{fig.partial_text()}）</span>"
        self.total.setText(f"总分 {fig.total_text()}{partial}　等级 {fig.grade}")
        rate = lambda r: "—" if r is None else rate_words(r)  # noqa: E731
        self.detail.setText(f"预算执行率 {rate(fig.execution_rate)}　部门预决算差异率 {rate(fig.variance_rate)}"
                            f"（以{VARIANCE_BASE_LABELS[fig.variance_base]}为基数）　分值合计 {fig.weight_sum_words()}")
        errors = sum(p.severity == Severity.ERROR for p in problems) + bool(self.year_problem)
        warnings = len(problems) + bool(self.year_problem) - errors
        if errors:
            self.state.setText(f"<span style='color:#b00020'>{errors} 个错误</span>，{warnings} 个提醒")
        else:
            self.state.setText("可以签章" + (f"（{warnings} 个提醒）" if warnings else ""))

    def is_modified(self) -> bool:
        return dumps(self.collect()) != self._saved

    # --- save, export, close --------------------------------------------------------------------
    def save(self) -> bool:
        """Save into the folder; a file someone else changed since it was read is not replaced
        without the clerk's word (覆盖保存 / 另存为 / 取消), as the editor asks."""
        commit_editing(self)
        self.recompute()
        try:
            if self._changed_on_disk():
                answer = self.interaction.ask_file_changed(str(self.path))
                if answer == "save_as":
                    return self._save_copy()
                if answer != "overwrite":
                    return False
            save_department(self.dept, self.path)
            self.disk = FileStamp.of(self.path)
        except Exception as exc:  # noqa: BLE001 - every failure is shown, nothing is lost
            self.interaction.error("保存失败", describe_failure(exc))
            return False
        self._saved = dumps(self.dept)
        self.setWindowModified(False)
        self.recovery.discard()
        return True

    def _changed_on_disk(self) -> bool:
        if self.disk is None:
            return self.path.exists()  # created by someone else since the dialog opened
        return self.disk.changed(self.path)

    def _save_copy(self) -> bool:
        """另存为: the clerk's figures in another department file; the folder's stays as the other left it."""
        target = self.interaction.save_file(str(self.folder / "部门整体（我的修改）.zpbdept.json"),
                                            DEPARTMENT_FILTER, "另存为")
        if not target:
            return False
        if not target.lower().endswith(".zpbdept.json"):
            target = str(Path(target).with_suffix("")) + ".zpbdept.json"
            if Path(target).exists() and not self.interaction.confirm(  # the file dialog asked about another name
                    "文件已存在", f"{target} 已存在。要替换它吗？\n（选“否”不写入任何文件）"):
                return False
        from cli.outputs import OutputRule
        if OutputRule([str(self.path)] + [str(e.path) for e in self.entries]).is_input(target):
            self.interaction.error("无法另存", f"{target} 是本文件夹的部门整体文件或项目文件，另存不能覆盖它；请换一个文件名")
            return False
        save_department(self.dept, target)
        self._saved = dumps(self.dept)
        self.setWindowModified(False)
        self.recovery.discard()
        self.interaction.info("已另存", f"已另存为 {target}；文件夹中的 {self.path.name} 保留对方的修改。")
        return True

    def export(self, kind: str) -> None:
        """Write through the command line's output rule: never over the department file or a
        project file of the folder (or any .json), never Word under an Excel name."""
        from cli.outputs import OutputRule
        from exporters.department.outputs import OUTPUTS, render_department
        from exporters.files import write_output
        commit_editing(self)
        if not self.refresh_projects():
            self.recompute()
        if self._changed_on_disk():  # a colleague's or another window's save since this one read it
            if not self.is_modified():
                self.interaction.error("请重新打开部门整体", f"{self.path}\n\n这个文件在打开后已被其他窗口或程序修改，"
                                       "本窗口显示的是修改前的内容，没有导出。请关闭部门整体后重新打开，再导出。")
                return
            if not self.interaction.confirm("部门整体文件已被修改", f"{self.path}\n\n这个文件在打开后已被其他窗口或程序修改。"
                                            "导出的是本窗口中的内容，不含对方的修改。继续导出吗？"):
                return
        what, name = OUTPUTS[kind]
        fmt = "xlsx" if kind == "xlsx" else "docx"
        wanted = "Excel 文件 (*.xlsx)" if kind == "xlsx" else "Word 文件 (*.docx)"
        # a draft report the clerk has since written in is never the default to replace
        suggested = suggested_export(self.folder, Path(name).stem, Path(name).suffix.lstrip("."))
        target = self.interaction.save_file(str(suggested), wanted, f"导出{what}")
        if not target:
            return
        if not Path(target).suffix:
            target += f".{fmt}"
        # the file dialog asked before replacing an existing file: that is the clerk's --force
        rule = OutputRule([str(self.path)] + [str(e.path) for e in self.entries], force=True)
        if rule.is_input(target):
            self.interaction.error("无法导出", f"{target} 是本文件夹的"
                                   f"{'部门整体文件' if Path(target).name == self.path.name else '项目文件'}，"
                                   "导出不能覆盖它；请换一个文件名")
            return
        refused = rule.refuse_reason(target, fmt)
        if refused:
            self.interaction.error("无法导出", refused)
            return
        try:
            write_output(render_department(kind, self.dept, self.projects), target)
        except Exception as exc:  # noqa: BLE001
            self.interaction.error("导出失败", describe_failure(exc))

    def reject(self) -> None:
        """Closing (关闭, Esc, the title bar's ×) asks before unsaved figures are lost."""
        commit_editing(self)  # a cell still being typed in is part of the figures
        if self.is_modified():
            answer = self.interaction.ask_save_changes(f"部门整体（{self.folder.name}）")
            if answer == "cancel" or (answer == "save" and not self.save()):
                return
        self._autosave_soon.stop()
        self.recovery.close()  # answered for: nothing to recover
        super().reject()


def open_department(window, folder: Path | None = None) -> DepartmentDialog | None:
    """部门整体 for a unit's folder: the one given (the overview's), or one the clerk chooses."""
    folder = folder or window.interaction.choose_folder(str(window._folder()))
    if not folder:
        return None
    from PySide6.QtWidgets import QApplication
    # one dialog per folder in the whole program (the editor's 部门整体 and the overview's): two
    # would save over each other and keep two recovery copies
    for open_one in [w for w in QApplication.topLevelWidgets() if isinstance(w, DepartmentDialog)]:
        if open_one.isVisible() and same_file(open_one.folder, folder):
            open_one.raise_()
            open_one.activateWindow()
            return open_one
    try:
        dialog = DepartmentDialog(Path(folder), window.interaction, window)
    except Exception as exc:  # noqa: BLE001 - a broken department file is shown, not a crash
        window.interaction.error("无法打开部门整体", describe_failure(exc))
        return None
    dialog.show()
    return dialog
