"""One build of the knowledge base: load → check → relate → render, shared by the hooks and the scripts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from praxisatlas.checks.operator import placeholder_warnings
from praxisatlas.checks.validate import entry_findings, load_and_validate
from praxisatlas.domain.findings import Finding, Problem, has_errors
from praxisatlas.domain.model import KnowledgeBase
from praxisatlas.io.load import read_or_finding
from praxisatlas.publish.preview_cache import PreviewCache
from praxisatlas.relate import Relations, relate
from praxisatlas.render.site import Output, SiteRenderer

THEME_OVERRIDES = Path(__file__).resolve().parent.parent / "render" / "theme"


@dataclass(frozen=True)
class BuildSettings:
    """Every input of a build besides the files: the preview's cache compares them too."""

    today: dt.date
    handbook: bool = False
    site_url: str = "/"
    repo_url: str = ""  # the repository on GitHub, for links to its issue forms ("" = none)


@dataclass
class SiteBuild:
    """The checked model and every file made from it for one site build."""

    kb: KnowledgeBase
    rel: Relations
    findings: list[Finding]
    settings: BuildSettings
    outputs: list[tuple[Output, str]]  # pages (Markdown) and open-data files with their texts
    documents: list[Path]  # attachments to publish under /dokumente/

    @property
    def pages(self) -> list[tuple[Output, str]]:
        return [(output, text) for output, text in self.outputs if output.is_page]


def build_site(root: Path, settings: BuildSettings, preview: PreviewCache | None = None) -> SiteBuild:
    """Load and check `root`; raise Problem with every finding if there are errors; otherwise make every
    page and data file. With `preview` (the `mkdocs serve` process), only what an edit changed is read, checked
    and made again; the result is the same as without it."""
    read = preview.reader(read_or_finding) if preview else None
    check = preview.checker(entry_findings) if preview else None
    kb, findings = load_and_validate(root, settings.today, read, check)
    findings = findings + placeholder_warnings(kb.operator)  # operator data: a local build warns, publishing refuses
    documents = kb.documents  # checked once by the validator (checks/attachments.py)
    if has_errors(findings):
        raise Problem(findings)
    rel = relate(kb)
    if preview is None:
        outputs = _renderer(kb, rel, settings).outputs(settings.site_url)
        return SiteBuild(kb, rel, findings, settings, [(o, o.render()) for o in outputs], documents)
    preview.forget_others(kb)
    view = preview.recording(kb)
    outputs = _renderer(view, rel, settings).outputs(settings.site_url)
    texts = preview.texts(outputs, kb, rel, (settings.today, settings.handbook, settings.site_url, settings.repo_url))
    return SiteBuild(kb, rel, findings, settings, list(zip(outputs, texts, strict=True)), documents)


def publish_pdfs(build: SiteBuild, site_dir: Path) -> list[Path]:
    """Write the handbook (handbuch.pdf), each topic's handbook and each Kommune's Steckbrief into the built
    site, then the file sizes into the pages that link them."""
    from praxisatlas.render.filesize import fill_sizes
    from praxisatlas.render.handbook import HandbookData, render_pdfs
    from praxisatlas.render.site import HANDBOOK_FILE, STECKBRIEF_FILE, TOPIC_HANDBOOK

    data = HandbookData(build.kb, build.rel, build.settings.today, build.settings.site_url)
    jobs = [(data.handbook(), site_dir / HANDBOOK_FILE)]
    jobs += [(data.handbook(slug), site_dir / TOPIC_HANDBOOK.format(slug)) for slug in sorted(build.kb.themen)]
    jobs += [(data.steckbrief(slug), site_dir / "kommunen" / slug / STECKBRIEF_FILE)
             for slug in sorted(build.kb.kommunen)]
    written = render_pdfs(jobs, build.settings.today)
    fill_sizes(site_dir)
    return written


def _renderer(kb: KnowledgeBase, rel: Relations, settings: BuildSettings) -> SiteRenderer:
    return SiteRenderer(kb, rel, settings.today, settings.handbook, repo_url=settings.repo_url)
