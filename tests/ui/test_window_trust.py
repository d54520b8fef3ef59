"""The window never loses a clerk's work: crash copies, files changed by others, failing exports."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from model import Indicator, Project
from model.file_stamp import FileStamp
from model.project_file import load_project, save_project
from ui.editor import funds_table as F
from ui.editor import indicator_table as T


def crashed_copy(project: Project, original: Path | None = None) -> Path:
    """What a window killed mid-work leaves behind: its autosaved copy, its lock released."""
    from ui.editor.recovery import RecoveryStore
    from ui.common.settings import data_dir
    store = RecoveryStore(data_dir() / "recovery")
    store.save(project, original, FileStamp.of(original) if original else None)
    store.lock.unlock()  # the process is gone: its lock can be taken
    return store.copy


def start(qtbot, fake, path: str | None = None):
    from ui.app import make_app, open_window
    make_app()
    w = open_window(path, fake)
    for each in [w, *w.recovered_windows]:
        qtbot.addWidget(each)
    return w


def crash(window) -> None:
    """The window's process dies: nothing is closed, the copy stays, its lock is free."""
    window.recovery.lock.unlock()
    window.recovery = None
    window.controller.undo_stack.setClean()


def test_two_crashed_windows_are_both_offered_and_both_come_back(qtbot, fake):
    first = crashed_copy(Project(name="第一个窗口的项目"))
    second = crashed_copy(Project(name="第二个窗口的项目"))
    w = start(qtbot, fake)
    assert len(fake.recover_asked) == 2
    assert "第一个窗口" in fake.recover_asked[0] and "第二个窗口" in fake.recover_asked[1]
    names = {w.controller.project.name} | {o.controller.project.name for o in w.recovered_windows}
    assert names == {"第一个窗口的项目", "第二个窗口的项目"}
    assert all(x.isWindowModified() for x in [w, *w.recovered_windows])
    assert not first.exists() and not second.exists()  # adopted by the new windows' own copies


def test_a_declined_copy_goes_and_the_others_are_still_offered(qtbot, fake):
    crashed_copy(Project(name="不要了"))
    crashed_copy(Project(name="也不要"))
    fake.recover_answer = False
    w = start(qtbot, fake)
    assert len(fake.recover_asked) == 2 and w.recovered_windows == []
    fake.recover_asked.clear()
    start(qtbot, fake)
    assert fake.recover_asked == []  # answered for: gone


def test_a_recovered_copy_survives_a_second_crash_until_saved(qtbot, fake, tmp_path):
    crashed_copy(Project(name="崩溃两次的项目", indicators=[Indicator(name="指标0：留下")]))
    w = start(qtbot, fake)
    assert w.controller.project.name == "崩溃两次的项目"
    crash(w)  # within the autosave interval: nothing edited since recovering
    fake.recover_asked.clear()
    again = start(qtbot, fake)
    assert len(fake.recover_asked) == 1 and "崩溃两次的项目" in fake.recover_asked[0]
    assert again.controller.project.indicators[0].name == "指标0：留下"
    fake.next_save = str(tmp_path / "终于保存.zpb.json")
    assert again.save()
    crash(again)
    fake.recover_asked.clear()
    start(qtbot, fake)
    assert fake.recover_asked == []  # saved: the copy went with the save


def test_a_file_given_on_start_opens_beside_a_recovered_copy(qtbot, fake, tmp_path):
    path = tmp_path / "要打开的.zpb.json"
    save_project(Project(name="要打开的项目"), path)
    crashed_copy(Project(name="恢复的项目"))
    w = start(qtbot, fake, str(path))
    assert w.controller.project.name == "要打开的项目"
    assert [o.controller.project.name for o in w.recovered_windows] == ["恢复的项目"]


def edit_name(window, name: str) -> None:
    window.controller.set_field(("project", None), "name", name)


@pytest.fixture
def shared_file(tmp_path) -> Path:
    path = tmp_path / "两个窗口.zpb.json"
    save_project(Project(name="原来的"), path)
    return path


def test_two_windows_on_one_file_the_second_save_asks(qtbot, fake, shared_file):
    one, two = start(qtbot, fake, str(shared_file)), start(qtbot, fake, str(shared_file))
    edit_name(one, "第一个窗口改的")
    edit_name(two, "第二个窗口改的")
    assert one.save() and fake.file_changed_asked == []
    fake.file_changed_answer = "cancel"
    assert not two.save()
    assert fake.file_changed_asked == [str(shared_file)]
    assert load_project(shared_file).name == "第一个窗口改的" and two.isWindowModified()
    fake.file_changed_answer = "overwrite"
    assert two.save()
    assert load_project(shared_file).name == "第二个窗口改的" and not two.isWindowModified()
    edit_name(two, "再改一次")
    fake.file_changed_asked.clear()
    assert two.save() and fake.file_changed_asked == []  # its own last save is what is there


