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
    # the editor's own viewport tag blocked pinch-zoom (maximum-scale=1, WCAG 1.4.4): zoom stays allowed
    "`maximum-scale=1`,": "",
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


# /bearbeiten/: a page of its own that says what the editor is for, who can use it and how to go back; the
# editor (Sveltia CMS, about 3 MB) is loaded only when asked for (starten.js). Zoom stays allowed.
INDEX_HTML = """<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Formular-Editor – Praxisatlas Jugendhilfe</title>
<link href="config.yml" type="application/yaml" rel="cms-config-url">
<style>
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 1.0625rem;
  line-height: 1.55; color: #1a1a1a; background: #fff; }
.pa-e-kopf { background: #1b4b6e; color: #fff; padding: 0.7rem 1rem; }
.pa-e-kopf a { color: #fff; font-weight: 700; font-size: 1.1rem; text-decoration: none; }
.pa-e-kopf a:focus-visible, .pa-e-fuss a:focus-visible { outline: 3px solid #fff; outline-offset: 2px; }
main, .pa-e-fuss ul { max-width: 42rem; margin: 0 auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; line-height: 1.25; color: #1b4b6e; margin: 1.4rem 0 0.8rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 0.4rem; }
a { color: #1b5d8c; text-underline-offset: 0.15em; }
a:focus-visible, button:focus-visible { outline: 3px solid #9c3d0a; outline-offset: 2px; }
.pa-e-ziel { border-left: 4px solid #1b4b6e; background: #f4f7fa; padding: 0.6rem 1rem; }
.pa-e-start { font: inherit; font-weight: 700; padding: 0.7rem 1.2rem; min-height: 44px; border: 0; border-radius: 4px;
  background: #1b4b6e; color: #fff; cursor: pointer; margin: 0.8rem 0 0.3rem; }
.pa-e-start[disabled] { background: #4a5866; cursor: progress; }
.pa-e-start[hidden], .pa-e-ziel[hidden] { display: none; }
.pa-e-zurueck { margin: 1.4rem 0 2rem; }
.pa-e-fuss { background: #1b4b6e; margin-top: 2rem; padding: 0.6rem 0; }
.pa-e-fuss ul { display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; list-style: none; }
.pa-e-fuss a { color: #fff; font-size: 0.9rem; display: inline-block; padding: 0.35rem 0; }
</style>
</head>
<body>
<header class="pa-e-kopf" data-pa-huelle><a href="../">Praxisatlas Jugendhilfe</a></header>
<main id="inhalt" data-pa-huelle>
<h1>Einträge im Formular bearbeiten</h1>
<p>Mit dem Formular-Editor ändern oder ergänzen Sie Praxisbeispiele, Kommunenprofile, Themen und Netzwerke des
Praxisatlas in beschrifteten Feldern, ohne Programmierkenntnisse.</p>
<p class="pa-e-ziel" data-pa-ziel hidden></p>
<h2>Wer den Editor nutzen kann</h2>
<p>Alle mit einem kostenlosen Konto bei GitHub, der Plattform, auf der die Inhalte des Praxisatlas liegen. Nichts wird
sofort veröffentlicht: Ihre Änderung geht als Vorschlag an die Redaktion, die sie mit den Quellen vergleicht und dann
übernimmt. Ohne GitHub-Konto schlagen Sie ein Praxisbeispiel über das Formular unter
<a href="../mitmachen/">Mitmachen</a> vor.</p>
<h2>Gut zu wissen</h2>
<ul>
<li>Der Editor ist eine eigene Anwendung und lädt etwa @@GROESSE@@. Auf einem größeren Bildschirm arbeitet es
sich leichter.</li>
<li>Schreiben Sie nichts über einzelne Kinder, Jugendliche oder Familien, und nennen Sie als Kontakt eine Dienststelle,
keine Person.</li>
</ul>
<p><button type="button" class="pa-e-start" data-pa-start hidden>Formular-Editor öffnen</button></p>
<p role="status" data-pa-status></p>
<noscript><p>Der Formular-Editor braucht JavaScript. Ohne JavaScript können Sie das Issue-Formular nutzen
(siehe <a href="../mitmachen/">Mitmachen</a>).</p></noscript>
<p class="pa-e-zurueck"><a href="../" data-pa-zurueck>Zurück zum Praxisatlas</a></p>
</main>
<footer class="pa-e-fuss" data-pa-huelle>
<ul>
<li><a href="../impressum/">Impressum</a></li>
<li><a href="../datenschutz/">Datenschutz</a></li>
<li><a href="../barrierefreiheit/">Barrierefreiheit</a></li>
</ul>
</footer>
<script src="starten.js"></script>
</body>
</html>
"""
MISSING_HTML = """<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Praxisatlas bearbeiten</title></head>
<body><h1>Formular-Editor nicht mitgebaut</h1>
<p>Diese Website wurde ohne den Formular-Editor gebaut (vor dem Bau fehlte <code>npm ci</code>).
Vorschläge sind über die Issue-Formulare möglich (siehe „Mitmachen“).</p></body></html>
"""


def _megabytes(size: int) -> str:
    """'3 MB' (German, rounded to a tenth below 10)."""
    value = size / 1_000_000
    text = f"{value:.1f}".replace(".", ",") if value < 10 else str(round(value))
    return f"{text.removesuffix(',0')} MB"


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
    bundle = vendored_cms(project_root)
    files: list[tuple[str, str | Path]] = [
        (f"{EDITOR_URL}config.yml", yaml.safe_dump(cms_config(site, site_url), allow_unicode=True, sort_keys=False,
                                                    width=120)),
        (f"{EDITOR_URL}einstellungen.json", json.dumps(format_settings(), ensure_ascii=False, indent=1)),
        (f"{EDITOR_URL}sveltia-cms.js", bundle),
        (f"{EDITOR_URL}sveltia-paket.json", cms / "package.json"),
        (f"{EDITOR_URL}LICENSE-sveltia-cms.txt", cms / "LICENSE.txt"),
        *((f"{EDITOR_URL}locales/{name}.json", cms / "locales" / f"{name}.json") for name in LOCALES),
        *((f"{EDITOR_URL}schriften/{Path(file).name}", project_root / NODE_MODULES / file)
          for file in FONT_FILES.values()),
    ]
    for name in ("starten.js", "vorbereiten.js", "bearbeiten.js", "praxisatlas-format.js"):
        files.append((f"{EDITOR_URL}{name}", asset_text(name)))
    for path in sorted(yaml_lib.rglob("*.js")):
        files.append((f"{EDITOR_URL}yaml/{path.relative_to(yaml_lib).as_posix()}", path))
    # the page tells how much the editor loads (at most: everything under /bearbeiten/)
    size = sum(len(content.encode("utf-8")) if isinstance(content, str) else content.stat().st_size
               for _, content in files)
    return [(f"{EDITOR_URL}index.html", INDEX_HTML.replace("@@GROESSE@@", _megabytes(size))), *files]
