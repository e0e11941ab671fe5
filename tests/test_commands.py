"""One error type and one wrapper: every command turns a Problem into German findings and exit code 1."""

from __future__ import annotations

import pytest

from praxisatlas import cli
from praxisatlas.domain.findings import Problem
from praxisatlas.intake.from_issue import IssueError
from praxisatlas.io.console import command
from praxisatlas.publish.editor.config import EditorUnavailable
from praxisatlas.publish.pagefind_index import PagefindError


@pytest.mark.parametrize("error", [IssueError(["Das Pflichtfeld „Titel“ ist leer."]),
                                   EditorUnavailable("Der Editor passt nicht zu dieser Version."),
                                   PagefindError("Pagefind antwortet nicht.")])
def test_every_error_of_the_package_is_a_problem_and_the_wrapper_reports_it(error, capsys):
    assert isinstance(error, Problem)

    @command
    def failing(argv=None) -> int:
        raise error

    assert failing() == 1
    err = capsys.readouterr().err
    assert "Fehler:" in err and "Abbruch:" in err and "Traceback" not in err


def test_every_command_has_the_wrapper():
    for name in ("validate_main", "generate_main", "handbook_main", "import_statistik_main", "new_main",
                 "from_issue_main", "issue_forms_main", "preview_summary_main", "operator_gate_main"):
        assert getattr(cli, name).__wrapped__, name  # functools.wraps records the wrapped command
