"""The bundled example project: reference form 01, a complete real table."""
from pathlib import Path

from model.project_file import SUFFIX

EXAMPLE = Path(__file__).with_name("example" + SUFFIX)
