"""The three seed reports' figures as a clerk would enter them, and their units' project folders.

Figures are copied from the printed reports (朝阳区城市管理指挥中心 2023, 劲松街道 2023, 璧山区智慧城市
管理指挥中心 2021); tests compare what the program computes with what the reports print.
"""
from __future__ import annotations

from decimal import Decimal as D

from model import FundsKind, Indicator, Project
from model.department import BudgetKind, Department


def department(year: int, name: str, *, initial=None, annual=None, executed=None, parts=None,
               final=None, carryover=None, profile: str = "朝阳区") -> Department:
    dept = Department(year=year, unit_name=name, profile=profile, final_accounts=final, carryover=carryover)
    total = dept.row(BudgetKind.TOTAL)
    total.initial_budget, total.annual_budget, total.executed = initial, annual, executed
    for kind, (budget, spent) in (parts or {}).items():
        dept.row(kind).annual_budget, dept.row(kind).executed = budget, spent
    return dept


def chaoyang_center() -> Department:
    """附件1 of the 朝阳区城市管理指挥中心 report, 二、当年预算执行情况 and 四（四）（五）."""
    return department(
        2023, "北京市朝阳区城市管理指挥中心", initial=D("6333.340658"), annual=D("5453.679982"),
        executed=D("5453.679982"), final=D("5453.679982"), carryover=D(0),
        parts={BudgetKind.BASIC: (D("2949.182808"), D("2949.182808")),
               BudgetKind.PROJECT: (D("2504.497174"), D("2504.497174")),
               BudgetKind.OTHER: (D(0), D(0))})


def jinsong(project_executed: D = D("26424.899076")) -> Department:
    """劲松街道: the report prints 项目支出 31385.997668 where 26424.899076 was meant."""
    dept = department(
        2023, "北京市朝阳区人民政府劲松街道办事处", annual=D("31385.997668"),
        executed=D("31385.997668"), final=D("31385.997668"), carryover=D(0),
        parts={BudgetKind.BASIC: (D("4961.098592"), D("4961.098592")),
               BudgetKind.PROJECT: (D("26424.899076"), project_executed),
               BudgetKind.OTHER: (D(0), D(0))})
    dept.indicators = jinsong_indicators()
    return dept


# 年度绩效指标 of the 劲松 report: 一级, 二级, 三级, 性质, 指标值, 单位, 权重 (the 申报表's cells)
_JINSONG = [
    ("产出指标", "数量指标", "处理突发事件次数", "≥", "20", "次", 4),
    ("产出指标", "质量指标", "处理突发事件成效", "定性", "优良中低差", "", 4),
    ("产出指标", "时效指标", "处理突发事件效率", "定性", "高中低", "", 4),
    ("效益指标", "社会效益指标", "带来的社会影响", "定性", "优良中低差", "", 4),
    ("满意度指标", "服务对象满意度指标", "辖区居民满意度", "≥", "90", "%", 4),
    ("成本指标", "经济成本指标", "处理突发事件成本", "≤", "1000", "万元", 4),
    ("产出指标", "数量指标", "满足居民群众迫切需要提供的各类服务项目", "≥", "50", "项", 4),
    ("产出指标", "质量指标", "居民需求满足度", "定性", "优良中低差", "", 4),
    ("产出指标", "时效指标", "项目开展进度", "≥", "90", "%", 4),
    ("效益指标", "社会效益指标", "满足居民需求的受益人数", "≥", "1000", "人", 4),
    ("满意度指标", "服务对象满意度指标", "辖区居民满意度", "≥", "90", "%", 4),
    ("成本指标", "经济成本指标", "开展各项活动的人材机成本", "≤", "680", "万元", 4),
    ("产出指标", "数量指标", "保洁面积", "≥", "121057.86", "平方米", 3),
    ("产出指标", "数量指标", "绿化面积", "≥", "205602.67", "平方米", 3),
    ("产出指标", "质量指标", "保洁率", "＝", "100", "%", 4),
    ("产出指标", "质量指标", "绿化养护标准", "＝", "3", "级", 4),
    ("产出指标", "时效指标", "保洁次数", "≥", "2", "次", 3),
    ("效益指标", "社会效益指标", "环境改善情况", "定性", "优良中低差", "", 4),
    ("满意度指标", "服务对象满意度指标", "辖区居民满意度", "≥", "90", "%", 4),
    ("成本指标", "经济成本指标", "绿化保洁成本", "≤", "5360031", "元", 4),
    ("产出指标", "数量指标", "装修社区数量", "＝", "2", "个", 4),
    ("产出指标", "质量指标", "装修质量", "定性", "优良中低差", "", 4),
    ("产出指标", "时效指标", "装修时间", "≤", "1", "年", 4),
    ("效益指标", "社会效益指标", "给居民提供良好环境", "定性", "优良中低差", "", 4),
    ("满意度指标", "服务对象满意度指标", "社区居民满意度", "≥", "90", "%", 4),
    ("成本指标", "经济成本指标", "装修成本", "≤", "114", "万元", 3),
]
# what the report says was achieved, where it says it (保洁 5360030.22 元, 满意率 95% …)
_JINSONG_ACTUAL = {"绿化保洁成本": "5360030.22元", "辖区居民满意度": "95%", "装修成本": "107万元"}