def test_a_changed_file_can_be_saved_under_another_name(qtbot, fake, shared_file, tmp_path):
    w = start(qtbot, fake, str(shared_file))
    save_project(Project(name="同事改的"), shared_file)
    edit_name(w, "我改的")
    fake.file_changed_answer = "save_as"
    fake.next_save = str(tmp_path / "另一个名字.zpb.json")
    assert w.save()
    assert load_project(shared_file).name == "同事改的"
    assert load_project(fake.next_save).name == "我改的" and w.controller.path == Path(fake.next_save)


def test_a_file_rewritten_with_the_same_bytes_is_not_a_change(qtbot, fake, shared_file):
    w = start(qtbot, fake, str(shared_file))
    data = shared_file.read_bytes()
    shared_file.write_bytes(data)  # touched: new time, same content
    os.utime(shared_file, ns=(1, 1))
    edit_name(w, "改了")
    assert w.save() and fake.file_changed_asked == []


def test_a_recovered_copy_knows_whether_its_file_changed_since_the_crash(qtbot, fake, shared_file):
    crashed_copy(Project(name="崩溃时没保存的"), shared_file)
    save_project(Project(name="之后别人保存的"), shared_file)
    w = start(qtbot, fake)
    assert w.controller.path == shared_file
    assert not w.save()
    assert fake.file_changed_asked == [str(shared_file)]
    assert load_project(shared_file).name == "之后别人保存的"


@pytest.mark.skipif(os.name == "nt", reason="symlinks need rights on Windows")
def test_saving_through_a_symlink_updates_its_target(qtbot, fake, tmp_path):
    real = tmp_path / "真实" / "项目.zpb.json"
    real.parent.mkdir()
    save_project(Project(name="原来的"), real)
    link = tmp_path / "快捷方式.zpb.json"
    link.symlink_to(real)
    w = start(qtbot, fake, str(link))
    edit_name(w, "通过链接保存")
    assert w.save(), fake.errors
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert load_project(real).name == "通过链接保存"


def test_an_export_with_odd_text_succeeds_or_says_why(qtbot, window, fake, tmp_path):
    from docx import Document
    from openpyxl import load_workbook
    edit_name(window, "名称\x0b第二行\x00结束\ud800")
    window.controller.set_field(("indicator", 0), "deviation", "原因\x0c说明\x1f")
    for fmt, read in (("xlsx", load_workbook), ("docx", Document)):
        fake.errors.clear()
        fake.next_save = str(tmp_path / f"导出.{fmt}")
        window.export(fmt)  # never raises
        if fake.errors:
            title, message = fake.errors[-1]
            assert title == "无法导出" and any("\u4e00" <= ch <= "\u9fff" for ch in message)
            assert "Traceback" not in message
        else:
            read(fake.next_save)


def test_an_unexpected_exporter_failure_is_shown_not_only_logged(qtbot, window, fake, tmp_path, monkeypatch):
    import exporters.files

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr(exporters.files, "export", broken)
    fake.next_save = str(tmp_path / "x.xlsx")
    window.export("xlsx")
    assert fake.errors and fake.errors[-1][0] == "无法导出"
    assert "意外错误" in fake.errors[-1][1] and "RuntimeError" in fake.errors[-1][1]
    assert "boom" in (Path(os.environ["ZPB_DATA_DIR"]) / "error.log").read_text(encoding="utf-8")


def test_exporting_onto_a_folder_says_so_in_chinese(qtbot, window, fake, tmp_path):
    folder = tmp_path / "是文件夹.xlsx"
    folder.mkdir()
    fake.next_save = str(folder)
    window.export("xlsx")
    assert fake.errors and fake.errors[-1][0] == "无法导出"
    assert "Errno" not in fake.errors[-1][1] and "是文件夹" in fake.errors[-1][1]


KILLED_DURING_AUTOSAVE = """
import sys
sys.path.insert(0, sys.argv[1])
from model import Indicator
from ui.app import make_app, open_window

class Clerk:
    def ask_recover(self, description):
        return False

app = make_app()
w = open_window(None, Clerk())
w.controller.set_project(w.controller.project.model_copy(update={"indicators": []}), None)
i = 0
while True:
    w.controller.set_field(("project", None), "name", f"第{i}次")
    w.autosave()
    if i == 0:
        print("ready", flush=True)
    i += 1
    w.controller.insert_indicators(0, [Indicator(name=f"指标{i}", deviation="很长的说明" * 200)])
"""


