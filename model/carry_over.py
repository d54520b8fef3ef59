"""Start this year's table from last year's: same header and indicators, figures cleared."""
from __future__ import annotations

from model.project import FundsRow, Project


def next_year(last: Project) -> Project:
    """Header and indicators kept, year + 1; amounts, actual values, scores and notes cleared."""
    project = last.model_copy(deep=True)
    project.year = last.year + 1 if last.year is not None else None
    project.funds = [FundsRow(kind=r.kind, label=r.label) for r in last.funds]
    project.budget_hand_score = None
    project.printed_total = None  # last year's form's 总分, not this year's
    project.achieved = ""
    project.notes = []
    project.unreadable = {k: v for k, v in last.unreadable.items() if k != "budget_hand_score"}
    for ind in project.indicators:
        ind.actual = ""
        ind.hand_score = None
        ind.hand_note = ""
        ind.deviation = ""
        ind.unreadable = {k: v for k, v in ind.unreadable.items() if k != "hand_score"}
    return project
