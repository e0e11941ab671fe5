"""The form editor at /bearbeiten/ (Sveltia CMS, vendored from npm): its configuration, generated from the JSON
schemas, and the files the build copies into the site.

One source of truth: every collection's fields come from `praxisatlas/schema/*.schema.json` (labels from a
field's `title`, else from its name; help texts from `description`; `required`, `enum`, `pattern`, lists,
objects and references to other entries from the schema and the validator's REFERENCES), so a schema change
changes the form. A practice's body sections are Markdown fields of their own; praxisatlas-format.js joins them
into the body in the validator's order and writes YAML that the validator reads unchanged.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from praxisatlas.checks.schemas import inline_refs, schema
from praxisatlas.checks.validate import REFERENCES, SINGLE_REFERENCES
from praxisatlas.domain import practice_template
from praxisatlas.domain.findings import Problem
from praxisatlas.domain.model import DOCUMENTS_FOLDER, KINDS
from praxisatlas.domain.slug import slugify

EDITOR_URL = "bearbeiten/"
NODE_MODULES = Path("node_modules")
CMS_PACKAGE = NODE_MODULES / "@sveltia" / "cms"
YAML_PACKAGE = NODE_MODULES / "yaml" / "browser"
CMS_VERSION = "0.221.1"  # the rewrites below fit this build of Sveltia CMS exactly (package.json pins it)
# What Sveltia CMS would load from CDNs, and where it finds it on our site instead (copied from npm packages).
CMS_REWRITES = {
    "${iP}@${rP}/locales": "./locales",
    "${iP}/package.json": "./sveltia-paket.json",
    "iP=`https://unpkg.com/@sveltia/cms`": "iP=`./sveltia`",
    # GitHub's status page is asked before sign-in; unanswered, the editor shows no status (nothing is faked)
    "`https://www.githubstatus.com/api/v2/status.json`": "`./github-status-nicht-abgefragt.json`",
}
FONT_FILES = {  # CDN address in the bundle -> file in node_modules (same font, self-hosted)
    "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2":
        "@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2",
    "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2":
        "@fontsource-variable/material-symbols-outlined/files/material-symbols-outlined-latin-wght-normal.woff2",
    "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2":
        "@fontsource/noto-mono/files/noto-mono-latin-400-normal.woff2",
}
LOCALES = ("de", "en-US")
SCHEMA_FOLDER = "praxisatlas/schema"
SECTION_FIELD_PREFIX = "abschnitt_"
VORSPANN = "abschnitt_vorspann"
COLLECTION_NAMES = {"praxis": "praxis", "kommune": "kommunen", "thema": "themen", "netzwerk": "netzwerke"}
# words whose umlauts the field names spell out (field „pruefstatus“ -> label „Prüfstatus“)
UMLAUTS = {"pruef": "prüf", "groesse": "größe", "flaeche": "fläche", "foerder": "förder", "traeger": "träger",
           "qualitaet": "qualität", "maennlich": "männlich", "ungefaehr": "ungefähr", "anhaenge": "anhänge",
           "oe": "ö"}
LONG_TEXT = 150  # longer texts get a multi-line field


@dataclass(frozen=True)
class EditorSite:
    """Where the editor writes to: the repository on GitHub and its branch."""

    repo: str  # owner/name
    branch: str = "main"


def repo_of(repo_url: str | None) -> str:
    """`owner/name` from the repository's address (https://github.com/owner/name)."""
    parts = [p for p in urlsplit(repo_url or "").path.split("/") if p]
    return "/".join(parts[:2]) if len(parts) >= 2 else "praxisatlas-jugendhilfe/praxisatlas"


def label_of(name: str, spec: dict) -> str:
    """German label: the schema's `title`, else the field name with its umlauts and spaces."""
    if spec.get("title"):
        return spec["title"]
    words = name.replace("_", " ")
    for plain, umlaut in UMLAUTS.items():
        if plain != "oe":
            words = words.replace(plain, umlaut)
    words = words.replace(" km2", " (km²)")
    return words[:1].upper() + words[1:]


def _resolve(spec: dict) -> dict:
    """The field's schema with its `$ref`s resolved (the field's own keys win), by the validator's resolver."""
    return inline_refs(spec, "gemeinsam")