@pytest.mark.skipif(os.name == "nt", reason="kill -9 is POSIX")
def test_a_window_killed_during_autosave_leaves_a_whole_copy_and_no_temp_files(qtbot, fake, tmp_path):
    """kill -9 at moments spread over the autosave loop: the next start offers a consistent copy
    (its name and its rows from the same autosave) and leaves no temporary file behind."""
    import random
    import signal
    import subprocess
    import sys
    import time

    from ui.common.settings import data_dir
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    delays = random.Random(9)
    for _round in range(4):
        errors = tmp_path / "stderr.txt"
        with open(errors, "wb") as err, subprocess.Popen(
                [sys.executable, "-c", KILLED_DURING_AUTOSAVE, str(root)], env=env,
                stdout=subprocess.PIPE, stderr=err) as child:
            assert child.stdout.readline().strip() == b"ready", errors.read_text(errors="replace")
            time.sleep(delays.uniform(0.0, 0.4))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        fake.recover_asked.clear()
        fake.recover_answer = _round % 2 == 0  # a declined copy writes nothing: temps go all the same
        w = start(qtbot, fake)
        assert len(fake.recover_asked) == 1
        project = w.controller.project
        # a row added autosaves too, before the next name: the copy is one of those two states
        assert not fake.recover_answer or \
            project.name in (f"第{len(project.indicators)}次", f"第{len(project.indicators) - 1}次")
        leftovers = [p.name for p in (data_dir() / "recovery").iterdir() if p.name.endswith(".tmp")]
        assert leftovers == []
        fake.save_answer = "discard"
        w.close()  # a normal end: the adopted copy goes with it
    fake.recover_asked.clear()
    start(qtbot, fake)
    assert fake.recover_asked == []


def test_closing_when_the_save_fails_keeps_the_window_and_its_copy(qtbot, fake, tmp_path):
    folder = tmp_path / "会消失的文件夹"
    folder.mkdir()
    path = folder / "项目.zpb.json"
    save_project(Project(name="原来的"), path)
    w = start(qtbot, fake, str(path))
    w.show()
    edit_name(w, "没保存的修改")
    w.autosave()
    path.unlink()
    folder.rmdir()  # the shared folder went away
    fake.save_answer = "save"
    assert not w.close()
    assert w.isVisible() and w.isWindowModified()
    assert fake.errors and fake.errors[-1][0] == "无法保存"
    assert w.recovery.copy.exists()  # still there should the program die now
    w.controller.undo_stack.setClean()


def test_an_unreadable_crash_copy_is_set_aside_and_named_not_deleted(qtbot, fake):
    copy = crashed_copy(Project(name="读不了"))
    copy.write_bytes(b'{"format": "zipingbiao-project", "format_version": 1, "project": {"na')
    start(qtbot, fake)
    assert fake.recover_asked == []
    assert fake.infos and "无法读取" in fake.infos[-1] and str(copy.parent) in fake.infos[-1]
    aside = list(copy.parent.glob("*unreadable*"))
    assert len(aside) == 1 and aside[0].read_bytes().endswith(b'"na')
    fake.infos.clear()
    start(qtbot, fake)
    assert fake.infos == []  # told once


@pytest.mark.parametrize("text", ["1" + "0" * 30, "99999999999999999999999.5", "1" * 40])
def test_a_number_too_large_is_kept_as_typed_and_reported(qtbot, window, text):
    fm, im = window.funds_model, window.indicator_model
    total_before = window.total_bar.total.text()
    fm.setData(fm.index(0, F.EXECUTED), text)
    row = window.controller.project.funds[0]
    assert row.executed is None and row.unreadable["executed"] == text
    assert fm.data(fm.index(0, F.EXECUTED), 0) == text
    def shown() -> list[str]:
        return [window.problems.item(i).text() for i in range(window.problems.count())]
    qtbot.waitUntil(lambda: any(text[:12] in p and "金额" in p for p in shown()), timeout=3000)
    assert window.total_bar.total.text() != total_before  # the rate score left the total
    im.setData(im.index(0, T.WEIGHT), text)
    ind = window.controller.project.indicators[0]
    assert ind.weight is None and ind.unreadable["weight"] == text
    assert im.data(im.index(0, T.WEIGHT), 0) == text
    assert any(p.place.section == "indicator" and p.place.row == 0 and p.place.field == "weight"
               for p in window.controller.problems)
