"""What benchmarks and tests share: the reference forms' folder and indicators as long as real
ones. Needs only the program's own dependencies (the benchmarks run without the test extras)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from importers import read_form
from model import Indicator, Project

# the eight reference forms, kept with the tests as data (read here, never imported)
FORMS = Path(__file__).resolve().parents[1] / "tests" / "data" / "forms"


def reference_form(form_id: str) -> Project:
    """Reference form form_id as a clerk opens it: the .docx read by our importer."""
    return read_form(FORMS / f"{form_id}.docx")


def example_indicators(n: int) -> list[Indicator]:
    """n indicators with texts as long as the reference forms', weights adding to 90."""
    groups = [("产出指标", "数量指标", "1份", "1份"), ("产出指标", "质量指标", "优良中低差", "优"),
              ("产出指标", "时效指标", "高中低", "高"), ("产出指标", "成本指标", "18万元", "17.5万元"),
              ("效益指标", "社会效益", "优良中低差", "良"), ("满意度", "服务对象满意度指标", "80%", "95%")]
    per = [Decimal(90) // n] * n
    per[0] += Decimal(90) - sum(per)
    out = []
    for i in range(n):
        l1, l2, t, a = groups[min(i * len(groups) // n, len(groups) - 1)]
        out.append(Indicator(level1=l1, level2=l2, name=f"指标{i + 1}：保障政府热线回访工作正常开展，群众诉求及时解决",
                             target=t, actual=a, weight=per[i], deviation="按计划完成，偏差原因已说明"))
    return out
