"""Options: the header a new project starts with, the district in the title, the rule profile."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit

from model import DEFAULT_PROFILE, load_profile, profile_names

from ui.common.geometry import place_dialog
from ui.common.settings import DEFAULT_FIELDS, settings

LABELS = {"department": "默认主管部门", "implementer": "默认实施单位", "manager": "默认项目负责人",
          "phone": "默认联系电话"}


class SettingsDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("选项")
        s = settings()
        form = QFormLayout(self)
        self.edits = {}
        for field in DEFAULT_FIELDS:
            edit = QLineEdit(str(s.value(f"defaults/{field}", "")), self)
            form.addRow(LABELS[field] + "：", edit)
            self.edits[field] = edit
        self.district = QLineEdit(str(s.value("district", "朝阳区")), self)
        form.addRow("标题中的区名：", self.district)
        self.profile = QComboBox(self)
        for name in profile_names():
            self.profile.addItem(f"{name} — {load_profile(name).description}", name)
        current = str(s.value("profile", DEFAULT_PROFILE))
        self.profile.setCurrentIndex(max(0, profile_names().index(current) if current in profile_names() else 0))
        form.addRow("评分规则：", self.profile)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        place_dialog(self, 560, 0)  # as tall as its rows: centred on the screen

    def accept(self) -> None:
        s = settings()
        for field, edit in self.edits.items():
            s.setValue(f"defaults/{field}", edit.text().strip())
        s.setValue("district", self.district.text().strip() or "朝阳区")
        s.setValue("profile", self.profile.currentData())
        super().accept()

    def profile_name(self) -> str:
        return self.profile.currentData()

    def district_name(self) -> str:
        return self.district.text().strip() or "朝阳区"
