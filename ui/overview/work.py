"""What the overview does to the folder's projects: new, import, trash, rename, export, print, next year.

A mixin of OverviewWindow (self.folder, self.interaction, self.selected_entries …), kept apart so
each module stays readable. Failures end in one Chinese message through the Interaction seam.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from exporters.unit.combined import Cancelled
from exporters.files import write_output
from model.carry_over import next_year
from model.failures import ClerkError
from model.project_file import file_stem, save_project
from model.unit.summary import build_summary
from model.unit import free_path, next_year_name

from ui.common.interaction import describe_failure, guarded
from ui.common.targets import export_target, suggested_export
from ui.overview.file_steps import Added, Renamed
from ui.common.windows import windows


def read_readings(path: str) -> list:
    """Every form a file holds with what its reading says (its warnings naming cells), or a
    project file's one project."""
    import importers
    if importers.is_form_file(path):
        return importers.accepted(path, importers.read_readings(path))
    return [importers.Reading(project=importers.load_any(path))]


SHOWN_WARNINGS = 30  # a dialog, not a log: the rest is counted


class OverviewWork:
    # --- progress --------------------------------------------------------------------------------
    def progress_step(self, title: str, total: int) -> tuple[QProgressDialog, Callable[[int, str], bool]]:
        """A cancellable progress dialog and the callback the long work calls before each project."""
        dialog = QProgressDialog(title, "取消", 0, max(total, 1), self)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)

        def step(done: int, name: str) -> bool:
            dialog.setValue(done)
            dialog.setLabelText(f"{title}：{done + 1}/{total}　{name}")
            QApplication.processEvents()  # the window repaints and the cancel button answers
            return not dialog.wasCanceled()
        return dialog, step

    def _save_target(self, name: str, fmt: str) -> str | None:
        """The file the clerk names, never a project or department file of the folder (any .json)
        nor under another format's name (ui.common.targets); None when refused or cancelled."""
        filters = {"docx": "Word 文档 (*.docx)", "xlsx": "Excel 工作簿 (*.xlsx)", "pdf": "PDF (*.pdf)"}
        suggested = suggested_export(self.folder.folder, name, fmt)  # never a 汇总表 the clerk signed
        chosen = self.interaction.save_file(str(suggested), filters[fmt], "导出")
        if not chosen:
            return None
        target = export_target(chosen, fmt, [e.path for e in self.folder.entries], self.interaction,
                               "本文件夹的项目文件，不能被导出文件覆盖")
        return str(target) if target else None

    def _refuse_nothing_readable(self) -> None:
        """No 汇总表, combined file or print of 0 projects to hand in (as `summary` refuses it)."""
        entries = self.folder.entries
        if not any(e.project is not None for e in entries):
            broken = f"文件夹中的 {len(entries)} 个文件都无法读取" if entries else "文件夹中还没有项目文件"
            raise ClerkError(f"没有可读取的项目文件（{broken}），没有可汇总的内容")

    def _unsaved_agreed(self, what: str) -> bool:
        """Projects open with unsaved changes are in what is made as the window shows them, not as
        their files hold them: the clerk is asked before a hand-in carries figures no file has."""
        unsaved = [e for e in self.folder.entries if e.path in self.folder.unsaved]
        if not unsaved:
            return True
        names = "、".join(e.name for e in unsaved[:5]) + ("等" if len(unsaved) > 5 else "")
        return self.interaction.confirm(
            "有未保存的修改", f"{len(unsaved)} 个项目（{names}）有未保存的修改，{what}将按窗口中的内容制作，"
            "与项目文件不同。\n继续吗？（选“否”什么也不写，可以先在它们的窗口中保存）")

    def _refuse_input(self, target: str) -> None:
        if Path(target).resolve() in {e.path.resolve() for e in self.folder.entries}:
            raise ClerkError(f"{Path(target).name} 是本文件夹的项目文件，不能被导出文件覆盖")

    # --- files of the folder ---------------------------------------------------------------------
    @guarded("无法新建项目")
    def new_project(self) -> None:
        name = self.interaction.ask_text("新建项目", "项目名称：", "")
        if name is None:
            return
        from ui.common import settings as app_settings
        project = app_settings.new_project()
        project.name = name.strip()
        entry = self.folder.add_project(project, name)
        self.file_steps.push(Added(self, [entry.path], f"新建 {entry.path.name}"))
        editor = self.open_entry(entry)
        if editor is not None:  # saved at once, yet as new as the editor's 新建: rows wait to be reached
            editor.controller.await_skeleton()

    def import_forms(self) -> None:
        paths = self.interaction.open_files(str(self.folder.folder))
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> None:
        """Each form of each file becomes a project file of the folder; the rest is reported."""
        added, failed, warned, made = 0, [], [], []
        dialog, step = self.progress_step("导入", len(paths))
        for i, path in enumerate(paths):
            if not step(i, Path(path).name):
                break
            try:
                readings = read_readings(path)
                for n, reading in enumerate(readings, 1):
                    project = reading.project
                    stem = project.name or file_stem(path) + (f"-{n}" if len(readings) > 1 else "")
                    made.append(self.folder.add_project(project, stem).path)
                    added += 1
                    which = f"{Path(path).name}{f'（第 {n} 张表）' if len(readings) > 1 else ''}"
                    warned += [f"{which}：{w}" for w in reading.warnings]
            except Exception as exc:  # noqa: BLE001 - each file's failure is listed, the rest go on
                failed.append(f"{Path(path).name}：{describe_failure(exc)}")
        dialog.close()
        if made:  # 编辑 → 撤销 moves them to the trash while nobody has typed into them
            self.file_steps.push(Added(self, made, f"导入 {len(made)} 个项目"))
        # what a reading could not be sure of (a hidden row, a revision, text where a number
        # belongs) is said as import and check say it: never read in silence
        said = warned[:SHOWN_WARNINGS] + ([f"……另有 {len(warned) - SHOWN_WARNINGS} 条提醒"]
                                           if len(warned) > SHOWN_WARNINGS else [])
        said = ["", "读取时的提醒（请打开项目核对）："] + said if said else []
        if failed:
            self.interaction.error("部分文件无法导入", "\n".join([f"已导入 {added} 个项目。", *failed, *said]))
        elif said:
            self.interaction.info("导入", "\n".join([f"已导入 {added} 个项目。", *said[1:]]))
        else:
            self.statusBar().showMessage(f"已导入 {added} 个项目", 5000)

    def delete_selected(self) -> None:
        entries = self.selected_entries()
        if not entries:
            return
        names = "、".join(e.name for e in entries[:5]) + ("等" if len(entries) > 5 else "")
        if not self.interaction.confirm("移到回收站", f"把 {len(entries)} 个项目文件（{names}）移到回收站？"
                                        "\n需要时可以从回收站还原。"):
            return
        editing = [e for e in entries if self.editor_of(e.path) is not None]
        refused = [e.path.name for e in entries if e not in editing and not self.folder.move_to_trash(e.path)]
        refused += [e.path.name + "（正在编辑，请先关闭）" for e in editing]
        if refused:
            self.interaction.error("无法移到回收站", "以下文件没有移动（系统没有可用的回收站，或文件正被占用），"
                                   "文件仍在原处：\n" + "\n".join(refused))

    @guarded("无法重命名")
    def rename_selected(self) -> None:
        entries = self.selected_entries()
        if len(entries) != 1:
            return
        entry = entries[0]
        if self.editor_of(entry.path) is not None:  # its save would bring the old name back
            raise ClerkError("这个项目正在编辑，请先关闭它的窗口再重命名")
        name = self.interaction.ask_text("重命名", "新的文件名：", file_stem(entry.path))
        if name and name.strip() and name.strip() != file_stem(entry.path):
            old = entry.path
            new = self.folder.rename(old, name.strip())
            if new != old:
                self.file_steps.push(Renamed(self, old, new))

    def undo_step(self) -> None:
        """编辑 → 撤销: the last rename, 新建 or 导入 undone, or why it cannot be."""
        stack = self.file_steps
        if stack.canUndo():
            why = stack.command(stack.index() - 1).undo_refusal()
            if why:
                self.interaction.error("无法撤销", why)
            else:
                stack.undo()

    def redo_step(self) -> None:
        stack = self.file_steps
        if stack.canRedo():
            why = stack.command(stack.index()).redo_refusal()
            if why:
                self.interaction.error("无法重做", why)
            else:
                stack.redo()

    @guarded("无法打开文件夹")
    def open_folder(self) -> None:
        folder = self.interaction.choose_folder(str(self.folder.folder.parent), "选择文件夹")
        if folder:
            windows().open_folder(folder, self.interaction)

    @guarded("无法开始新一年")
    def start_next_year(self) -> None:
        """Every readable project started as next year's, into a folder the clerk picks."""
        target = self.interaction.choose_folder(str(self.folder.folder.parent), "新一年的项目存入哪个文件夹")
        if not target:
            return
        target = Path(target)
        if target.resolve() == self.folder.folder.resolve():
            raise ClerkError("请选择另一个文件夹存放新一年的项目")
        written = 0
        for e in self.folder.entries:
            if e.project is not None:
                save_project(next_year(e.project), free_path(target, file_stem(next_year_name(e.path, e.project.year))))
                written += 1
        windows().open_folder(target, self.interaction).statusBar().showMessage(f"已开始 {written} 个项目", 5000)

    # --- the whole folder at once ------------------------------------------------------------------
    @guarded("无法导出汇总表")
    def export_summary(self, fmt: str) -> None:
        self._refuse_nothing_readable()
        if not self._unsaved_agreed("汇总表"):
            return
        target = self._save_target(f"{self.folder.folder.name}汇总表", fmt)
        if not target:
            return
        self._refuse_input(target)
        summary = build_summary(self.folder.entries)
        buf = io.BytesIO()
        if fmt == "docx":
            from exporters.unit.summary_docx import write_summary_docx
            write_summary_docx(summary, buf)
        else:
            from exporters.unit.summary_xlsx import write_summary_xlsx
            write_summary_xlsx(summary, buf)
        write_output(buf.getvalue(), target)
        self._said_unreadable(target, summary.unreadable_lines())

    def _said_unreadable(self, target, reasons: list[str]) -> None:
        """Files that could not be read are not rows of what was written: the clerk is told which."""
        done = "已送出打印任务" if target == "打印任务" else f"已导出 {target}"
        if not reasons:
            self.statusBar().showMessage(done, 5000)
            return
        self.statusBar().showMessage(f"{done}；{len(reasons)} 个文件无法读取，未列入", 10000)
        more = f"\n……另有 {len(reasons) - 20} 个" if len(reasons) > 20 else ""
        self.interaction.info("部分文件未列入",
                              f"{done}。\n以下 {len(reasons)} 个文件无法读取，未列入汇总表：\n"
                              + "\n".join(reasons[:20]) + more)

    @guarded("无法合并导出")
    def export_combined(self, fmt: str) -> None:
        self._refuse_nothing_readable()
        if not self._unsaved_agreed("导出的文件"):
            return
        target = self._save_target(f"{self.folder.folder.name}全部自评表", fmt)
        if not target:
            return
        self._refuse_input(target)
        from exporters.unit.combined import combined_docx, combined_xlsx
        entries = list(self.folder.entries)
        dialog, step = self.progress_step("合并导出", len(entries))
        try:
            data = (combined_docx if fmt == "docx" else combined_xlsx)(entries, None, step)
        except Cancelled:
            self.statusBar().showMessage("已取消，没有写入任何文件", 5000)
            return
        finally:
            dialog.close()
        write_output(data, target)
        self._said_unreadable(target, [e.error or e.path.name for e in entries if e.project is None])

    @guarded("无法导出")
    def export_each(self) -> None:
        """Each project's Word and Excel form into a folder; a cancel stops between files."""
        if not self._unsaved_agreed("导出的表"):
            return
        folder = self.interaction.choose_folder(str(self.folder.folder), "导出到哪个文件夹")
        if not folder:
            return
        from exporters.files import render
        from exporters.layout import build_layout
        from exporters.stamp import is_unchanged_export
        from model.files import clean_stale_temps, sync_folder
        entries = [e for e in self.folder.entries if e.project is not None]
        dialog, step = self.progress_step("逐个导出", len(entries))
        done, kept = 0, []
        clean_stale_temps(folder)  # once for the batch, as `export DIR --outdir` does
        try:
            for i, e in enumerate(entries):
                if not step(i, e.name):
                    break
                layout = None
                for fmt in ("docx", "xlsx"):
                    target = Path(folder) / f"{file_stem(e.path)}.{fmt}"
                    self._refuse_input(str(target))
                    if target.exists() and not target.is_dir() and not is_unchanged_export(target):
                        kept.append(target.name)  # no dialog asked about it: the output rule, no --force
                        continue
                    layout = layout or build_layout(e.project, e.evaluation)  # once for both formats
                    write_output(render(e.project, fmt, e.evaluation, layout), target, in_batch=True)
                done += 1
        finally:
            dialog.close()
            sync_folder(folder)
        self.statusBar().showMessage(f"已导出 {done} 个项目到 {folder}", 5000)
        if kept:
            more = f"\n……另有 {len(kept) - 20} 个" if len(kept) > 20 else ""
            self.interaction.error("部分文件未覆盖", f"{folder} 中以下 {len(kept)} 个文件已存在，且不是本程序导出的原样文件"
                                   "（可能是填好或改过的表），未覆盖：\n" + "\n".join(kept[:20]) + more
                                   + "\n需要重新导出时，请先把它们移走或改名，或导出到另一个文件夹。")

    def print_all(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        if not self._unsaved_agreed("打印的表"):
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.print_to(printer)

    @guarded("无法打印")
    def print_to(self, printer) -> bool:
        """The 汇总表 and every form in one print job; False when cancelled."""
        self._refuse_nothing_readable()
        from ui.overview.print_all import paint_all
        entries = list(self.folder.entries)
        dialog, step = self.progress_step("打印", len(entries))
        try:
            ok = paint_all(printer, entries, step)
        finally:
            dialog.close()
        if ok:
            self._said_unreadable("打印任务", [e.error or e.path.name for e in entries if e.project is None])
        return ok

    @guarded("无法导出 PDF")
    def export_pdf_all(self) -> None:
        if not self._unsaved_agreed("PDF"):
            return
        target = self._save_target(f"{self.folder.folder.name}全部自评表", "pdf")
        if not target:
            return
        self._refuse_input(target)
        from ui.overview.print_all import pdf_all
        entries = list(self.folder.entries)
        dialog, step = self.progress_step("导出 PDF", len(entries))
        try:
            ok = pdf_all(entries, target, step)
        finally:
            dialog.close()
        if not ok:
            self.statusBar().showMessage("已取消，没有写入任何文件", 5000)
            return
        self._said_unreadable(target, [e.error or e.path.name for e in entries if e.project is None])
