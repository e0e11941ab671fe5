"""The practice template has one home (praxisatlas/domain/practice_template.py): a section added there reaches
the validator, the skeleton, the editor, the issue form and the issue import."""

from __future__ import annotations

import pytest

from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain import practice_template
from praxisatlas.domain.practice_template import Section
from praxisatlas.intake.from_issue import FORMS, convert
from praxisatlas.intake.issue_forms import CHOICES, FORM_FOLDER, SECTION_FORM, updated_form
from praxisatlas.intake.scaffold import practice_skeleton
from praxisatlas.io.load import load
from praxisatlas.publish.editor.config import section_fields
from tests.support.kbfactory import TODAY, replace_in, write_kb
from tests.support.project import FIXTURES, FROZEN_TODAY, REPO_ROOT

NEW = Section("Evaluation", "evaluation", False, False, "Wie wurde das Vorhaben ausgewertet?")


@pytest.fixture
def with_evaluation(monkeypatch):
    """The template with one more section: the one line a contributor would add."""
    sections = list(practice_template.SECTIONS)
    sections.insert(-1, NEW)
    monkeypatch.setattr(practice_template, "SECTIONS", tuple(sections))


def test_a_new_section_reaches_every_consumer(with_evaluation, tmp_path):
    # validator: the heading is known (before it was not)
    overrides = replace_in("practices/besuche.md", "## Ressourcen\n", "## Evaluation\n\nBefragt.[^pm]\n\n## Ressourcen\n")
    _, findings = load_and_validate(write_kb(tmp_path / "kb", overrides), TODAY)
    assert not [f for f in findings if "Evaluation" in f.message]
    # skeleton
    skeleton = practice_skeleton("Neu", topic="kinderschutz", today=TODAY)
    assert "## Evaluation\n\nBitte ersetzen: Wie wurde das Vorhaben ausgewertet?" in skeleton
    assert skeleton.index("## Evaluation") < skeleton.index("## Ressourcen")
    # editor
    assert any(f["name"] == "abschnitt_evaluation" and not f["required"] for f in section_fields())
    # issue form
    form = (REPO_ROOT / FORM_FOLDER / SECTION_FORM).read_text(encoding="utf-8")
    kb, _ = load(write_kb(tmp_path / "form"))
    wanted = updated_form(form, CHOICES[SECTION_FORM], kb, sections=True)
    assert "id: evaluation" in wanted and "label: Evaluation (freiwillig)" in wanted
    # issue import
    assert "evaluation" in {f.id for f in FORMS["praxis"][1]}
    body = (FIXTURES / "issue_praxisbeispiel.md").read_text(encoding="utf-8").replace(
        "### Ressourcen", "### Evaluation (freiwillig)\n\nEine Befragung der Fachkräfte. [1]\n\n### Ressourcen")
    root = write_kb(tmp_path / "import", {"content/themen/netzwerkarbeit.yml": "titel: Netzwerkarbeit und "
                                          "Kooperation\nbeschreibung: Zusammenarbeit mit anderen Stellen.\n"})
    _, _, text, _ = convert(body, root, today=FROZEN_TODAY)
    assert "## Evaluation\n\nEine Befragung der Fachkräfte. [^q1]" in text


def test_without_the_line_the_section_is_unknown(tmp_path):
    overrides = replace_in("practices/besuche.md", "## Ressourcen\n", "## Evaluation\n\nBefragt.[^pm]\n\n## Ressourcen\n")
    _, findings = load_and_validate(write_kb(tmp_path, overrides), TODAY)
    assert any("Unbekannter Abschnitt „## Evaluation“" in f.message for f in findings)


def test_the_issue_form_follows_the_template(tmp_path):
    form = (REPO_ROOT / FORM_FOLDER / SECTION_FORM).read_text(encoding="utf-8")
    kb, _ = load(write_kb(tmp_path))
    assert updated_form(form, {}, kb, sections=True) == updated_form(form, {}, kb)
