"""Draw the program's icon (a stamped form) into the build folder: no binary asset in the repo.
Usage: make_icon.py OUT.(ico|png) [SIZE]   (256 pixels unless told)"""
from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen  # noqa: E402


def draw(size: int = 256) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setBrush(QColor("#ffffff"))
    p.setPen(QPen(QColor("#34495e"), 8 * s))
    p.drawRoundedRect(QRectF(36 * s, 20 * s, 184 * s, 216 * s), 14 * s, 14 * s)
    p.setPen(QPen(QColor("#7f8c8d"), 6 * s))
    for y in (70, 104, 138):
        p.drawLine(int(62 * s), int(y * s), int(194 * s), int(y * s))
    p.setPen(QPen(QColor("#c0392b"), 10 * s))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QRectF(112 * s, 140 * s, 80 * s, 80 * s))
    font = QFont()
    font.setPixelSize(int(44 * s))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#c0392b"))
    p.drawText(QRectF(112 * s, 140 * s, 80 * s, 80 * s), Qt.AlignmentFlag.AlignCenter, "评")
    p.end()
    return img


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    out = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 256
    if not draw(size).save(out):
        sys.exit(f"could not write {out}")
