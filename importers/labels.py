"""The label vocabulary of the forms this program reads: every spelling of every label, in one
place. Labels are compared by `label_key` (no spaces, half-width brackets, no trailing colon)."""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from model import FundsKind
from model.text import clean_text


# the traditional forms of the characters the labels are written in: a form typed with a
# traditional input method or converted by WPS ('項目負責人', '預算執行率') has the same labels
_TRADITIONAL = str.maketrans(
    "項稱門實單負責聯繫電話資額預數執財撥結轉餘總體標級際進產滿質時經濟會態環續響務對評價論問題備註說績內況設報請復審計權據縣區層統專戶業歸調後決補動織組應運維護劃規範證簽蓋長導領無關個與為發眾係佔適類費當",
    "项称门实单负责联系电话资额预数执财拨结转余总体标级际进产满质时经济会态环续响务对评价论问题备注说绩内况设报请复审计权据县区层统专户业归调后决补动织组应运维护划规范证签盖长导领无关个与为发众系占适类费当")


@lru_cache(maxsize=16384)  # every cell's key, asked for again and again
def label_key(text: str) -> str:
    """A label without spaces, with half-width brackets and no colon after it: how labels are
    compared ('项目名称：', '项 目 名 称' and '项目名称' are one label). Invisible characters (a
    zero-width space pasted inside a label) are no part of it, and traditional characters are read
    as their simplified forms."""
    s = re.sub(r"\s+", "", clean_text(text or "")).translate(_TRADITIONAL)
    return s.replace("：", ":").replace("（", "(").replace("）", ")").rstrip(":")


def bare(key: str) -> str:
    """A label without its bracketed remarks and leading numbering: '实施单位(盖章)' → '实施单位',
    '2.项目实施内容及过程概述' → '项目实施内容及过程概述', '预算执行情况(10分)' → '预算执行情况'."""
    key = re.sub(r"\([^()]*\)|【[^【】]*】|\[[^\[\]]*\]", "", key)
    return re.sub(r"^(\d+|[一二三四五六七八九十]+)[.、．)]", "", key).rstrip(":")


# --- the header above the table ----------------------------------------------------------

HEADER_FIELDS = {
    "项目名称": "name", "项目名": "name",
    "主管部门": "department", "主管单位": "department", "主管部门名称": "department",
    "主管部门及代码": "department", "主管预算部门": "department", "实施单位及代码": "implementer",
    "预算年度": "year", "填报年度": "year", "评价年度": "year", "年度": "year",
    "预算部门": "department", "部门名称": "department", "部门": "department",
    "业务主管部门": "department", "主管部门单位": "department", "归口管理部门": "department",
    "实施单位": "implementer", "申请单位": "implementer", "项目实施单位": "implementer",
    "单位名称": "implementer", "申报单位": "implementer", "项目单位": "implementer",
    "预算单位": "implementer", "单位": "implementer", "实施主管单位": "implementer",
    "项目负责人": "manager", "负责人": "manager", "项目联系人": "manager", "联系人": "manager",
    "部门联系人": "manager",
    "联系电话": "phone", "电话": "phone",
}
# labels that may carry their value in the same cell ('项目名称：社区培训')
INLINE_LABELS = ("项目名称", "主管部门", "实施单位", "申请单位", "项目负责人", "联系电话", "预算部门")
# the year's amount on a 绩效目标申报表 (a label–value pair, not a funds table)
AMOUNT_LABELS = ("本年度项目金额", "本年度资金总额", "年度项目金额", "本年度项目资金", "项目金额",
                 "本年预算金额", "年度预算金额", "年度资金总额", "资金总额", "项目总金额", "当年年度预算",
                 "当年年度预算数", "当年预算", "当年预算数", "本年度预算", "本年度预算数")
# amounts a targets-only form prints that are not the year's budget (a project's whole span)
OTHER_AMOUNT_LABELS = ("项目总预算", "项目总预算数", "总预算", "项目总投资", "中期资金总额")


def header_field(key: str) -> str | None:
    return HEADER_FIELDS.get(bare(key))


# --- the funds part ----------------------------------------------------------------------

