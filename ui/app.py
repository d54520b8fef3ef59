"""The application: Chinese UI, the first window (the example, a file or a folder), an offer to
recover after a crash, and how its windows open one another (`AppWindows`, the opener that
ui.common.windows hands to every window)."""
from __future__ import annotations

import gc
import os
import sys
import time
import traceback
from pathlib import Path

# No cyclic garbage collection while the window's modules load: they make some hundred thousand
# objects that all stay (classes, functions, pydantic's schemas), and the collector walked them
# some 80 times for nothing (about 20 ms of a start). Once loaded they are frozen (moved where the
# collector does not walk: gc.freeze) and collection resumes for what the program makes after.
gc.disable()
# The model (and pydantic under it) before Qt: once PySide6 is imported, its import hook reads the
# source of every module imported after it (shibokensupport.feature, looking for "PySide6"), which
# for pydantic and the standard library it pulls in is some 150 files read for nothing at each start.
from model.examples import EXAMPLE
from model.files import clean_stale_temps
from model.project_file import load_project

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from ui.editor.controller import ProjectController
from ui.common.interaction import Interaction
from ui.editor.window import MainWindow
from ui.editor.recovery import RecoveryStore
from ui.common.guide import FIRST_START_HINT
from ui.common.settings import APP, ORG, data_dir, first_start, hint_wanted
from ui.common.windows import install

gc.freeze()
gc.enable()
STARTED = time.perf_counter()  # close to process start: main.py imports this module first


class AppWindows:
    """How each window opens, whoever asks (ui/common/windows.py). The overview's and 部门整体's
    modules load when the first of them opens: the editor starts without them."""

    def open_project(self, path: str | Path, interaction: Interaction | None = None) -> QMainWindow:
        editor = MainWindow(ProjectController(), interaction, RecoveryStore(data_dir() / "recovery"))
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        try:
            editor.controller.open(str(path))
        except BaseException:
            editor.close()
            raise
        editor.show()
        return editor

    def open_folder(self, folder: str | Path, interaction: Interaction | None = None) -> QMainWindow:
        from ui.overview.window import open_folder_window
        return open_folder_window(folder, interaction)

    def open_department(self, parent: QWidget, folder: str | Path | None = None) -> QWidget | None:
        from ui.department.dialog import open_department
        return open_department(parent, Path(folder) if folder else None)


install(AppWindows())


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    app.setApplicationDisplayName("项目支出绩效自评")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):  # standard dialogs and buttons in Chinese
            app.installTranslator(translator)
            break
    return app


def open_window(path: str | None = None, interaction: Interaction | None = None) -> MainWindow:
    """The window on path (or the example), after offering each copy left by crashed runs.

    Every copy found is offered, one after another; the first one taken fills this window when
    no file was asked for, each further one opens in a window of its own (kept in
    `window.recovered_windows`). A declined copy is deleted; a taken one is kept until saved.
    """
    recovery = RecoveryStore(data_dir() / "recovery")
    window = MainWindow(ProjectController(), interaction, recovery)
    window.recovered_windows = []
    filled = False

    def window_for_copy() -> MainWindow:
        nonlocal filled
        if filled or path is not None:
            target = MainWindow(ProjectController(), interaction, RecoveryStore(recovery.folder))
            target.recovered_windows = []
            window.recovered_windows.append(target)
            return target
        filled = True
        return window
    offer_recovered(recovery, window.interaction, window_for_copy)
    tell_department_copies(window.interaction)
    if not filled and path is None:  # the example is a template: Save asks for a file name
        window.show_example(load_project(EXAMPLE))
    elif path is not None:
        window.open_path(path)
    first_start()  # noted for the settings' sake; the hint itself stays until dismissed
    if hint_wanted():
        window.show_hint(FIRST_START_HINT)
    return window


def offer_recovered(recovery: RecoveryStore, interaction: Interaction, window_for) -> None:
    """Offer each copy crashed windows left, one after another: a declined copy is deleted, a
    taken one fills window_for() and is kept until saved."""
    found = recovery.left_behind()
    if recovery.unreadable:
        interaction.info("自动保存的内容", f"有 {len(recovery.unreadable)} 份自动保存的内容无法读取，"
                         f"没有删除，保留在：\n{recovery.folder}\n（文件名含 unreadable）")
    for index, item in enumerate(found):
        name = item.project.name or "未命名项目"
        where = f"（原文件：{item.original}）" if item.original else "（尚未保存过）"
        count = f"（第 {index + 1} 份，共 {len(found)} 份）" if len(found) > 1 else ""
        if not interaction.ask_recover(f"{name}{where}{count}"):
            RecoveryStore.forget(item)
            continue
        target = window_for()
        original = Path(item.original) if item.original else None
        target.controller.set_project(item.project, original, clean=False)
        target.controller.disk = item.stamp  # a save notices if the file changed since the crash
        target.recovery.adopt(item)


