"""Issue labelled "angenommen" -> branch with a valid entry and a pull request, or a German comment.

git runs for real against a local bare "origin"; the GitHub CLI is replaced by a recorder."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from praxisatlas.checks.validate import load_and_validate
from praxisatlas.domain.findings import Level
from praxisatlas.intake.issue_to_pr import handle, main
from tests.support.project import FIXTURE_KB, FIXTURES, FROZEN_TODAY

EVENT = FIXTURES / "issue_ereignis_angenommen.json"
REPO = "praxisatlas-jugendhilfe/praxisatlas"
PR_URL = f"https://github.com/{REPO}/pull/42"


class GhRecorder:
    """Stands in for `gh`: notes every call with its input and answers `pr create` with an address."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], str | None]] = []

    def __call__(self, args: list[str], stdin: str | None) -> str:
        self.calls.append((args, stdin))
        return PR_URL + "\n" if args[:2] == ["pr", "create"] else ""

    def commands(self) -> list[str]:
        return [" ".join(args[:2]) for args, _ in self.calls]


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=cwd,
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A clone of a repository with the frozen knowledge base, as actions/checkout leaves it."""
    origin, work = tmp_path / "origin.git", tmp_path / "arbeit"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    shutil.copytree(FIXTURE_KB, work)
    git(work, "init", "--quiet", "--initial-branch=main")
    git(work, "add", "-A")
    git(work, "commit", "--quiet", "-m", "Wissensbasis")
    git(work, "remote", "add", "origin", str(origin))
    git(work, "push", "--quiet", "origin", "main")
    return work


def event(body_change: tuple[str, str] | None = None, **changes) -> dict:
    data = json.loads(EVENT.read_text(encoding="utf-8"))
    if body_change:
        data["issue"]["body"] = data["issue"]["body"].replace(*body_change)
    for key, value in changes.items():
        data[key] = value
    return data


def test_the_recorded_event_has_githubs_shape():
    data = event()
    assert data["action"] == "labeled" and data["label"]["name"] == "angenommen"
    assert "\r\n### Themen\r\n\r\nKinderschutz, Netzwerkarbeit und Kooperation\r\n" in data["issue"]["body"]
    assert data["repository"]["full_name"] == REPO and data["repository"]["default_branch"] == "main"


def test_labelled_issue_becomes_a_branch_with_a_valid_entry_and_a_pull_request(checkout):
    gh = GhRecorder()
    outcome = handle(event(), checkout, gh=gh, today=FROZEN_TODAY)
    assert outcome.action == "pull-request" and outcome.detail == PR_URL
    branch = "eintrag/issue-17-fruehe-hilfen-im-familienbuero-herten"
    assert outcome.branch == branch
    origin = checkout.parent / "origin.git"
    assert git(origin, "branch", "--list", branch).strip().endswith(branch)
    rel = "practices/fruehe-hilfen-im-familienbuero-herten.md"
    text = git(origin, "show", f"{branch}:{rel}")
    assert git(origin, "log", "-1", "--format=%an|%s", branch).strip() == \
        "github-actions[bot]|Praxisbeispiel: Frühe Hilfen im Familienbüro Herten"
    # the pushed branch, checked out fresh, passes the validator
    fresh = checkout.parent / "frisch"
    git(checkout.parent, "clone", "--quiet", "--branch", branch, str(origin), str(fresh))
    _kb, findings = load_and_validate(fresh, today=FROZEN_TODAY)
    assert [f.format() for f in findings if f.level is Level.ERROR] == []
    assert "themen:\n  - kinderschutz\n  - netzwerkarbeit\n" in text
    assert "kommunen:\n  - herten\n  - kreis-recklinghausen\n" in text
    assert "beginn: unbekannt" in text and "pruefstatus: eingereicht" in text
    assert "## Ziele\n\nKeine Angaben.\n" in text and "## Stolpersteine" not in text
    assert gh.commands() == ["pr create", "workflow run", "issue comment"]
    (create, body), (dispatch, _), (comment, comment_text) = gh.calls
    assert create[create.index("--head") + 1] == branch and create[create.index("--base") + 1] == "main"
    assert create[create.index("--repo") + 1] == REPO
    assert "Closes #17" in body and "> Frühe Hilfen als eigenes Thema" in body
    assert dispatch == ["workflow", "run", "pruefen.yml", "--repo", REPO, "--ref", branch]
    assert comment[:3] == ["issue", "comment", "17"] and PR_URL in comment_text


def test_invalid_body_gets_one_german_comment_naming_each_form_field(checkout):
    data = event(("Kinderschutz, Netzwerkarbeit und Kooperation", "Kinderschutz, Jugendberufshilfe"))
    data["issue"]["body"] = (data["issue"]["body"]
                             .replace("Jugendamt der Stadt Herten, Familienbüro", "_No response_")
                             .replace("- [X] Als Kontakt", "- [ ] Als Kontakt")
                             .replace("\r\nlaufend\r\n", "\r\nläuft\r\n"))
    gh = GhRecorder()
    outcome = handle(data, checkout, gh=gh, today=FROZEN_TODAY)
    assert outcome.action == "kommentar"
    assert gh.commands() == ["issue comment"]
    args, comment = gh.calls[0]
    assert args[:3] == ["issue", "comment", "17"]
    assert comment.startswith("Danke für Ihren Vorschlag! Aus Issue #17 lässt sich noch kein Eintrag anlegen")
    items = [line for line in comment.splitlines() if line.startswith("- ")]
    assert any(i.startswith("- **Themen:** Unbekanntes Thema „Jugendberufshilfe“") for i in items), items
    assert "- **Kontakt: Dienststelle oder Funktion:** Das Pflichtfeld „Kontakt: Dienststelle oder Funktion“ ist leer." in items
    assert "- **Bestätigungen:** Nicht bestätigt: „Als Kontakt ist eine Dienststelle oder Funktion genannt, keine Person.“" in items
    assert any(i.startswith("- **Stand des Vorhabens:** Der Eintrag wäre nicht gültig: „status“") for i in items), items
    assert comment.count("\n- ") == len(items) and len(items) >= 4
    assert git(checkout.parent / "origin.git", "for-each-ref", "--format=%(refname:short)", "refs/heads").split() == ["main"]


def test_other_events_and_labels_do_nothing(checkout):
    gh = GhRecorder()
    other = copy.deepcopy(event())
    other["label"] = {"name": "eingereicht"}
    assert handle(other, checkout, gh=gh).action == "nichts"
    assert handle(event(action="unlabeled"), checkout, gh=gh).action == "nichts"
    assert gh.calls == []


def test_a_second_label_does_not_open_a_second_pull_request(checkout):
    handle(event(), checkout, gh=GhRecorder(), today=FROZEN_TODAY)
    git(checkout, "switch", "--quiet", "main")
    git(checkout, "clean", "-fdq")
    gh = GhRecorder()
    outcome = handle(event(), checkout, gh=gh, today=FROZEN_TODAY)
    assert outcome.action == "kommentar" and "gibt es schon den Zweig" in outcome.detail
    assert gh.commands() == ["issue comment"]


def test_command_line_reports_an_unreadable_event_in_german(tmp_path, capsys):
    (tmp_path / "ereignis.json").write_text("{kaputt", encoding="utf-8")
    assert main(["--ereignis", str(tmp_path / "ereignis.json"), "--root", str(tmp_path)]) == 1
    assert "Fehler: Die Ereignisdatei" in capsys.readouterr().err