def field(kind: str, name: str, raw: dict, required: bool) -> dict:
    """One CMS field for a schema property."""
    spec = _resolve(raw)
    result: dict = {"name": name, "label": label_of(name, spec), "required": required}
    if spec.get("description"):
        result["hint"] = spec["description"]
    target = REFERENCES.get((kind, name)) or SINGLE_REFERENCES.get((kind, name))
    kind_type = spec.get("type")
    if kind_type == "array" and not spec.get("minItems"):
        result["required"] = False  # the key must be there (the format writes [] then), an item need not
    if name == "pruefstatus":
        result["default"] = spec["enum"][0]  # „eingereicht“: only the editors set „geprüft“
    if target:
        result |= {"widget": "relation", "collection": COLLECTION_NAMES[target], "value_field": "{{slug}}",
                   "search_fields": [KINDS[target].title_key], "display_fields": [KINDS[target].title_key],
                   "multiple": (kind, name) in REFERENCES}
    elif "enum" in spec:
        result |= {"widget": "select", "options": list(spec["enum"])}
    elif kind_type == "boolean":
        result |= {"widget": "boolean"}
    elif kind_type in ("integer", "number"):
        result |= {"widget": "number", "value_type": "int" if kind_type == "integer" else "float"}
        if "minimum" in spec:
            result["min"] = spec["minimum"]
    elif kind_type == "object":
        inner = spec.get("required", [])
        result |= {"widget": "object", "fields": [field(kind, key, value, key in inner)
                                                  for key, value in spec.get("properties", {}).items()]}
    elif kind_type == "array":
        items = _resolve(spec.get("items", {}))
        if items.get("type") == "object":
            inner = items.get("required", [])
            result |= {"widget": "list", "fields": [field(kind, key, value, key in inner)
                                                    for key, value in items.get("properties", {}).items()]}
        else:
            result |= {"widget": "list", "field": {**field(kind, "eintrag", items, True), "label": result["label"]}}
        if spec.get("minItems"):
            result["min"] = spec["minItems"]
    else:  # text, possibly with a pattern (dates, addresses, keys)
        markdown = "Markdown erlaubt" in spec.get("description", "")
        long_text = spec.get("maxLength", 0) > LONG_TEXT
        result["widget"] = "markdown" if markdown else "text" if long_text else "string"
        if markdown:
            result |= {"buttons": ["bold", "italic", "link", "bulleted-list", "numbered-list"],
                       "editor_components": []}
        pattern = spec.get("pattern")
        if pattern and pattern != r"\S":
            result["pattern"] = [pattern, spec.get("x-fehlermeldung") or spec.get("description") or "Ungültig."]
    return result


def section_fields() -> list[dict]:
    """A practice's body sections as Markdown fields, in the validator's order."""
    return [{"name": SECTION_FIELD_PREFIX + slugify(s.heading).replace("-", "_"), "label": s.heading,
             "widget": "markdown", "required": s.required, "hint": s.hint,
             "buttons": ["bold", "italic", "link", "heading-three", "bulleted-list", "numbered-list", "quote"],
             "editor_components": []}
            for s in practice_template.sections()]


def collection(kind: str) -> dict:
    """The CMS collection of one kind of entry."""
    info = KINDS[kind]
    spec = schema(kind)
    required = spec.get("required", [])
    fields = [field(kind, name, value, name in required) for name, value in spec["properties"].items()]
    if kind == "praxis":
        fields += [*section_fields(), {"name": VORSPANN, "label": "Text vor dem ersten Abschnitt",
                                       "widget": "markdown", "required": False,
                                       "hint": "Meist leer. Alles Weitere gehört in die Abschnitte oben."}]
    return {
        "name": COLLECTION_NAMES[kind], "label": info.label_plural, "label_singular": info.label,
        "description": spec.get("description", ""), "folder": info.folder, "extension": info.suffix.lstrip("."),
        "format": format_name(kind), "create": True, "delete": False, "identifier_field": info.title_key,
        "summary": f"{{{{{info.title_key}}}}}", "slug": f"{{{{{info.title_key}}}}}",
        "sortable_fields": [info.title_key], "fields": fields,
    }


def format_name(kind: str) -> str:
    """Name of the kind's file format in praxisatlas-format.js (Sveltia CMS accepts a Markdown file only with
    a format whose name ends in „-frontmatter“)."""
    return "praxisatlas-frontmatter" if kind == "praxis" else f"praxisatlas-{kind}"


def schema_comment(kind: str) -> str:
    """The first line of each entry file: the schema for editors with YAML support."""
    target = f"{KINDS[kind].folder}/x{KINDS[kind].suffix}"
    path = posixpath.relpath(f"{SCHEMA_FOLDER}/{kind}.schema.json", posixpath.dirname(target))
    return f"# yaml-language-server: $schema={path}"


def cms_config(site: EditorSite, site_url: str | None = None) -> dict:
    """The whole Sveltia CMS configuration (config.yml)."""
    config: dict = {
        "backend": {"name": "github", "repo": site.repo, "branch": site.branch, "open_authoring": True,
                    "auth_scope": "public_repo",
                    "commit_messages": {"create": "Neu: {{collection}} „{{slug}}“",
                                        "update": "Geändert: {{collection}} „{{slug}}“",
                                        "delete": "Gelöscht: {{collection}} „{{slug}}“",
                                        "uploadMedia": "Anhang hochgeladen: „{{path}}“",
                                        "deleteMedia": "Anhang gelöscht: „{{path}}“",
                                        "openAuthoring": "{{message}}"}},
        "publish_mode": "editorial_workflow",
        "media_folder": DOCUMENTS_FOLDER, "public_folder": "/dokumente",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(kind) for kind in KINDS],
    }
    if site_url:
        config["site_url"] = site_url
    return config


