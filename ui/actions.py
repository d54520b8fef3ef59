"""Every action, its shortcut and its menu, wired in one place."""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolButton

from model.skeleton import OPTIONAL_ROWS

from ui.common.windows import windows
from ui.editor.drop import DropOpener


def _action_maker(w, a: dict[str, QAction]):
    """act(key, text, slot, shortcut, tip): a QAction of w, kept in a under key."""
    def act(key: str, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, w)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        a[key] = action
        return action
    return act


def build_actions(w) -> dict[str, QAction]:
    """Create the window's actions and menus; w is the MainWindow whose slots they call."""
    a: dict[str, QAction] = {}
    act = _action_maker(w, a)

    S = QKeySequence.StandardKey
    act("new", "新建(&N)", w.new_file, S.New)
    act("open", "打开(&O)…", w.open_file, S.Open, "打开项目文件，或填好的 Word/Excel 自评表")
    act("open_folder", "打开文件夹(&D)…", lambda: open_folder_dialog(w), "Ctrl+Shift+O",
        "打开一个单位的项目文件夹：全部项目一览、汇总表、合并导出和打印")
    act("from_last", "从去年的表新建(&L)…", w.new_from_last_year, None,
        "以去年填好的自评表为底稿：保留表头和指标，清空金额、实际值和得分")
    act("save", "保存(&S)", w.save, S.Save)
    act("save_as", "另存为(&A)…", w.save_as, "Ctrl+Shift+S")
    act("export_docx", "导出 Word(&W)…", lambda: w.export("docx"))
    act("export_xlsx", "导出 Excel(&E)…", lambda: w.export("xlsx"))
    act("export_pdf", "导出 PDF(&F)…", w.export_pdf, None, "不需要 Office 即可打印的 PDF")
    act("department", "部门整体绩效(&B)…", lambda: _department(w), None,
        "为本单位的项目文件夹填写部门整体绩效：预算、决算、指标，导出自评表和报告初稿")
    act("preview", "打印预览(&V)…", w.print_preview)
    act("print", "打印(&P)…", w.print_form, S.Print)
    _close_actions(act)(w)
    undo = w.controller.undo_stack.createUndoAction(w, "撤销")
    undo.setShortcut(QKeySequence(S.Undo))
    redo = w.controller.undo_stack.createRedoAction(w, "重做")
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence(S.Redo)])
    a["undo"], a["redo"] = undo, redo
    rows = w.indicators  # the 绩效指标 box owns the row operations
    act("add", "添加指标", rows.add, "Ctrl+Shift+N")
    act("insert", "在上方插入指标", rows.insert, "Ctrl+I")
    act("insert_below", "在下方插入指标", rows.insert_below, "Ctrl+Return", "在当前行下面加一行，光标停在新行")
    a["insert_below"].setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
    act("delete", "删除所选指标", rows.delete, "Ctrl+Shift+Delete")
    a["delete"].setShortcuts([QKeySequence("Ctrl+Shift+Delete"), QKeySequence("Ctrl+-")])
    for level1, level2 in OPTIONAL_ROWS:
        act(f"add_{level2}", f"{level1}·{level2}", lambda l1=level1, l2=level2: rows.add_group_row(l1, l2))
    act("up", "上移", lambda: rows.move(-1), "Ctrl+Shift+Up")
    act("down", "下移", lambda: rows.move(1), "Ctrl+Shift+Down")
    act("revert", "恢复按规则计分", rows.revert_score, None, "删除手动得分，按评分规则计分")
    act("hand_note", "手动得分说明…", rows.edit_hand_note, None, "写下手动给分的理由")
    act("settings", "选项(&T)…", w.edit_settings)
    act("guide", "使用说明(&G)", w.show_guide, S.HelpContents, "怎样填表、颜色的意思、打印和恢复")
    act("about", "关于(&A)", w.about)

    bar = w.menuBar()
    m = bar.addMenu("文件(&F)")
    for key in ("new", "open", "open_folder", "from_last"):
        m.addAction(a[key])
    w.recent_menu = m.addMenu("最近打开(&R)")
    m.addSeparator()
    for key in ("save", "save_as"):
        m.addAction(a[key])
    m.addSeparator()
    for key in ("export_docx", "export_xlsx", "export_pdf"):
        m.addAction(a[key])
    m.addSeparator()
    m.addAction(a["department"])
    m.addSeparator()
    for key in ("preview", "print"):
        m.addAction(a[key])
    m.addSeparator()
    m.addAction(a["close"])
    m.addAction(a["quit"])
    m = bar.addMenu("编辑(&E)")
    m.addAction(undo)
    m.addAction(redo)
    m.addSeparator()
    for key in ("add", "insert", "insert_below", "delete", "up", "down", "revert", "hand_note"):
        m.addAction(a[key])
    more = m.addMenu("添加其他二级指标")
    for level1, level2 in OPTIONAL_ROWS:
        more.addAction(a[f"add_{level2}"])
    rows.buttons["add"].setMenu(more)  # one click on the arrow beside 添加指标
    rows.buttons["add"].setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    bar.addMenu("设置(&S)").addAction(a["settings"])
    m = bar.addMenu("帮助(&H)")
    m.addAction(a["guide"])
    m.addAction(a["about"])
    w.drop_opener = DropOpener(w)  # a folder dropped opens its overview, a file opens here
    return a


