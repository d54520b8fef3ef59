"""The 自评表 as plain Python: the form's data, the scoring rules, problems and project files.

Nothing here imports Qt, python-docx or openpyxl (tests/test_layers.py checks it).
"""
from model.numbers import NotANumber, parse_amount, percent, plain, score_text
from model.problems import Place, Problem, Severity, check
from model.profiles import DEFAULT_PROFILE, RuleProfile, load_profile, profile_names
from model.project import AMOUNT_FIELDS, FundsKind, FundsRow, Indicator, Note, Project
from model.scoring import Evaluation, Score, evaluate, execution_rate

__all__ = [
    "AMOUNT_FIELDS", "DEFAULT_PROFILE", "Evaluation", "FundsKind", "FundsRow", "Indicator",
    "NotANumber", "Note", "Place", "Problem", "Project", "RuleProfile", "Score", "Severity", "check",
    "evaluate", "execution_rate", "load_profile", "parse_amount", "percent", "plain",
    "profile_names", "score_text",
]
