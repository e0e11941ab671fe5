"""Praxisatlas Jugendhilfe: the model of the knowledge base and everything that reads it.

load -> validate -> relate -> render -> publish.
"""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
