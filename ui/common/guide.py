"""帮助 → 使用说明: the clerk's guide inside the program (clerks do not read a README)."""
from __future__ import annotations

import re

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ui.common.geometry import place_dialog

FIRST_START_HINT = ("从上往下填：基本信息 → 项目资金 → 年度总体目标 → 绩效指标；"
                    "右侧列出还要改的地方，按 F1 看使用说明。")

GUIDE = """\
# 使用说明

## 怎样填表

窗口从上到下和打印出来的自评表一样：

1. **基本信息**：项目名称、年度（默认为刚过去的一年）、主管部门、实施单位、项目负责人、联系电话。
2. **项目资金（万元）**：填年初预算数、全年预算数、全年执行数。金额以万元为单位，可以输入
   `18`、`53.808`、`1,234.5` 或 `180000元`。执行率和预算执行率得分由程序算出。
3. **年度总体目标**：预期目标和实际完成情况。
4. **绩效指标**：新建的表已按标准框架列好各行——产出指标（数量、质量、时效、成本）、效益指标
   （社会效益）、满意度指标（服务对象满意度），并按通常的 50/30/10 建议了分值，可以修改。
   需要经济效益、生态效益或可持续影响指标时，点“添加指标”旁边的小箭头选择。
   每行填三级指标、年度指标值、实际完成值和分值，得分随即算出；没有得满分的行要写
   偏差原因分析及改进措施。

窗口顶部一直显示**总分**和**等级**（还有指标没有得分时，等级显示“待定”）；右侧“问题”列出还没填好的地方，点一下就跳到那一格。
问题都改完时，顶部显示“可以签章”。

## 颜色的意思

- **浅灰底**：程序算出的格子（执行率、得分），不用填。
- **粉红底**：读不出来的数字（例如“约十八”），或者无法计分的指标。改正内容，或手动填写得分。
- **蓝色粗体得分**：手动给的分数。与规则不同时，旁边写着规则算出的分数，如“13（规则 15）”；
  与规则相同时带 ✎ 标记。

## 手动得分

在“得分”格里直接输入分数，就是手动得分；定性指标（如 优良中低差）的下拉列表给出该等级允许的分数。
用“编辑 → 手动得分说明…”写下理由，理由随项目保存，鼠标停在得分上可以看到。
删除得分格的内容、或在下拉列表中选“按规则”、或点“恢复按规则计分”，即恢复程序计分。

## 打印和导出

- “文件 → 打印…”（Ctrl+P）直接打印，一张 A4 纸；“打印预览…”先看效果。
- “导出 Word / Excel / PDF”生成区里格式的文件，可以发送或另行修改。
- 保存（Ctrl+S）得到项目文件（.zpb.json），明年可以用“从去年的表新建”接着填。
- 打开、保存和导出的对话框先从“文档”文件夹开始，以后从上次用过的文件夹开始。

## 意外关闭后恢复

程序每隔半分钟、以及每次增删指标行后，自动保存未保存的修改。如果程序或电脑意外关闭，
下次打开时会询问是否恢复这些内容。选“是”恢复后，请立即保存。

## 只用键盘

- **Tab / Shift+Tab**：按表格顺序移动：基本信息 → 项目资金 → 年度总体目标 → 绩效指标。
  在表格里 Tab 向右移一格，到表格最后一格后再按 Tab 进入下一部分；**Ctrl+Tab** 直接跳出表格到下一部分
  （Ctrl+Shift+Tab 回到上一部分）。新建之后光标在项目名称上。
- 在表格里**直接打字**即开始编辑，**Enter** 确认并移到下一行，**F2** 修改当前格，**Esc** 取消。
  一级、二级指标和得分的下拉列表用 **Alt+↓** 打开。
- **Ctrl+Enter**：在当前行下面插入一行，光标停在新行的三级指标上；**Ctrl+Shift+N**：在最后添加一行；
  **Ctrl+I**：在当前行上面插入一行。
- **Ctrl+-**（或 Ctrl+Shift+Delete）：删除所选的行；**Delete**：清空所选的格子。
- **Ctrl+Shift+↑ / ↓**：上移、下移当前行。
- **Ctrl+C / Ctrl+V**：与 Excel、WPS 之间复制粘贴整块单元格。
- **Ctrl+Z / Ctrl+Y**：撤销、重做；**Ctrl+S** 保存；**Ctrl+P** 打印；**F1** 打开本说明。
"""


def guide_markdown() -> str:
    """GUIDE with its wrapped lines joined: Markdown turns a line break into a space, which
    Chinese text does not have."""
    joined = re.sub(r"\n +(?=\S)", "", GUIDE)  # a list item's continued lines
    return re.sub(r"(?<=[^\x00-\x7f])\n(?=[^\x00-\x7f])", "", joined)  # a paragraph's


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        layout = QVBoxLayout(self)
        self.text = QTextBrowser(self)
        self.text.setOpenExternalLinks(False)
        self.text.setMarkdown(guide_markdown())
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        place_dialog(self, 760, 680)
