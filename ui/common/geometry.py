"""Where every window opens: inside the screen's available area, centred (the editor: as last
left on that screen). The one routine for the editor, the overview, the 部门整体 dialog, the
options and the print preview, so none opens with its buttons below a laptop's taskbar.

A 1366×768 laptop (or 1920×1080 at 125 % or 150 %) leaves less than a main window would like:
there it opens maximized, and the form's upper part scrolls (main_window) so nothing is cut off;
a dialog takes what there is and scrolls inside.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from ui.common import settings as app_settings

PREFERRED = QSize(1280, 880)
MINIMUM = QSize(1000, 560)  # fits 1280×720 with a taskbar, a title bar and a menu
FRAME = QSize(16, 40)  # a title bar and borders, before the window manager tells


def initial_geometry(available: QRect, saved: QRect | None = None, preferred: QSize = PREFERRED,
                     minimum: QSize = MINIMUM) -> tuple[QRect, bool]:
    """(normal geometry, maximized) for a window on a screen whose free area is available."""
    room = QSize(available.width() - FRAME.width(), available.height() - FRAME.height())
    if saved is not None and saved.width() >= minimum.width() and saved.height() >= minimum.height():
        return fit(saved, available), False
    if room.width() < preferred.width() or room.height() < preferred.height():
        return fit(QRect(available.topLeft(), room), available), True
    return centred(preferred, available), False


def centred(size: QSize, available: QRect) -> QRect:
    """A rect of size (shrunk to the free area, frame included) in the middle of it."""
    rect = QRect(0, 0, min(size.width(), available.width() - FRAME.width()),
                 min(size.height(), available.height() - FRAME.height()))
    rect.moveCenter(available.center())
    rect.moveTop(max(rect.top(), available.top() + FRAME.height() - FRAME.width() // 2))
    return rect


def fit(rect: QRect, available: QRect) -> QRect:
    """rect, shrunk to the free area (frame included) and moved into it."""
    width = min(rect.width(), available.width() - FRAME.width())
    height = min(rect.height(), available.height() - FRAME.height())
    x = min(max(rect.x(), available.left() + FRAME.width() // 2), available.right() - width - FRAME.width() // 2)
    y = min(max(rect.y(), available.top() + FRAME.height() - FRAME.width() // 2),
            available.bottom() - height - FRAME.width() // 2)
    return QRect(x, y, width, height)


def screen_key(screen: QScreen, window: str | None = "") -> str:
    """Settings key of a window on a screen: its name and size (a laptop docked or not is two
    screens); the editor's has no window name."""
    size = screen.geometry().size()
    name = re.sub(r"[^0-9A-Za-z_-]+", "_", screen.name()) or "screen"
    return f"geometry/{window + '_' if window else ''}{name}_{size.width()}x{size.height()}"


def _screen(window: QWidget) -> QScreen | None:
    parent = window.parentWidget()
    return (parent.screen() if parent is not None else None) or window.screen() \
        or QGuiApplication.primaryScreen()


def place(window: QWidget, preferred: QSize = PREFERRED, minimum: QSize = MINIMUM,
          remember_as: str | None = "") -> None:
    """Before the first show, for a main window: the geometry remembered for this screen
    (remember_as: '' the editor's, a name another window's, None none), or a fitting one."""
    screen = _screen(window)
    if screen is None:
        window.setMinimumSize(minimum)
        window.resize(preferred)
        return
    free = screen.availableGeometry().size() - FRAME
    window.setMinimumSize(minimum.boundedTo(free))  # a screen smaller still: as much as there is
    value = app_settings.settings().value(screen_key(screen, remember_as)) if remember_as is not None else None
    saved, maximized = None, False
    if isinstance(value, list) and len(value) == 5:
        try:
            x, y, w, h, m = (int(v) for v in value)
            saved, maximized = QRect(x, y, w, h), bool(m)
        except (TypeError, ValueError):
            saved = None
    rect, small = initial_geometry(screen.availableGeometry(), saved, preferred, minimum)
    window.setGeometry(rect)
    if small or maximized:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def place_dialog(dialog: QWidget, width: int, height: int) -> None:
    """Before the first show, for a dialog: its preferred size within the free area, centred on
    the screen; its least size never beyond the screen (what does not fit scrolls inside)."""
    screen = _screen(dialog)
    if screen is None:
        dialog.resize(width, height)
        return
    available = screen.availableGeometry()
    free = available.size() - FRAME
    dialog.setMaximumSize(QSize(16777215, 16777215))
    dialog.setMinimumSize(dialog.minimumSizeHint().boundedTo(free))
    dialog.setGeometry(centred(QSize(width, height).expandedTo(dialog.minimumSize()), available))


def remember(window: QWidget, remember_as: str = "") -> None:
    """On close: the window's normal geometry and whether it was maximized, for its screen."""
    screen = window.screen()
    if screen is None:
        return
    g = window.normalGeometry() if window.isMaximized() else window.geometry()
    if g.isValid():
        app_settings.settings().setValue(screen_key(screen, remember_as), [g.x(), g.y(), g.width(), g.height(),
                                                              int(window.isMaximized())])