def format_settings() -> dict:
    """What praxisatlas-format.js needs to know: sections, the schema comment and required keys of each kind."""
    return {
        "abschnitte": [{"heading": s.heading, "field": f["name"]}
                       for s, f in zip(practice_template.sections(), section_fields(), strict=True)],
        "vorspann": VORSPANN,
        "arten": {kind: {"kommentar": schema_comment(kind), "pflicht": schema(kind).get("required", [])}
                  for kind in KINDS},
    }


INDEX_HTML = """<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Praxisatlas bearbeiten</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
<noscript>Der Formular-Editor braucht JavaScript. Ohne JavaScript können Sie das Issue-Formular nutzen
(siehe „Mitmachen“).</noscript>
<script src="vorbereiten.js"></script>
<script src="sveltia-cms.js"></script>
<script type="module" src="bearbeiten.js"></script>
</body>
</html>
"""
MISSING_HTML = """<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Praxisatlas bearbeiten</title></head>
<body><h1>Formular-Editor nicht mitgebaut</h1>
<p>Diese Website wurde ohne den Formular-Editor gebaut (vor dem Bau fehlte <code>npm ci</code>).
Vorschläge sind über die Issue-Formulare möglich (siehe „Mitmachen“).</p></body></html>
"""


def asset_text(name: str) -> str:
    """One of our editor scripts (next to this module)."""
    return resources.files("praxisatlas.publish.editor").joinpath(name).read_text(encoding="utf-8")


class EditorUnavailable(Problem):
    """The vendored editor does not fit our rewrites (another Sveltia CMS version): a German message."""


def vendored_cms(project_root: Path) -> str:
    """sveltia-cms.js with every address of a CDN replaced by a file on our site (no third-party request)."""
    text = (project_root / CMS_PACKAGE / "dist" / "sveltia-cms.js").read_text(encoding="utf-8")
    fonts = [(url, f"schriften/{Path(file).name}") for url, file in FONT_FILES.items()]
    for old, new in [*CMS_REWRITES.items(), *fonts]:
        if old not in text:
            raise EditorUnavailable(f"Sveltia CMS: „{old}“ kommt in sveltia-cms.js nicht vor. Die Version in "
                                    f"package.json muss {CMS_VERSION} sein (npm ci).")
        text = text.replace(old, new)
    return text


def node_root(*candidates: Path) -> Path:
    """The first folder with the editor's npm packages (the project next to mkdocs.yml, else this code's)."""
    return next((root for root in candidates if (root / CMS_PACKAGE / "package.json").is_file()), candidates[0])


def editor_files(project_root: Path, site: EditorSite, site_url: str | None = None) -> list[tuple[str, str | Path]]:
    """(site path, text or file to copy) of everything under /bearbeiten/. Without the npm packages (no `npm
    ci`), only a page that says so."""
    cms = project_root / CMS_PACKAGE
    yaml_lib = project_root / YAML_PACKAGE
    needed = [cms / "dist" / "sveltia-cms.js", yaml_lib / "index.js",
              *(project_root / NODE_MODULES / file for file in FONT_FILES.values())]
    if not all(path.is_file() for path in needed):
        return [(f"{EDITOR_URL}index.html", MISSING_HTML)]
    files: list[tuple[str, str | Path]] = [
        (f"{EDITOR_URL}index.html", INDEX_HTML),
        (f"{EDITOR_URL}config.yml", yaml.safe_dump(cms_config(site, site_url), allow_unicode=True, sort_keys=False,
                                                    width=120)),
        (f"{EDITOR_URL}einstellungen.json", json.dumps(format_settings(), ensure_ascii=False, indent=1)),
        (f"{EDITOR_URL}sveltia-cms.js", vendored_cms(project_root)),
        (f"{EDITOR_URL}sveltia-paket.json", cms / "package.json"),
        (f"{EDITOR_URL}LICENSE-sveltia-cms.txt", cms / "LICENSE.txt"),
        *((f"{EDITOR_URL}locales/{name}.json", cms / "locales" / f"{name}.json") for name in LOCALES),
        *((f"{EDITOR_URL}schriften/{Path(file).name}", project_root / NODE_MODULES / file)
          for file in FONT_FILES.values()),
    ]
    for name in ("vorbereiten.js", "bearbeiten.js", "praxisatlas-format.js"):
        files.append((f"{EDITOR_URL}{name}", asset_text(name)))
    for path in sorted(yaml_lib.rglob("*.js")):
        files.append((f"{EDITOR_URL}yaml/{path.relative_to(yaml_lib).as_posix()}", path))
    return files