FUNDS_COLUMNS = [  # (field, test on the bare key), the more specific first
    ("initial_budget", lambda k: k.startswith("年初预算") or k == "年初数"),
    ("annual_budget", lambda k: k.startswith(("全年预算", "调整后预算", "全年调整预算", "全年(调整)预算",
                                              "调整预算", "预算调整后"))),
    ("executed", lambda k: k.startswith(("全年执行", "实际执行", "预算执行数", "执行数", "全年实际支出",
                                         "实际支出", "决算数", "全年支出"))),
    ("score", lambda k: k.startswith("折算得分")),  # the budget system's weighted score
    ("weight", lambda k: k in ("分值", "权重", "执行率权重", "执行率分值") or k.startswith(("分值", "权重"))),
    ("score", lambda k: "得分" in k or k in ("自评分", "评分")),
    ("annual_budget", lambda k: k in ("预算数", "全年数", "年度预算数")),
]
FUNDS_KINDS = [(FundsKind.TOTAL, ("资金总额", "总额", "合计", "总计")),
               (FundsKind.FISCAL, ("财政拨款", "财政资金", "财政补助")),
               (FundsKind.CARRYOVER, ("结转", "结余")),
               (FundsKind.OTHER, ("其他资金", "财政专户管理资金", "专户资金", "单位资金", "自有资金",
                                  "社会投入", "其他"))]


def funds_column(key: str) -> str | None:
    found = funds_column_rank(key)
    return found[0] if found else None


def funds_column_rank(key: str) -> tuple[str, int] | None:
    """The field a funds header cell names, and how specifically (lower is more)."""
    k = bare(key)
    for rank, (field, test) in enumerate(FUNDS_COLUMNS):
        if test(k):
            return field, rank
    return None


def is_funds_head(keys: set[str]) -> bool:
    """The row that names the amount columns: two of 年初预算数, 全年预算数, 全年执行数 …"""
    found = {funds_column(k) for k in keys} & {"initial_budget", "annual_budget", "executed"}
    return len(found) >= 2


def funds_kind(key: str) -> FundsKind | None:
    k = bare(key).removeprefix("其中:").removeprefix("其中")
    if not k or len(k) > 16:
        return None
    for kind, words in FUNDS_KINDS:
        if any(w in k for w in words):
            return kind
    return None


# what an amount header may name as its unit besides 万元, and the factor that makes it 万元
UNITS = {"元": Decimal("0.0001"), "千元": Decimal("0.1"), "百万元": Decimal(100), "亿元": Decimal(10000)}
_UNIT = "(元|千元|百万元|亿元)"
UNIT = re.compile(rf"\({_UNIT}\)|单位:{_UNIT}|单位{_UNIT}$|^\(?单位:?{_UNIT}\)?$")


def amount_unit(key: str) -> str | None:
    """The unit a header gives amounts in when it is not 万元 ('项目资金(元)', '单位：千元'); None
    for 万元 or none named."""
    m = UNIT.search(key)
    if m is None or "万元" in key.replace("百万元", ""):
        return None
    return next(g for g in m.groups() if g)


_STATED = re.compile(r"\((万元)\)|单位:(万元)|单位(万元)$")


def stated_unit(key: str) -> str | None:
    """The unit a cell names for amounts, 万元 included ('项目资金(万元)'), or None."""
    m = _STATED.search(key.replace("百万元", ""))
    return "万元" if m else amount_unit(key)


# --- the indicator table -----------------------------------------------------------------

def indicator_column(key: str) -> str | None:
    """Which field an indicator header cell names; None for a cell that names none."""
    k = bare(key)
    if not k:
        return None
    if k.startswith("一级"):
        return "level1"
    if k.startswith("二级") or k == "评价内容":  # a 指标表 that names its 二级 column 评价内容
        return "level2"
    if k.startswith("三级") or k in ("指标名称", "绩效指标名称", "指标内容"):
        return "name"
    if "性质" in k:
        return "nature"
    if k in ("度量单位", "计量单位", "绩效度量单位", "单位", "指标单位", "绩效计量单位"):
        return "unit"
    if k.startswith("调整") and k.endswith("指标值"):
        return "target_adjusted"
    if k in ("年度", "年度指标值", "指标值", "目标值", "年度目标值", "绩效指标值", "预期指标值",
             "年初指标值", "年度绩效指标值", "指标目标值", "预期目标值", "计划值") \
            or (k.endswith("指标值") and "完成" not in k):
        return "target"
    if k in ("实际", "实际值", "完成值", "实际完成", "实际完成值", "全年完成值", "全年实际值",
             "实际完成情况", "年度实际完成值", "指标完成值") or (k.endswith("完成值")):
        return "actual"
    if k in ("分值", "权重", "指标分值", "指标权重", "权重(分)") or k.startswith(("分值", "权重")):
        return "weight"
    if k.startswith("单项") and "得分" in k:  # the budget system's 0–100 score before weighting
        return "item_score"
    if ("得分" in k and "系数" not in k and "率" not in k) or k in ("自评分", "评分", "自评分值"):
        return "score"
    if "偏差" in k or "原因" in k:
        return "deviation"
    if k.startswith("指标解释") or k.startswith("评分标准") or k.startswith("指标说明"):
        return "explanation"
    return None