def jinsong_indicators() -> list[Indicator]:
    out = []
    for l1, l2, name, nature, value, unit, weight in _JINSONG:
        target = value if nature == "定性" else f"{nature}{value}{unit}"
        actual = {"优良中低差": "优", "高中低": "高"}.get(value) or _JINSONG_ACTUAL.get(name, f"{value}{unit}")
        out.append(Indicator(level1=l1, level2=l2, name=name, target=target, actual=actual, weight=D(weight)))
    return out


BISHAN_TABLE = [  # 表1：指标得分情况 — 指标名称, 权重, 得分 (the report prints 得分率 10 for 16/16)
    ("受理城市管理问题结案率", 8, "8"), ("推进民生服务质量", 12, "12"), ("受理重庆热线电话数量", 10, "10"),
    ("促进城市综合管理工作", 15, "13.5"), ("保障系统性能稳定运行", 15, "15"), ("项目绩效管理率", 15, "15"),
    ("城区环境卫生质量提高率", 16, "16"), ("广大群众满意度", 9, "9"),
]


def bishan() -> Department:
    """璧山区 2021: 年初 218.18161, 调整后 175.02141, 决算 174.669079, 结转和结余 0.352331."""
    dept = department(2021, "重庆市璧山区智慧城市管理中心", initial=D("218.18161"), annual=D("175.02141"),
                      executed=D("174.669079"), final=D("174.669079"), carryover=D("0.352331"),
                      profile="财预〔2020〕10号")
    dept.district = "璧山区"
    dept.indicators = [
        Indicator(name=name, weight=D(w), hand_score=D(s),
                  deviation="各区县数字化城管在城市日常管理中不能得到有效应用" if D(s) < w else "")
        for name, w, s in BISHAN_TABLE]
    return dept


def full_marks_project(name: str, budget: D, year: int = 2023) -> Project:
    """A project table that scores 100: spent all, every indicator met."""
    p = Project(year=year, name=name, department="朝阳区", implementer="本单位")
    total = p.funds_row(FundsKind.TOTAL)
    total.initial_budget = total.annual_budget = total.executed = budget
    p.indicators = [
        Indicator(level1="产出指标", level2="数量指标", name="指标1：完成数量", target="≥1项", actual="1项", weight=D(50)),
        Indicator(level1="效益指标", level2="社会效益", name="指标1：社会效益", target="优良中低差", actual="优", weight=D(30)),
        Indicator(level1="满意度", level2="服务对象满意度指标", name="指标1：满意度", target="≥90%", actual="95%",
                  weight=D(10))]
    return p


def chaoyang_folder() -> list[Project]:
    """13 projects, all 100, whose 全年预算数 add up to 项目支出 2504.497174."""
    amounts = [D("192.653629")] * 12
    amounts.append(D("2504.497174") - sum(amounts))
    return [full_marks_project(f"城市管理项目{i + 1}", a) for i, a in enumerate(amounts)]


def jinsong_folder() -> list[Project]:
    """106 projects: 105 at 100, and the one the report names at 0 with its reason."""
    projects = [full_marks_project(f"街道项目{i + 1}", D(100)) for i in range(105)]
    failed = full_marks_project("2022年第三批功能疏解点位专项资金", D(50))
    failed.total_funds.executed = D(0)
    for ind in failed.indicators:
        ind.actual = {"优良中低差": "差"}.get(ind.target, "0")
        ind.deviation = "违建点位未达到销账标准"
    projects.insert(40, failed)
    return projects