def open_folder_dialog(w) -> None:
    folder = w.interaction.choose_folder(str(w._folder()), "打开单位的项目文件夹")
    if folder:
        windows().open_folder(folder, w.interaction)


def build_overview_actions(w) -> dict[str, QAction]:
    """The overview's actions and menus; w is the OverviewWindow (ui/overview/window.py)."""
    a: dict[str, QAction] = {}
    act = _action_maker(w, a)

    S = QKeySequence.StandardKey
    act("new", "新建项目(&N)…", w.new_project, S.New)
    act("open", "打开所选项目(&O)", lambda: [w.open_entry(e) for e in w.selected_entries()[:10]], "Ctrl+O")
    act("import", "导入表格(&I)…", w.import_forms, "Ctrl+Shift+I", "导入填好的 Word/Excel 自评表（可多选，一个文件可有多张表）")
    act("rename", "重命名(&M)…", w.rename_selected, "F2")
    act("trash", "移到回收站(&D)", w.delete_selected, S.Delete)
    act("open_folder", "打开文件夹…", w.open_folder, "Ctrl+Shift+O")
    act("next_year", "开始新一年(&Y)…", w.start_next_year, None, "把每个项目开始为下一年度的表，存入另一个文件夹")
    act("summary_docx", "汇总表导出 Word…", lambda: w.export_summary("docx"))
    act("summary_xlsx", "汇总表导出 Excel…", lambda: w.export_summary("xlsx"))
    act("combined_docx", "全部导出为一个 Word 文件…", lambda: w.export_combined("docx"))
    act("combined_xlsx", "全部导出为一个 Excel 文件…", lambda: w.export_combined("xlsx"))
    act("each", "逐个导出到文件夹…", w.export_each)
    act("pdf_all", "全部导出 PDF…", w.export_pdf_all)
    act("print_all", "全部打印(&P)…", w.print_all, S.Print)
    _close_actions(act)(w)
    act("guide", "使用说明(&G)", lambda: _guide(w), S.HelpContents,
        "项目一览、汇总表、合并导出和打印、开始新一年、部门整体绩效怎样用")
    act("department", "部门整体绩效(&B)…", lambda: _department(w, w.folder.folder), None,
        "本单位的部门整体绩效：预算、决算、指标，导出部门整体自评表和评价报告初稿")
    filters = {"all": "全部项目", "errors": "只看有错误的"}
    from ui.overview.table_model import Filter  # the editor starts without the overview
    act("undo", "撤销(&U)", w.undo_step, S.Undo, "撤销上一次重命名、新建或导入（新建、导入的文件移到回收站）")
    act("redo", "重做(&R)", w.redo_step, "Ctrl+Y")
    for key, can, text, word in (("undo", w.file_steps.canUndoChanged, w.file_steps.undoTextChanged, "撤销"),
                                 ("redo", w.file_steps.canRedoChanged, w.file_steps.redoTextChanged, "重做")):
        a[key].setEnabled(False)
        can.connect(a[key].setEnabled)
        text.connect(lambda t, k=key, wd=word: a[k].setText(f"{wd}{t}" if t else wd))
    act("only_errors", filters["errors"], lambda: w.set_filter(Filter.ERRORS), "Ctrl+E")
    act("show_all", filters["all"], w.show_all, "Ctrl+Shift+E", "不筛选、不搜索，显示文件夹中的全部项目")

    bar = w.menuBar()
    m = bar.addMenu("文件(&F)")
    for key in ("new", "open", "import", "rename", "trash", None, "open_folder", "next_year", None, "close", "quit"):
        m.addSeparator() if key is None else m.addAction(a[key])
    m = bar.addMenu("编辑(&E)")
    m.addAction(a["undo"])
    m.addAction(a["redo"])
    m = bar.addMenu("汇总与导出(&X)")
    for key in ("summary_docx", "summary_xlsx", None, "combined_docx", "combined_xlsx", "each", "pdf_all",
                None, "print_all", None, "department"):
        m.addSeparator() if key is None else m.addAction(a[key])
    m = bar.addMenu("查看(&V)")
    m.addAction(a["show_all"])
    m.addAction(a["only_errors"])
    bar.addMenu("帮助(&H)").addAction(a["guide"])
    tools = w.addToolBar("项目")
    tools.setObjectName("overview-tools")
    for key in ("new", "import", "open", "trash", "summary_docx", "combined_docx", "print_all"):
        tools.addAction(a[key])
    return a


def _close_actions(act):
    """关闭 (Ctrl+W) closes this window, 退出 (Ctrl+Q) every window of the program: the same two
    words and keys in the editor and the overview; each window asks before unsaved work is lost."""
    def make(w) -> None:
        from PySide6.QtWidgets import QApplication
        act("close", "关闭(&C)", w.close, "Ctrl+W", "关闭这个窗口（其他窗口保持打开）")
        act("quit", "退出(&X)", QApplication.closeAllWindows, "Ctrl+Q", "关闭本程序的所有窗口")
    return make


def _guide(w) -> None:
    from ui.common.guide import GuideDialog
    w.guide_dialog = GuideDialog(w)
    w.guide_dialog.show()


def _department(w, folder=None) -> None:
    """The editor asks for the folder; the overview is one."""
    w.department_dialog = windows().open_department(w, folder)
