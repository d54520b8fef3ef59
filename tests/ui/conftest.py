from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class FakeInteraction:
    """Answers the window's questions as a test scripts them, and remembers what was said."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[str] = []
        self.save_answer = "discard"
        self.recover_answer = True
        self.recover_asked: list[str] = []
        self.next_open: str | None = None
        self.next_save: str | None = None
        self.next_folder: str | None = None
        self.next_text: str | None = None
        self.file_changed_answer = "cancel"
        self.file_changed_asked: list[str] = []
        self.next_choice: int | None = 0
        self.choices_asked: list[list[str]] = []
        self.confirms: list[str] = []

    def error(self, title, message):
        self.errors.append((title, message))

    def info(self, title, message):
        self.infos.append(message)

    def ask_save_changes(self, name):
        return self.save_answer

    def ask_file_changed(self, path):
        self.file_changed_asked.append(path)
        return self.file_changed_answer

    def ask_recover(self, description):
        self.recover_asked.append(description)
        return self.recover_answer

    def choose(self, title, label, items):
        self.choices_asked.append(items)
        return self.next_choice

    def ask_text(self, title, label, text):
        return self.next_text

    def open_file(self, folder):
        return self.next_open

    def save_file(self, suggested, file_filter="", title=""):
        return self.next_save

    def choose_folder(self, folder, title=""):
        return self.next_folder

    next_files: list[str] = []
    confirm_answer = True

    def open_files(self, folder):
        return list(self.next_files)

    def confirm(self, title, message):
        self.confirms.append(message)
        return self.confirm_answer


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("ZPB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ZPB_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def fake():
    return FakeInteraction()


@pytest.fixture
def window(qtbot, fake):
    from ui.app import make_app, open_window
    make_app()
    w = open_window(None, fake)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.controller.undo_stack.setClean()
    w.close()


def shown_overview(qtbot, fake, folder):
    """The unit's overview on folder, shown, its projects read (as a clerk opens it)."""
    from ui.app import make_app
    from ui.overview.window import OverviewWindow
    make_app()
    w = OverviewWindow(folder, fake)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.folder.loading)
    return w
