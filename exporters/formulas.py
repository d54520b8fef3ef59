"""The scoring rules a live sheet recalculates, as Excel formulas: the one place where
model/scoring.py's 执行率 and 预算执行率 rule are written again (tests/exporters/
test_formulas.py checks a recalculated sheet against the model on random amounts)."""
from __future__ import annotations

from exporters.layout import BudgetRule


class Formula(str):
    """A formula we write, as opposed to text a clerk typed that happens to start with '='."""


def _both_numbers(*refs: str) -> str:
    return f"AND({','.join(f'ISNUMBER({r})' for r in refs)})"


def rate_formula(budget: str, executed: str) -> Formula:
    """执行率 = 全年执行数 ÷ 全年预算数 (model.scoring.execution_rate); blank without both or
    with a budget of 0. Rounded to the 0.01% the cell shows."""
    return Formula(f'=IF({_both_numbers(budget, executed)},'
                   f'IF({budget}<>0,ROUND({executed}/{budget},4),""),"")')


def budget_score_formula(rule: BudgetRule, budget: str, executed: str, weight: str) -> Formula:
    """预算执行率 得分 = 分值 × min(max(执行率, 0), 1), rounded half up to the profile's decimals
    (model.scoring.budget_score); blank when the rule cannot score it."""
    return Formula(f'=IF({_both_numbers(budget, executed, weight)},IF({budget}<>0,'
                   f'ROUND({weight}*MAX(0,MIN({executed}/{budget},1)),{rule.decimals}),""),"")')


def total_formula(refs: list[str], pending: str) -> Formula:
    """总分 (or the 分值 合计) = the sum of the cells, or `pending` (待定) while any of them is
    blank or not a number (model.scoring.evaluate: a partial sum is no total)."""
    cells = ",".join(refs)
    return Formula(f'=IF(COUNT({cells})<{len(refs)},"{pending}",SUM({cells}))')
