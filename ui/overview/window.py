"""The unit's folder as one window: every project's row, the folder's totals, and work on all of them.

Opening a row starts the usual editor (MainWindow) on that file; its row follows the edits and is
read again from disk when the editor closes. Exports and printing of the whole folder run under
a progress dialog that can be cancelled; files are built in memory, so a cancel writes nothing.
"""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QMainWindow, QProgressBar, QPushButton, QStyleOptionViewItem, QTableView, QVBoxLayout,
                               QWidget)

from model.files import same_file
from model.unit.summary import mean_text
from model.unit import UnitTotals, unit_totals
from model.unit import UnitEntry

from ui.common import geometry
from ui.common.interaction import Interaction, close_dialogs, guarded
from ui.common.windows import windows
from ui.overview.table_model import FILTER_LABELS, HEADERS, Col, Filter, OverviewProxy, UnitTableModel
from ui.overview.work import OverviewWork
from ui.overview.folder import UnitFolder


FOLLOW_MS = 250
FIGURES = (Col.BUDGET, Col.EXECUTED, Col.RATE, Col.TOTAL)  # shown whole, never elided


class OverviewWindow(QMainWindow, OverviewWork):
    def __init__(self, folder: str | Path, interaction: Interaction | None = None) -> None:
        super().__init__()
        self.interaction = interaction or Interaction(self)
        self.folder = UnitFolder(folder, self)
        self.model = UnitTableModel(self.folder)
        self.proxy = OverviewProxy(self.model)
        self.editors: dict[Path, QMainWindow] = {}
        self.file_steps = QUndoStack(self)  # renames, 新建 and 导入: undone as a file manager does
        self._shown_progress = 0.0
        self.setAcceptDrops(True)
        self._totals_soon = QTimer(self)
        self._totals_soon.setSingleShot(True)
        self._totals_soon.setInterval(150)  # many rows arriving: one sum after them
        self._totals_soon.timeout.connect(self.update_totals)
        self._build()
        self.model.rowsInserted.connect(lambda _parent, first, last: self.fit_figures(first, last))
        self.model.dataChanged.connect(lambda top, bottom, *_: self.fit_figures(top.row(), bottom.row()))
        geometry.place(self, QSize(1280, 800), QSize(760, 420), "overview")
        from ui.actions import build_overview_actions
        self.actions_ = build_overview_actions(self)
        f = self.folder
        for signal in (f.inserted, f.removed, f.changed):
            signal.connect(lambda *_: self._totals_soon.start())
        f.progress.connect(self._progress)
        f.loaded.connect(self._loaded)
        self.setWindowTitle(f"{self.folder.folder.name} — 项目一览 — 项目支出绩效自评")
        self.folder.start()

    # --- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget(self)
        v = QVBoxLayout(central)
        bar = QHBoxLayout()
        self.filter_box = QComboBox(central)
        for mode, label in FILTER_LABELS.items():
            self.filter_box.addItem(label, int(mode))
        self.filter_box.currentIndexChanged.connect(lambda i: self.set_filter(Filter(self.filter_box.itemData(i))))
        self.search = QLineEdit(central)
        self.search.setPlaceholderText("搜索项目名称、实施单位或文件名")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)
        self.search.textChanged.connect(lambda *_: self._totals_soon.start())
        bar.addWidget(QLabel("显示：", central))
        bar.addWidget(self.filter_box)
        bar.addWidget(self.search, 1)
        v.addLayout(bar)
        # a filter or search that leaves no row says so, and how to see them all again
        self.empty_note = QLabel(central)
        self.empty_note.setObjectName("empty_note")
        self.empty_note.setStyleSheet("color: #b00020;")
        self.empty_note.setWordWrap(True)
        self.empty_note.linkActivated.connect(lambda *_: self.show_all())
        self.empty_note.hide()
        v.addWidget(self.empty_note)
        self.view = QTableView(central)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # file order until a header is clicked
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a cut name keeps its end (…（2）.zpb.json)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the short columns as wide as their heading (a large font: wider), the names and the
        # file share the rest; 文件 is the last and takes what is left of the width
        metrics = header.fontMetrics()
        for col, width in ((Col.NAME, 300), (Col.IMPLEMENTER, 170), (Col.BUDGET, 96), (Col.EXECUTED, 96),
                           (Col.RATE, 72), (Col.TOTAL, 52), (Col.GRADE, 44), (Col.ERRORS, 44),
                           (Col.WARNINGS, 44), (Col.SAVED, 52)):
            self.view.setColumnWidth(col, max(width, metrics.horizontalAdvance(HEADERS[col]) + 20))
        self.view.setColumnWidth(Col.FILE, 200)
        header.setStretchLastSection(True)
        self.view.activated.connect(lambda index: self.open_row(index))  # double-click or Enter
        v.addWidget(self.view, 1)
        self.totals = QLabel(central)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.totals)
        self.setCentralWidget(central)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(320)
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.clicked.connect(self.folder.cancel)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    def set_filter(self, mode: Filter) -> None:
        self.proxy.set_mode(mode)
        self.filter_box.setCurrentIndex(self.filter_box.findData(int(mode)))
        self._totals_soon.start()

    def show_all(self) -> None:
        """Every project again: no filter, no search."""
        self.search.clear()
        self.set_filter(Filter.ALL)
        self.update_totals()

    def filter_words(self) -> str:
        """What limits the rows shown, as the clerk set it ('' when nothing does)."""
        words = []
        if self.proxy.mode != Filter.ALL:
            words.append(f"显示“{FILTER_LABELS[self.proxy.mode]}”")
        if self.proxy.search:
            words.append(f"搜索“{self.search.text().strip()}”")
        return "，".join(words)

    def shown_entries(self) -> list[UnitEntry]:
        """The rows the filter and search leave, in the folder's order."""
        rows = sorted(self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount()))
        return [self.folder.entries[r] for r in rows]

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._shown_progress < 0.5:
            return  # a progress bar repaints at once when set: a few times a second is plenty
        self._shown_progress = now
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"正在读取 {done}/{total}")

    def _loaded(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.update_totals()
        self.statusBar().showMessage(f"已读取 {len(self.folder.entries)} 个项目", 5000)

    def fit_figures(self, first: int, last: int) -> None:
        """The figure columns at least as wide as the figures of rows first…last: a number cut in
        its middle ('12345...89012' for 123456.789012) reads as another. Called for the rows read,
        added or changed (an edit measures its own row, not the folder); never narrows a column."""
        option = QStyleOptionViewItem()
        option.initFrom(self.view)
        option.widget = self.view
        delegate, metrics, grid = self.view.itemDelegate(), self.view.fontMetrics(), int(self.view.showGrid())
        for col in FIGURES:
            texts = [self.model.text(r, col) for r in range(first, last + 1)]
            longest = max(texts, key=len, default="")
            if not longest:
                continue
            # the longest figures measured (a digit is as wide as another, a '.' narrower), plus what
            # the view's delegate adds around a text and the grid line: sizeHintForColumn's measure
            sample = self.model.index(first + texts.index(longest), col)
            pad = delegate.sizeHint(option, sample).width() - metrics.horizontalAdvance(longest) + grid
            need = max(metrics.horizontalAdvance(t) for t in texts if len(t) >= len(longest) - 2) + pad
            if need > self.view.columnWidth(col):
                self.view.setColumnWidth(col, need)

    def update_totals(self) -> None:
        """The totals of the rows shown: with a filter or search, it says so and of how many."""
        every = self.folder.entries
        shown = self.shown_entries() if every else []
        why = self.filter_words()
        filtered = bool(why) and len(shown) != len(every)
        self.empty_note.setVisible(bool(every) and not shown)
        if every and not shown:
            self.empty_note.setText(f"没有符合条件的项目（{why or '筛选'}）：文件夹中的 {len(every)} 个项目都不符合。"
                                    "<a href='all'>显示全部项目</a>（Ctrl+Shift+E）")
            self._set_totals([f"显示 0 / {len(every)} 个项目（{why}）"])
            return
        t = unit_totals(shown) if shown else None
        if t is None:
            self._set_totals(["文件夹中还没有项目文件（*.zpb.json）：可以“新建项目”或“导入表格”。"])
            return
        grades = "，".join(f"{g} {n}" for g, n in t.grade_counts.items())
        head = f"筛选后 {len(shown)} / {len(every)} 个项目（{why}）：" if filtered else f"共 {t.projects} 个项目"
        parts = [head, _sum_text("全年预算数", t, "annual_budget"), _sum_text("全年执行数", t, "executed"),
                 f"执行率 {t.rate_text() or '—'}",
                 f"平均得分 {mean_text(t.mean_score) if t.mean_score is not None else '—'}", f"等级：{grades}"]
        if t.unfinished:
            parts.append(f"另有 {t.unfinished} 个项目尚未完成评分")
        if t.with_errors:
            parts.append(f"{t.with_errors} 个有错误")
        if t.unreadable:
            parts.append(f"{t.unreadable} 个无法读取")
        self._set_totals(parts)

    def _set_totals(self, parts: list[str]) -> None:
        """The totals in as many lines as the window's width needs, broken only between parts:
        a narrow window or a long filter never cuts off the end (unreadable files, errors)."""
        self._totals_parts = parts
        fm = self.totals.fontMetrics()
        central = self.centralWidget()
        margins = central.layout().contentsMargins()
        room = max(central.width() - margins.left() - margins.right() - 2, 200)
        lines: list[str] = []
        for part in parts:
            if lines and fm.horizontalAdvance(lines[-1] + "　" + part) <= room:
                lines[-1] += "　" + part
            else:
                lines.append(part)
        self.totals.setText("\n".join(lines))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if getattr(self, "_totals_parts", None):
            self._set_totals(self._totals_parts)

    # --- rows ----------------------------------------------------------------------------------
    def selected_entries(self) -> list[UnitEntry]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.proxy.mapToSource(self.view.currentIndex()).row()]
        return [self.folder.entries[r] for r in rows]

    def open_row(self, index) -> None:
        self.open_entry(self.folder.entries[self.proxy.mapToSource(index).row()])

    def editor_of(self, path: Path) -> QMainWindow | None:
        """The window editing path: one this overview opened, or any other editor of the program
        (a file opened from 文件 → 打开 or a recent file), so the file is neither opened twice nor
        renamed or trashed from under it."""
        editor = self.editors.get(path)
        if editor is not None:
            return editor
        for widget in QApplication.topLevelWidgets():
            other = getattr(getattr(widget, "controller", None), "path", None)
            if other is not None and widget.isVisible() and same_file(other, path):
                return widget
        return None

    @guarded("无法打开")
    def open_entry(self, entry: UnitEntry):
        """The project in an editor of its own; its row follows the edits."""
        editor = self.editor_of(entry.path)
        if editor is not None:
            editor.raise_()
            editor.activateWindow()
            return editor
        editor = windows().open_project(entry.path, self.interaction)
        path, c = entry.path, editor.controller
        gone = []  # the editor was destroyed: its undo stack, torn down after, still says "clean"

        def follow() -> None:
            if gone:
                return
            try:
                if c.path == path:
                    if self.editors.setdefault(path, editor) is editor:  # back on its file: its row again
                        self.folder.edited(path, c.project, c.undo_stack.isClean())
                elif self.editors.get(path) is editor:  # on to another file (新建, 打开, 另存为): the
                    self._editor_closed(path, editor)  # row is the file again, not the typing it left
            except RuntimeError:  # the editor is being torn down: _editor_closed re-reads the file
                pass
        # the row follows when typing pauses: a keystroke costs what it costs in a lone editor
        soon = QTimer(editor)
        soon.setSingleShot(True)
        soon.setInterval(FOLLOW_MS)
        soon.timeout.connect(follow)
        c.evaluated.connect(soon.start)
        c.undo_stack.cleanChanged.connect(lambda *_: follow())
        c.pathChanged.connect(lambda *_: follow())
        editor.follow_overview = follow  # tests and a save need the row now
        editor.destroyed.connect(lambda *_: (gone.append(True), self._editor_closed(path, editor)))
        self.editors[path] = editor
        return editor

    def _editor_closed(self, path: Path, editor=None) -> None:
        try:
            if editor is not None and self.editors.get(path) is not editor:
                return  # a later editor of this file: its row is its own
            self.editors.pop(path, None)
            self.folder.unsaved.discard(path)
            self.folder.reload(path)  # what is on disk now: saved changes, or none if discarded
        except RuntimeError:  # the overview itself was closed first: nothing left to update
            pass

    # --- drag and drop -------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        folders = [p for p in paths if Path(p).is_dir()]
        files = [p for p in paths if Path(p).is_file()]
        if folders:
            windows().open_folder(folders[0], self.interaction)
        if files:
            self.import_paths(files)
        event.acceptProposedAction()

    def closeEvent(self, event) -> None:
        if not close_dialogs(self):
            event.ignore()
            return
        for editor in list(self.editors.values()):
            if not editor.close():
                event.ignore()
                return
        self.folder.cancel()
        geometry.remember(self, "overview")
        event.accept()



_open_windows: list[OverviewWindow] = []  # kept alive while shown


def open_folder_window(folder: str | Path, interaction: Interaction | None = None) -> OverviewWindow:
    window = OverviewWindow(folder, interaction)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_windows.append(window)
    window.destroyed.connect(lambda *_: _open_windows.remove(window) if window in _open_windows else None)
    window.show()
    return window


def _sum_text(label: str, totals: UnitTotals, name: str) -> str:
    """A folder's sum as what it is (model.unit.ProjectsSum, the 汇总表's words): — where no project
    gives the figure, partial (saying how many left it blank) where some do not."""
    return f"{label}合计 {totals.sums[name].text(' 万元')}"
