"""Where the window opens: inside the screen's available area, as last left on that screen.

A 1366×768 laptop (or 1920×1080 at 125 %) leaves less than the window would like: there it
opens maximized, and the form's upper part scrolls (main_window) so nothing is cut off.
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


def initial_geometry(available: QRect, saved: QRect | None = None) -> tuple[QRect, bool]:
    """(normal geometry, maximized) for a window on a screen whose free area is available."""
    room = QSize(available.width() - FRAME.width(), available.height() - FRAME.height())
    if saved is not None and saved.width() >= MINIMUM.width() and saved.height() >= MINIMUM.height():
        return fit(saved, available), False
    if room.width() < PREFERRED.width() or room.height() < PREFERRED.height():
        return fit(QRect(available.topLeft(), room), available), True
    rect = QRect(0, 0, PREFERRED.width(), PREFERRED.height())
    rect.moveCenter(available.center())
    return rect, False


def fit(rect: QRect, available: QRect) -> QRect:
    """rect, shrunk to the free area (frame included) and moved into it."""
    width = min(rect.width(), available.width() - FRAME.width())
    height = min(rect.height(), available.height() - FRAME.height())
    x = min(max(rect.x(), available.left() + FRAME.width() // 2), available.right() - width - FRAME.width() // 2)
    y = min(max(rect.y(), available.top() + FRAME.height() - FRAME.width() // 2),
            available.bottom() - height - FRAME.width() // 2)
    return QRect(x, y, width, height)


def screen_key(screen: QScreen) -> str:
    """Settings key of a screen: its name and size (a laptop docked or not is two screens)."""
    size = screen.geometry().size()
    name = re.sub(r"[^0-9A-Za-z_-]+", "_", screen.name()) or "screen"
    return f"geometry/{name}_{size.width()}x{size.height()}"


def place(window: QWidget) -> None:
    """Before the first show: the geometry remembered for this screen, or a fitting one."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.setMinimumSize(MINIMUM)
        window.resize(PREFERRED)
        return
    free = screen.availableGeometry().size() - FRAME
    window.setMinimumSize(MINIMUM.boundedTo(free))  # a screen smaller still: as much as there is
    value = app_settings.settings().value(screen_key(screen))
    saved, maximized = None, False
    if isinstance(value, list) and len(value) == 5:
        try:
            x, y, w, h, m = (int(v) for v in value)
            saved, maximized = QRect(x, y, w, h), bool(m)
        except (TypeError, ValueError):
            saved = None
    rect, small = initial_geometry(screen.availableGeometry(), saved)
    window.setGeometry(rect)
    if small or maximized:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def remember(window: QWidget) -> None:
    """On close: the window's normal geometry and whether it was maximized, for its screen."""
    screen = window.screen()
    if screen is None:
        return
    g = window.normalGeometry() if window.isMaximized() else window.geometry()
    if g.isValid():
        app_settings.settings().setValue(screen_key(screen), [g.x(), g.y(), g.width(), g.height(),
                                                              int(window.isMaximized())])

