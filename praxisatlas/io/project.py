"""Which project a command acts on: the folder it runs in, as git and MkDocs find theirs."""

from __future__ import annotations

from pathlib import Path

MARKERS = ("mkdocs.yml", "content")


def is_project(folder: Path) -> bool:
    """Whether `folder` holds a Praxisatlas project (mkdocs.yml and content/)."""
    return (folder / MARKERS[0]).is_file() and (folder / MARKERS[1]).is_dir()


def find_project(start: Path | None = None) -> Path | None:
    """The nearest folder from `start` (default: the working directory) upwards that holds a project."""
    here = (start or Path.cwd()).resolve()
    return next((folder for folder in (here, *here.parents) if is_project(folder)), None)


NO_PROJECT = ("Fehler: Hier ist kein Praxisatlas-Projekt: weder {start} noch ein Ordner darüber enthält "
              "mkdocs.yml und content/. Wechseln Sie in den Projektordner (cd …) oder geben Sie ihn mit "
              "--root ORDNER an.")