def tell_department_copies(interaction: Interaction) -> None:
    """部门整体 figures a crash left are offered by that folder's 部门整体, not at a start: the
    start says which folders, so they are not forgotten in the recovery folder."""
    from ui.editor.recovery import DEPARTMENT_COPY_NAMES
    waiting = RecoveryStore.waiting(data_dir() / "recovery", *DEPARTMENT_COPY_NAMES)
    folders = sorted({str(Path(original).parent) for original in waiting})
    if folders:
        interaction.info("部门整体有未保存的内容", "上次没有正常关闭时，以下文件夹的部门整体有未保存的内容：\n"
                         + "\n".join(folders) + "\n\n打开该文件夹的“部门整体绩效”时会提示恢复。")


def open_folder_start(path: str | Path, interaction: Interaction | None = None,
                      department: bool = False) -> QMainWindow:
    """The program started on a folder (or a department file): its overview (with 部门整体 over
    it), and the work crashed windows left offered each in an editor of its own, as a start on
    the example or a file offers it — a clerk who works from the folder would never see it."""
    windows = AppWindows()
    folder = Path(path)
    overview = windows.open_folder(folder, interaction)
    overview.recovered_windows = []

    def window_for_copy() -> MainWindow:
        editor = MainWindow(ProjectController(), interaction, RecoveryStore(data_dir() / "recovery"))
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.recovered_windows = []
        overview.recovered_windows.append(editor)
        return editor
    scan = RecoveryStore(data_dir() / "recovery")  # only to look: it never writes a copy of its own
    try:
        offer_recovered(scan, overview.interaction, window_for_copy)
    finally:
        scan.close()
    for editor in overview.recovered_windows:
        editor.show()
    if department:
        overview.department_dialog = windows.open_department(overview, folder)
    else:
        tell_department_copies(overview.interaction)
    return overview


def clean_leftovers(path: str | None) -> None:
    """Temporary files that saves killed mid-write left (model/files.py): in the recovery folder
    and where the file (or folder) opened now lives. Another program's temps are never touched."""
    folders = [data_dir() / "recovery"]
    if path is not None:
        folders.append(Path(path) if Path(path).is_dir() else Path(path).parent)
    for folder in folders:
        clean_stale_temps(folder)


def run_window(path: str | None = None) -> int:
    app = make_app()
    _log_uncaught()
    clean_leftovers(path)
    if path is not None and Path(path).is_dir():  # a unit's folder: its overview
        open_folder_start(path)
        return app.exec()
    if path is not None and is_department_file(path):  # double-clicked 部门整体.zpbdept.json
        open_department_file(path)
        return app.exec()
    window = open_window(path)
    window.show()
    for other in window.recovered_windows:
        other.show()
    report = os.environ.get("ZPB_STARTUP_REPORT")
    if report:  # smoke tests and benchmarks: note when the window is up, then close
        QTimer.singleShot(0, lambda: _report_shown(report, window))
    return app.exec()


def is_department_file(path: str | Path) -> bool:
    from model.department import DEPARTMENT_SUFFIX  # only when a file is given: start-up stays lean
    return Path(path).name.lower().endswith(DEPARTMENT_SUFFIX) and Path(path).is_file()


def open_department_file(path: str | Path, interaction: Interaction | None = None):
    """A department file opens as 部门整体 does from the overview of its folder: the folder's
    overview, with the department's dialog (on the folder's 部门整体.zpbdept.json) over it."""
    return open_folder_start(Path(path).resolve().parent, interaction, department=True)


def _report_shown(report: str, window: MainWindow) -> None:
    Path(report).write_text(f"{time.perf_counter() - STARTED:.4f}\n{window.windowTitle()}\n", encoding="utf-8")
    window.close()


def _log_uncaught() -> None:
    """A windowed build has no console: uncaught errors go to a log file (error.log in the data
    folder), and to stderr when there is one; no message is shown."""
    log = data_dir() / "error.log"

    def hook(kind, value, tb) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(text + "\n")
        except OSError:
            pass
        if sys.stderr:
            sys.stderr.write(text)
    sys.excepthook = hook
