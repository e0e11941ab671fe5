"""Issue forms in step with the content: the Themen and Kommunen dropdowns come from content/.

The forms in .github/ISSUE_TEMPLATE/ are edited by hand, except the options of the dropdowns listed in
CHOICES: `python scripts/issue_forms.py` rewrites them from the titles of the topics and the names of the
Kommunen (everything else, comments included, stays as it is), `--pruefen` only reports whether they are in
step (the pull request check runs it, so a new Thema shows up in the forms).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from praxisatlas.domain import practice_template
from praxisatlas.domain.model import KnowledgeBase
from praxisatlas.io.console import GermanArgumentParser
from praxisatlas.io.load import load

FORM_FOLDER = Path(".github") / "ISSUE_TEMPLATE"
# form file -> {dropdown id: kind of entry whose titles are the options}
CHOICES: dict[str, dict[str, str]] = {
    "praxisbeispiel.yml": {"themen": "thema", "kommunen": "kommune"},
    "kommunenprofil.yml": {"themen": "thema", "lerninteressen": "thema"},
}


def option_titles(kb: KnowledgeBase, kind: str) -> list[str]:
    """The titles of all entries of `kind`, in German alphabetical order (what a dropdown offers)."""
    return sorted((entry.title for entry in kb.entries[kind].values()), key=lambda t: (t.casefold(), t))


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order and block styles stay
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    return yaml


# form file whose text fields for the practice's sections follow the practice template (domain/practice_template.py);
# they are the text areas right before the confirmations
SECTION_FORM = "praxisbeispiel.yml"
SECTIONS_BEFORE = "bestaetigung"


def section_elements() -> list[CommentedMap]:
    """One text field per section of the practice template, as the form shows it."""
    elements = []
    for section in practice_template.sections():
        element = CommentedMap(type="textarea", id=section.field)
        element["attributes"] = CommentedMap(label=section.form_label, description=section.hint)
        if section.form_required:
            element["validations"] = CommentedMap(required=True)
        elements.append(element)
    return elements


def _sync_sections(form: CommentedMap) -> None:
    body = form["body"]
    ids = [element.get("id") for element in body]
    if SECTIONS_BEFORE not in ids:
        raise ValueError(f"Im Formular fehlt das Element „{SECTIONS_BEFORE}“, vor dem die Abschnitte des "
                         "Praxisbeispiels stehen.")
    end = start = ids.index(SECTIONS_BEFORE)
    while start > 0 and body[start - 1].get("type") == "textarea":
        start -= 1
    body[start:end] = section_elements()


def updated_form(text: str, choices: dict[str, str], kb: KnowledgeBase, sections: bool = False) -> str:
    """The form text with the options of the `choices` dropdowns taken from `kb` (and, with `sections`, the
    text fields of the practice's sections from the practice template)."""
    yaml = _yaml()
    form = yaml.load(text)
    if sections:
        _sync_sections(form)
    for element in form["body"]:
        kind = choices.get(element.get("id", ""))
        if kind is None:
            continue
        if element.get("type") != "dropdown":
            raise ValueError(f"„{element['id']}“ ist im Formular kein Auswahlfeld (type: dropdown).")
        element["attributes"]["options"] = option_titles(kb, kind)
    out = io.StringIO()
    yaml.dump(form, out)
    return out.getvalue()


def out_of_step(root: Path, kb: KnowledgeBase | None = None) -> dict[Path, str]:
    """Form file -> the text it should have, for every form that differs from the content under `root`."""
    kb = kb or load(root)[0]
    stale = {}
    for name, choices in CHOICES.items():
        path = root / FORM_FOLDER / name
        text = path.read_text(encoding="utf-8")
        wanted = updated_form(text, choices, kb, sections=name == SECTION_FORM)
        if wanted != text:
            stale[path] = wanted
    return stale


def main(argv: list[str] | None = None) -> int:
    """Command line: rewrite the dropdown options, or with --pruefen only check them."""
    parser = GermanArgumentParser(
        prog="python scripts/issue_forms.py",
        description="Übernimmt die Themen und Kommunen aus content/ in die Auswahllisten der Issue-Formulare.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="Wurzelordner des Projekts")
    parser.add_argument("--pruefen", action="store_true",
                        help="nichts ändern, nur prüfen (Exit-Code 1, wenn ein Formular nicht auf dem Stand ist)")
    args = parser.parse_args(argv)
    stale = out_of_step(args.root)
    for path, text in stale.items():
        rel = path.relative_to(args.root)
        if args.pruefen:
            print(f"{rel}:1:1: Fehler: Die Auswahllisten passen nicht zu den Themen und Kommunen in content/ "
                  "(oder die Abschnittsfelder nicht zur Gliederung eines Praxisbeispiels). "
                  "Bitte „python scripts/issue_forms.py“ ausführen und die Änderung mit einreichen.", file=sys.stderr)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"Aktualisiert: {rel}")
    if not stale:
        print("Die Issue-Formulare sind auf dem Stand der Inhalte.")
    return 1 if stale and args.pruefen else 0
