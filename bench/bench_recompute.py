"""How long recomputing a 100-indicator project takes: evaluate + check, median of many runs."""
from __future__ import annotations

import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model import FundsKind, Indicator, Project, check, evaluate, load_profile  # noqa: E402


def hundred_indicators() -> Project:
    p = Project(name="基准项目", department="区财政局", implementer="区财政局", year=2023)
    for row in p.funds[:2]:
        row.annual_budget, row.executed = Decimal("130.929268"), Decimal("126.782235")
    kinds = [("1份", "1份", "数量指标"), ("优良中低差", "良", "质量指标"), ("高中低", "高", "时效指标"),
             ("18万元", "19万元", "成本指标"), ("≥90%", "85%", "社会效益")]
    for i in range(100):
        t, a, l2 = kinds[i % len(kinds)]
        p.indicators.append(Indicator(level1="产出指标", level2=l2, name=f"指标{i + 1}：…", target=t,
                                      actual=a, weight=Decimal("0.9"), deviation="说明"))
    return p


def main(runs: int = 400) -> None:
    p, profile = hundred_indicators(), load_profile()
    for label, fn in (("evaluate", lambda: evaluate(p, profile)),
                      ("evaluate + check", lambda: check(p, None, profile))):
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        times.sort()
        print(f"{label:18s} 100 indicators: median {statistics.median(times) * 1e3:.3f} ms, "
              f"p99 {times[int(runs * 0.99)] * 1e3:.3f} ms over {runs} runs")
    assert evaluate(p, profile).rates[FundsKind.TOTAL] is not None


if __name__ == "__main__":
    main()
