"""Issue labelled "angenommen" -> branch with the new entry -> pull request (or a German comment).

Run by .github/workflows/issue-zu-pr.yml as `python -m praxisatlas.intake.issue_to_pr --ereignis
"$GITHUB_EVENT_PATH"`: it reads GitHub's `issues` event (the issue's number, title, body, labels), converts the
body with the same code as scripts/from_issue.py and then either
- commits the entry on a new branch `eintrag/issue-<nummer>-<kurzname>`, pushes it, opens a pull request that
  references the issue, starts the check "Prüfen" on it and links it in the issue, or
- comments on the issue with every problem at once, each under the form field it belongs to.
git runs for real; every call of the GitHub CLI (`gh`) goes through one function, which tests replace.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from praxisatlas.domain import dates
from praxisatlas.intake.from_issue import FORMS, FormField, IssueError, convert, detect_kind, parse_body
from praxisatlas.intake.scaffold import write_new_file
from praxisatlas.io.console import GermanArgumentParser

LABEL = "angenommen"
KIND_LABELS = {"praxisbeispiel": "praxis", "kommunenprofil": "kommune"}
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")
CHECK_WORKFLOW = "pruefen.yml"
# YAML field of the entry -> id of the form field it comes from (for the validator's messages)
YAML_TO_FORM = {
    "praxis": {"titel": "titel", "kurzbeschreibung": "kurzbeschreibung", "themen": "themen",
               "kommunen": "kommunen", "partner": "partner", "status": "status", "zeitraum.beginn": "beginn",
               "zeitraum.ende": "ende", "zeitraum": "beginn", "rechtsgrundlagen": "rechtsgrundlagen",
               "quellen": "quellen", "kontakt.email": "kontakt_email", "kontakt": "kontakt"},
    "kommune": {"name": "name", "art": "art", "bundesland": "bundesland", "ags": "ags", "website": "website",
                "einwohner.stand": "einwohner_stand", "einwohner.quelle": "einwohner_quelle",
                "einwohner": "einwohner", "themen": "themen", "lerninteressen": "lerninteressen",
                "zentrale_themen": "zentrale_themen", "ergebnisse": "ergebnisse", "in_planung": "in_planung",
                "besonderheiten": "besonderheiten", "quellen": "quellen"},
}
# words at the start of a problem from from_issue -> form field id
PROBLEM_FIELDS = (("Unbekanntes Thema", "themen"), ("Die Kommune „", "kommunen"), ("Quelle „", "quellen"),
                  ("Nicht bestätigt", "bestaetigung"), ("Die Bestätigungen fehlen", "bestaetigung"),
                  ("Zur Einwohnerzahl fehlt die Quelle", "einwohner_quelle"), ("Die Einwohnerzahl", "einwohner"),
                  ("Die Datei ", "titel"), ("Aus dem Titel", "titel"))

Gh = Callable[[list[str], str | None], str]


@dataclass(frozen=True)
class Outcome:
    """What happened: 'pull-request' (with its address) or 'kommentar' (with the comment text) or 'nichts'."""

    action: str
    detail: str
    branch: str | None = None


def run_gh(args: list[str], stdin: str | None = None) -> str:
    """Call the GitHub CLI (on GitHub's runners, with GH_TOKEN from the workflow) and return its output."""
    result = subprocess.run(["gh", *args], input=stdin, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"gh {args[0]} {args[1] if len(args) > 1 else ''}: {result.stderr.strip()}")
    return result.stdout


def git(root: Path, *args: str) -> str:
    """Run git in `root`; a failure raises with git's message."""
    result = subprocess.run(["git", "-c", f"user.name={BOT[0]}", "-c", f"user.email={BOT[1]}", *args], cwd=root,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"git {args[0]}: {result.stderr.strip()}")
    return result.stdout


def form_kind(issue: dict) -> str | None:
    """'praxis' or 'kommune' from the issue's labels, else from the headings in its body."""
    for label in issue.get("labels") or []:
        name = label.get("name") if isinstance(label, dict) else label
        if name in KIND_LABELS:
            return KIND_LABELS[name]
    return detect_kind(issue.get("body") or "")


def field_of(problem: str, kind: str) -> FormField | None:
    """The form field a German problem message is about (None: the issue as a whole)."""
    fields = {f.id: f for f in FORMS[kind][1]}
    match = re.match(r"^Der Eintrag wäre nicht gültig: „([^“]+)“", problem)
    if match:
        path = re.sub(r"\[\d+\]", "", match[1])
        while path:
            if path in YAML_TO_FORM[kind]:
                return fields.get(YAML_TO_FORM[kind][path])
            path = path.rpartition(".")[0]
    for start, field_id in PROBLEM_FIELDS:
        if problem.startswith(start) and field_id in fields:
            return fields[field_id if kind == "praxis" or field_id != "titel" else "name"]
    for field in fields.values():
        if f"„{field.label}“" in problem:
            return field
    return None


def comment_for_problems(problems: list[str], kind: str | None, number: int) -> str:
    """The German comment for an issue that cannot become an entry: one list, each item with its form field."""
    items = []
    for problem in problems:
        field = field_of(problem, kind) if kind else None
        items.append(f"- **{field.label}:** {problem}" if field else f"- {problem}")
    return "\n".join([
        f"Danke für Ihren Vorschlag! Aus Issue #{number} lässt sich noch kein Eintrag anlegen, weil diese Angaben "
        "fehlen oder nicht passen:",
        "",
        *items,
        "",
        "Bitte bearbeiten Sie die Angaben oben im Issue (über „…“ → „Edit“). Sobald die Redaktion das Label "
        f"„{LABEL}“ erneut setzt, wird der Eintrag noch einmal angelegt.",
    ]) + "\n"


def branch_name(number: int, slug: str) -> str:
    """`eintrag/issue-12-kurzname` (git-safe: the slug has only a-z, 0-9 and hyphens)."""
    return f"eintrag/issue-{number}-{slug}"[:100]


def pr_body(number: int, rel: str, warnings: list[str], missing_topic: str | None) -> str:
    """The pull request's description: where the entry comes from, what the reviewer should look at."""
    lines = [f"Automatisch angelegt aus Issue #{number} (Label „{LABEL}“): `{rel}`, Prüfstatus „eingereicht“.",
             "", "Bitte vor dem Übernehmen prüfen: Quellen, Datenschutz (keine Angaben über Einzelfälle), Kontakt "
             "als Stelle.", ""]
    if warnings:
        lines += ["Hinweise der Prüfung:", "", *(f"- {w}" for w in warnings), ""]
    if missing_topic:
        lines += ["Vorschlag für ein fehlendes Thema (aus dem Feld „Thema fehlt?“):", "",
                  *(f"> {line}" for line in missing_topic.split("\n")), ""]
    lines.append(f"Closes #{number}")
    return "\n".join(lines) + "\n"


def handle(event: dict, root: Path, *, gh: Gh = run_gh, today=None) -> Outcome:
    """Turn the issue of an `issues` event into a pull request, or comment on it; see the module docstring."""
    issue = event.get("issue") or {}
    label = (event.get("label") or {}).get("name")
    number = int(issue.get("number", 0))
    if event.get("action") != "labeled" or label != LABEL or not number or issue.get("pull_request"):
        return Outcome("nichts", f"Kein Issue mit dem Label „{LABEL}“ in diesem Ereignis.")
    repo = (event.get("repository") or {}).get("full_name", "")
    base = (event.get("repository") or {}).get("default_branch") or "main"
    body = issue.get("body") or ""
    kind = form_kind(issue)
    try:
        kind_found, rel, text, warnings = convert(body, root, kind=kind, today=today or dates.today())
    except IssueError as problem:
        comment = comment_for_problems(problem.problems, kind, number)
        gh(["issue", "comment", str(number), "--repo", repo, "--body-file", "-"], comment)
        return Outcome("kommentar", comment)
    slug = Path(rel).stem
    branch = branch_name(number, slug)
    if git(root, "ls-remote", "--heads", "origin", branch).strip():
        comment = (f"Für Issue #{number} gibt es schon den Zweig `{branch}` (und wohl einen Pull Request). "
                   "Es wurde nichts Neues angelegt.\n")
        gh(["issue", "comment", str(number), "--repo", repo, "--body-file", "-"], comment)
        return Outcome("kommentar", comment, branch)
    git(root, "switch", "--create", branch)
    write_new_file(root, rel, text)
    git(root, "add", "--", rel)
    title = f"{'Praxisbeispiel' if kind_found == 'praxis' else 'Kommunenprofil'}: {text_title(issue, slug)}"
    git(root, "commit", "--quiet", "-m", f"{title}\n\nAus Issue #{number} angelegt.")
    git(root, "push", "--quiet", "origin", f"HEAD:refs/heads/{branch}")
    answers = parse_body(body, FORMS[kind_found][1])
    url = gh(["pr", "create", "--repo", repo, "--base", base, "--head", branch, "--title", title,
              "--body-file", "-"], pr_body(number, rel, warnings, answers.get("thema_fehlt"))).strip()
    gh(["workflow", "run", CHECK_WORKFLOW, "--repo", repo, "--ref", branch], None)
    gh(["issue", "comment", str(number), "--repo", repo, "--body-file", "-"],
       f"Danke! Der Eintrag `{rel}` liegt jetzt als Pull Request zur Durchsicht bereit: {url}\n")
    return Outcome("pull-request", url, branch)


def text_title(issue: dict, slug: str) -> str:
    """The issue title without the form's prefix ("Praxisbeispiel: …"), else the slug; one line, short."""
    title = re.sub(r"^(Praxisbeispiel|Kommunenprofil):\s*", "", " ".join(str(issue.get("title") or "").split()))
    return (title or slug)[:120]


def main(argv: list[str] | None = None) -> int:
    """Command line for the workflow: the event file -> pull request or comment."""
    parser = GermanArgumentParser(
        prog="python -m praxisatlas.intake.issue_to_pr",
        description="Macht aus einem Issue mit dem Label „angenommen“ einen Pull Request mit dem neuen Eintrag "
                    "oder kommentiert das Issue mit den Problemen.")
    parser.add_argument("--ereignis", type=Path, required=True, help="Ereignisdatei ($GITHUB_EVENT_PATH)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="Arbeitskopie des Projekts (git)")
    args = parser.parse_args(argv)
    try:
        event = json.loads(args.ereignis.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        print(f"Fehler: Die Ereignisdatei {args.ereignis} lässt sich nicht lesen.", file=sys.stderr)
        return 1
    try:
        outcome = handle(event, args.root)
    except RuntimeError as problem:
        print(f"Fehler: {problem}", file=sys.stderr)
        return 1
    if outcome.action == "pull-request":
        print(f"Pull Request geöffnet: {outcome.detail}")
    elif outcome.action == "kommentar":
        print(f"Das Issue wurde kommentiert, es wurde kein Eintrag angelegt:\n{outcome.detail}")
    else:
        print(outcome.detail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
