"""The window: reads like the form, top to bottom; 总分 always in view, problems beside it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QMainWindow, QToolButton, QWidget

from importers import start_from_noting
from model import load_profile
from model.file_names import safe_name
from model.project_file import file_stem

from ui.common import geometry
from ui.common import settings as app_settings
from ui.actions import build_actions
from ui.editor.controller import FileChangedOnDisk, ProjectController
from ui.editor.form_page import FormPage
from ui.common.editing import commit_editing
from ui.common.interaction import Interaction, close_dialogs, describe_failure, guarded
from ui.common.targets import export_target, project_target, suggested_export
from ui.editor.problems_panel import ProblemsPanel
from ui.editor.recovery import RecoveryStore

AUTOSAVE_MS = 30_000
AUTOSAVE_SOON_MS = 3_000  # after an edit: a kill -9 loses at most the last three seconds of typing


class MainWindow(QMainWindow):
    def __init__(self, controller: ProjectController | None = None, interaction: Interaction | None = None,
                 recovery: RecoveryStore | None = None) -> None:
        super().__init__()
        self.controller = controller or ProjectController(app_settings.new_project())
        self.interaction = interaction or Interaction(self)
        self.recovery = recovery
        self.example = False  # showing the bundled example: its title says so until saved elsewhere
        self.hint: QWidget | None = None
        self._build()
        geometry.place(self)
        self.actions_ = build_actions(self)
        self._refresh_recent()
        c = self.controller
        c.setParent(self)  # the project lives as long as its window
        c.undo_stack.cleanChanged.connect(self._clean_changed)
        c.pathChanged.connect(self._path_changed)
        c.fieldsChanged.connect(self._fields_changed)
        c.reset.connect(self._project_replaced)
        c.structureChanged.connect(self.autosave)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start(AUTOSAVE_MS)
        # an edit is copied a few seconds after it (typing on: every few seconds), not up to 30 s later
        self.autosave_soon = QTimer(self, singleShot=True, interval=AUTOSAVE_SOON_MS, timeout=self.autosave)
        c.undo_stack.indexChanged.connect(self._edited)  # after the step is on the stack: not clean
        self.update_title()

    # --- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        c = self.controller
        self.form = form = FormPage(c, self.interaction, self)
        self.setCentralWidget(form)
        # the parts tests and the actions reach, under their old names
        self.total_bar, self.header, self.goal = form.total_bar, form.header, form.goal
        self.funds_model, self.funds_view = form.funds_model, form.funds_view
        self.indicators = form.indicators
        self.indicator_model, self.indicator_view = form.indicators.model, form.indicators.view
        self.problems = ProblemsPanel(c, self)
        self.problems.goto.connect(self.goto)
        dock = QDockWidget("问题", self)
        dock.setObjectName("problems")
        dock.setWidget(self.problems)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [260], Qt.Orientation.Horizontal)
        chain = [*form.tab_chain(), self.problems]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        for view in (self.funds_view, self.indicator_view):
            view.readOnlyTyped.connect(lambda why: self.statusBar().showMessage(why, 8000))
        self.indicator_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: c.reach_indicator(current.row()))

    def show_example(self, project) -> None:
        """The bundled example, said in the title: a template, saved under a name of the clerk's."""
        self.controller.set_project(project, None)
        self.example = True
        self.update_title()

    def show_hint(self, text: str) -> None:
        """The first-start hint in the status bar, kept (menus and messages come and go over it)
        until the clerk clicks 知道了; then it is not shown at later starts either."""
        hint = QWidget(self)
        lay = QHBoxLayout(hint)
        lay.setContentsMargins(4, 0, 4, 0)
        label = QLabel("提示：" + text, hint)
        done = QToolButton(hint)  # a tool button: the status bar stays one text line high
        done.setText("知道了")
        done.setAutoRaise(False)
        done.setToolTip("不再显示这条提示（帮助 → 使用说明 里都有）")
        lay.addWidget(label, 1)
        lay.addWidget(done)
        self.statusBar().addWidget(hint, 1)
        self.hint = hint

        def dismiss() -> None:
            app_settings.dismiss_hint()
            self.statusBar().removeWidget(hint)
            hint.deleteLater()
            self.hint = None
        done.clicked.connect(dismiss)

    def _project_replaced(self) -> None:
        self.example = False  # new, opened or recovered: no longer the example
        self.update_title()

    def _path_changed(self) -> None:
        if self.controller.path is not None:
            self.example = False  # saved under the clerk's own name
        self.update_title()

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)
        if clean and self.recovery:  # saved, or back to what is saved: nothing left to recover
            self.recovery.discard()

    def _fields_changed(self, kind: str, _index) -> None:
        if kind == "project":
            self.update_title()

    def update_title(self) -> None:
        name = self.controller.project.name.strip() or "未命名项目"
        where = f" — {self.controller.path.name}" if self.controller.path else ""
        example = "【示例】" if self.example else ""
        self.setWindowTitle(f"{example}{name}[*]{where} — 项目支出绩效自评")

    def display_name(self) -> str:
        return self.controller.path.name if self.controller.path else (self.controller.project.name or "未命名项目")

    # --- files ---------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current project."""
        commit_editing(self)  # a cell still being typed in is part of the work
        if self.controller.undo_stack.isClean():
            return True
        answer = self.interaction.ask_save_changes(self.display_name())
        if answer == "save":
            return bool(self.save())
        return answer == "discard"

    def new_file(self) -> None:
        """A new project from the standard skeleton; the keyboard starts at 项目名称."""
        if self.maybe_save():
            self.controller.set_project(app_settings.new_project())
            self.header.edits["name"].setFocus()

    def open_file(self) -> None:
        if not self.maybe_save():
            return
        path = self._ask_open()
        if path:
            self.open_path(path)

    @guarded("无法打开")
    def open_path(self, path: str) -> None:
        if self.controller.open(path, self._choose_form, self._review_reading):
            self._refresh_recent(app_settings.add_recent(str(Path(path).resolve())))
            self._tell_hidden(self.controller.hidden_on_open)  # a form's reading says its own

    def _tell_hidden(self, where: list[str]) -> None:
        """Opening dropped invisible format characters (model.text.clean_text): the window shows
        the text without them, so say where they were, as check does, rather than change in silence."""
        if not where:
            return
        shown = where[:20] + ([f"……（另有 {len(where) - 20} 处）"] if len(where) > 20 else [])
        self.interaction.info(
            "已去除不可见字符",
            "以下文字含有不可见的控制字符（如从右到左覆盖符，会让打印出的数字看错），打开时已去除，"
            "显示和打印的都是去除后的文字；保存后文件里也不再含有：\n\n" + "\n".join(shown))

    def _review_reading(self, reading) -> bool:
        """What the reading of a form from another desk left out, inferred and warns of, shown
        through the Interaction seam before the form opens; the clerk may decline it."""
        lines = ([f"提醒：{w}" for w in reading.warnings] + [f"推断：{x}" for x in reading.inferred]
                 + ([f"未读取（{len(reading.left_out)} 处）："] + [f"  {x}" for x in reading.left_out]
                    if reading.left_out else [])
                 + ["识别的栏目：" + "；".join(reading.mapped)])  # what needs a look first
        shown = lines[:30] + ([f"……（另有 {len(lines) - 30} 行）"] if len(lines) > 30 else [])
        name = reading.project.name or "（未填项目名称）"
        return self.interaction.confirm(
            "读取提醒", f"“{name}”是按其他格式的表读取的，请核对：\n\n" + "\n".join(shown)
            + "\n\n打开这张表吗？（打开后仍可逐项修改；右侧“问题”栏列出需要核对的地方）")

    def _choose_form(self, forms: list) -> int | None:
        """Which of a file's several forms to open: asked through the Interaction seam."""
        items = [f"{k}. {p.name or '（未填项目名称）'}" + (f"（{p.year}年度）" if p.year else "")
                 for k, p in enumerate(forms, 1)]
        return self.interaction.choose("选择要打开的表", f"文件中有 {len(forms)} 张表，请选择要打开的一张：", items)

    @guarded("无法从去年的表新建")
    def new_from_last_year(self) -> None:
        if not self.maybe_save():
            return
        path = self._ask_open()
        if not path:
            return
        project, warnings = start_from_noting(path)
        self.controller.set_project(project, None, clean=False)
        if warnings:  # what the reading of last year's form could not be sure of, as import says it
            shown = warnings[:30] + ([f"……（另有 {len(warnings) - 30} 条）"] if len(warnings) > 30 else [])
            self.interaction.info("读取提醒", f"{Path(path).name} 读取时的提醒，请核对：\n\n" + "\n".join(shown))

    @guarded("无法保存")
    def save(self) -> bool:
        commit_editing(self)
        if self.controller.path is None or self.controller.path.suffix.lower() != ".json":
            return bool(self.save_as())
        return self._save_to(None)

    @guarded("无法保存")
    def save_as(self) -> bool:
        commit_editing(self)
        suggested = self._folder() / f"{safe_name(self.controller.project.name)}.zpb.json"
        path = self._ask_save(suggested)
        target = project_target(path, self.interaction) if path else None
        if target is None:
            return False  # declined, or a name no project file may take (a clerk's .docx): said
        return self._save_to(str(target))

    def _save_to(self, path: str | None) -> bool:
        """Save; when someone else changed the file since we read it, the clerk decides."""
        own = self.controller.path
        gone = path is None and own is not None and self.controller.disk is not None and not own.exists()
        try:
            self.controller.save(path)
        except FileChangedOnDisk as exc:
            answer = self.interaction.ask_file_changed(str(exc.path))
            if answer == "save_as":
                return bool(self.save_as())
            if answer != "overwrite":
                return False
            self.controller.save(path, overwrite=True)
        self._after_save()
        if gone:  # deleted, moved or renamed meanwhile (Explorer, a colleague): written back, and said
            self.interaction.info("原文件已不在", f"{own}\n\n打开后，这个文件被删除、移走或改了名。已按原来的文件名重新保存。"
                                  "\n如果它是被改了名，文件夹中现在有两份这个项目，请删去多余的一份（汇总表会把两份都算上）。")
        return True

    def _after_save(self) -> None:
        self.statusBar().showMessage(f"已保存 {self.controller.path}", 6000)
        self._refresh_recent(app_settings.add_recent(str(self.controller.path.resolve())))
        if self.recovery:
            self.recovery.discard()

    @guarded("无法导出")
    def export(self, fmt: str) -> None:
        commit_editing(self)
        self.reload_if_changed(tell=True)
        name = {"docx": "Word 文档 (*.docx)", "xlsx": "Excel 工作簿 (*.xlsx)"}[fmt]
        path = self._export_target(self._ask_save(suggested_export(self._folder(), self._stem(), fmt), name, "导出"), fmt)
        if path:
            from exporters.files import export
            from ui.common.printing import print_facts
            export(self.controller.project, path, fmt)
            _, cut = print_facts(self.controller.project, excel=fmt == "xlsx")  # what Word and Excel print of it
            self.statusBar().showMessage(f"已导出 {path}" + (f"；注意：{cut[0]}" if cut else ""), 5000)
            self._say_cut_off(path, cut)

    @guarded("无法导出 PDF")
    def export_pdf(self) -> None:
        commit_editing(self)
        self.reload_if_changed(tell=True)
        path = self._export_target(self._ask_save(suggested_export(self._folder(), self._stem(), "pdf"),
                                                  "PDF (*.pdf)", "导出 PDF"), "pdf")
        if path:
            from exporters.files import export  # the same code as `export --pdf`
            export(self.controller.project, path, "pdf")
            from ui.common.printing import print_facts
            facts = print_facts(self.controller.project)
            self.statusBar().showMessage(f"已导出 {path}（{self._pages_words(facts)}）", 5000)
            self._say_cut_off(path, facts[1])

    def _say_cut_off(self, path: Path | str, cut: list[str]) -> None:
        """A file that prints cut is said in a dialog, not only in the status bar for five seconds:
        the clerk is about to hand it in."""
        if cut:
            self.interaction.info("导出的表打印时不完整",
                                  f"{path}\n\n已导出，但是：\n" + "\n".join(cut)
                                  + "\n\n缩短这些文字后请再导出一次。")

    def _export_target(self, chosen: str | None, fmt: str) -> Path | None:
        """Never over the project file, never under another format's name (ui.common.targets)."""
        own = [self.controller.path] if self.controller.path else []
        return export_target(chosen, fmt, own, self.interaction) if chosen else None

    def _pages_words(self, facts: tuple[int, list[str]] | None = None) -> str:
        """How many pages the form prints on, said before it is printed (facts: print_facts's,
        when the caller has them)."""
        from ui.common.printing import print_facts
        n, cut = facts or print_facts(self.controller.project)
        words = "一张 A4 纸" if n == 1 else f"共 {n} 页 A4，每页重复指标表头"
        return f"{words}；注意：{cut[0]}" if cut else words

    def print_preview(self) -> None:
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        from ui.common.printing import print_to
        commit_editing(self)
        self.reload_if_changed(tell=True)
        dialog = QPrintPreviewDialog(self)
        geometry.place_dialog(dialog, 1000, 1000)  # a whole A4 page where the screen allows
        dialog.setWindowTitle(f"打印预览：{self._pages_words()}")
        dialog.paintRequested.connect(lambda printer: print_to(printer, self.controller.project))
        dialog.exec()

    def print_form(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ui.common.printing import print_to
        commit_editing(self)
        self.reload_if_changed(tell=True)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        words = self._pages_words()
        self.statusBar().showMessage(f"本表打印{words}", 10000)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"打印：{words}")
        if dialog.exec():
            print_to(printer, self.controller.project)

    def _stem(self) -> str:
        if self.controller.path:
            return file_stem(self.controller.path)
        return safe_name(self.controller.project.name, "自评表")  # '../x' or 'CON' names no other place

    def _folder(self) -> Path:
        """Save and export start beside the project's file, else where the clerk last chose one
        (文档 the first time): never the program's own folder."""
        return self.controller.path.parent if self.controller.path else app_settings.last_folder()

    def _ask_open(self) -> str | None:
        path = self.interaction.open_file(str(app_settings.last_folder()))
        if path:
            app_settings.remember_folder(path)
        return path

    def _ask_save(self, suggested: Path, *args: str) -> str | None:
        path = self.interaction.save_file(str(suggested), *args)
        if path:
            app_settings.remember_folder(path)
        return path

    def _refresh_recent(self, items: list[str] | None = None) -> None:
        menu = getattr(self, "recent_menu", None)
        if menu is None:
            return
        menu.clear()
        for path in items if items is not None else app_settings.recent_files():
            menu.addAction(path).triggered.connect(lambda _c=False, p=path: self.maybe_save() and self.open_path(p))
        menu.setEnabled(not menu.isEmpty())

    def _edited(self) -> None:
        if self.recovery and not self.autosave_soon.isActive() and not self.controller.undo_stack.isClean():
            self.autosave_soon.start()

    def reload_if_changed(self, tell: bool = False) -> bool:
        """A window nobody has typed in since it was opened or saved shows its file as it is now:
        changed by a colleague or another program, it is read again (and said) before it is
        exported or printed, and when the window is come back to — never an old copy handed in.
        A window with unsaved work is left alone: its save asks (覆盖保存 / 另存为)."""
        c = self.controller
        if c.path is None or not c.undo_stack.isClean() or not c.changed_on_disk():
            return False
        try:
            c.open(c.path)
        except Exception as exc:  # noqa: BLE001 - unreadable now: the window keeps what it shows
            self.statusBar().showMessage(f"{c.path.name} 已被其他程序修改，但无法重新读取：{describe_failure(exc)}", 10000)
            return False
        self.statusBar().showMessage(f"{c.path.name} 已被其他程序修改，已重新读取", 10000)
        if tell:  # what is exported or printed next is not what the window showed a moment ago
            self.interaction.info("已重新读取", f"{c.path}\n\n这个文件在打开后被其他窗口或程序修改过（本窗口没有未保存的修改），"
                                  "已重新读取；接下来导出或打印的是文件现在的内容，请先核对。")
        return True

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.reload_if_changed()  # back from Explorer, WPS or a colleague's copy

    def autosave(self) -> None:
        if self.recovery and not self.controller.undo_stack.isClean():
            try:
                self.recovery.save(self.controller.project, self.controller.path, self.controller.disk)
            except Exception:  # noqa: BLE001 - a full disk must not stop the typing: said instead
                self.statusBar().showMessage("自动保存失败：无法写入恢复文件", 5000)

    def closeEvent(self, event) -> None:
        if close_dialogs(self) and self.maybe_save():
            geometry.remember(self)
            if self.recovery:
                self.recovery.close()
            event.accept()
        else:
            event.ignore()

    # --- navigation and settings ---------------------------------------------------------------
    def goto(self, place) -> None:
        self.form.goto(place)

    def edit_settings(self) -> None:
        from ui.common.settings_dialog import SettingsDialog
        dialog = SettingsDialog(self)
        if dialog.exec():
            p = self.controller.project
            if dialog.profile_name() != p.profile:
                self.controller.set_field(("project", None), "profile", dialog.profile_name())
            if dialog.district_name() != p.district:
                self.controller.set_field(("project", None), "district", dialog.district_name())

    def show_guide(self) -> None:
        from ui.common.guide import GuideDialog
        GuideDialog(self).show()

    def about(self) -> None:
        from cli import version
        profile = load_profile(self.controller.project.profile)
        data = app_settings.data_dir()
        self.interaction.info("关于", "\n".join([
            f"项目支出绩效自评表 {version()}",
            f"评分规则：{profile.name}（{profile.description}）",
            "",
            f"数据文件夹：{data}",
            f"　自动保存的恢复文件：{data / 'recovery'}",
            f"　错误记录：{data / 'error.log'}",
            "",
            "帮助：按 F1 或“帮助 → 使用说明”；批量处理见同一文件夹中的 zpb.exe（zpb --help）。"]))