# (family, words) of 一级/二级 labels, the more specific first: a 一级 label printed in the middle
# of its block is found for the rows above it by their 二级's family
FAMILIES = (("成本", ("成本",)), ("满意度", ("满意",)), ("产出", ("产出", "数量", "质量", "时效", "进度")),
            ("效益", ("效益", "经济", "社会", "生态", "可持续", "效果")))


def family(label: str) -> str | None:
    k = bare(label_key(label))
    return next((name for name, words in FAMILIES if any(w in k for w in words)), None)


_POINTS = re.compile(r"\(([0-9]+(?:\.[0-9]+)?)分\)")


def points_in_label(text: str) -> str | None:
    """The 分值 a label carries ('数量指标（4分）' → '4'), or None."""
    found = _POINTS.findall(label_key(text))
    return found[-1] if len(found) == 1 else None


_FOOTER = re.compile(r"^(填表人|填报人|审核人|复核人|经办人|制表人|单位负责人|财务负责人|项目负责人|分管领导|"
                     r"填表日期|填报日期|日期|联系电话)(:|$)")


def is_footer(key: str) -> bool:
    """A signature line under the table: '财政资金管理科室（盖章）', '填表人：', '审核人：'."""
    return bool(_FOOTER.match(key)) or any(w in key for w in ("盖章", "签字", "签章", "(印章)"))


HEADER_FRAGMENTS = {"指标值", "完成值", "年度", "实际", "序号", "是否核心指标", "得分系数"}


def is_indicator_head(keys: set[str]) -> bool:
    fields = {indicator_column(k) for k in keys}
    if "level1" in fields and ("name" in fields or "level2" in fields):
        return True
    return "name" in fields and bool(fields & {"target", "actual"}) and bool(fields & {"weight", "score"})


# rows that end the indicator table, by their first cells
def is_total_row(key: str) -> bool:
    k = bare(key)
    return k.startswith(("总分", "合计", "总计", "自评总分", "综合得分", "总得分")) or k in ("自评得分合计",)


# text blocks beside the table, kept as notes
NOTE_LABELS = ("评价结论", "自评结论", "存在问题", "存在的问题", "改进措施", "改进意见", "下一步改进措施",
               "项目基本情况", "项目实施内容及过程概述", "项目概况", "其他需要说明事项", "其他需要说明的事项",
               "其他说明", "备注", "说明", "注", "主要问题及改进措施", "问题及改进措施", "绩效自评结论")


def note_label(key: str) -> str | None:
    """The block a cell starts ('备注', '注：1.…' → '注'), or None."""
    k = bare(key)
    for label in sorted(NOTE_LABELS, key=len, reverse=True):
        if k == label or (label in ("注", "备注", "说明") and k.startswith(label + ":")):
            return label
    return None


_PLACEHOLDER = re.compile(r"^(指标\d*[:.、]?)?(…+|\.{2,}|/|-+|—+|－|无|空|不适用|NA|N/A)?$", re.I)


def is_placeholder(key: str) -> bool:
    """A cell a template left unfilled: '指标2', '指标2：……', '……', '/', '不适用' or blank."""
    return bool(_PLACEHOLDER.match(key))


def not_applicable(key: str) -> bool:
    return key in ("不适用", "不涉及", "无此项")


def blank_score(text: str) -> bool:
    return label_key(text) in ("", "—", "-", "/", "－", "——", "–", "……", "…")


_WORD_LIMIT = re.compile(r"[(（]\s*\d+\s*字(?:以内|左右)?\s*[)）]")


def is_template_hint(text: str) -> bool:
    """A template's instruction left where the clerk's text belongs ('对照年度目标,说明相关任务目标的
    完成情况(100字以内)'): a sentence with a bracketed word limit. A label that carries a limit
    ('未完成原因分析(100字以内)') is no sentence: it has no comma or full stop."""
    if not _WORD_LIMIT.search(text or ""):
        return False
    return bool(re.search(r"[，,。；;]", _WORD_LIMIT.sub("", text)))
