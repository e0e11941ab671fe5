"""MkDocs adapter: forwards MkDocs' events to praxisatlas.publish.mkdocs_run, which does the work.

The one thing done here is MkDocs' way of stopping: a Problem (the package's one error type, German findings)
becomes log errors and an Abort, so that `mkdocs build` ends with a German message and no traceback.
"""

from __future__ import annotations

import functools
import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from praxisatlas.domain.findings import Problem
from praxisatlas.publish.frame_markup import valid_frame
from praxisatlas.publish.mkdocs_run import MkDocsRun

log = logging.getLogger("mkdocs.hooks.praxisatlas")
RUN = MkDocsRun()


def _stops_in_german(step):
    @functools.wraps(step)
    def run(*args, **kwargs):
        try:
            return step(*args, **kwargs)
        except Problem as problem:
            for finding in problem.findings:
                log.error(finding.format())
            raise Abort(f"Abbruch: {problem} – die Website wurde nicht gebaut.") from None

    return run


def on_startup(*, command: str, dirty: bool) -> None:
    RUN.startup(command)


@_stops_in_german
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return RUN.config(config)


@_stops_in_german
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return RUN.files(files, config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return RUN.page_markdown(markdown, page, config)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return RUN.page_content(html, page, files)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return valid_frame(output)  # Material's frame as valid HTML (publish/frame_markup.py)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return valid_frame(output_content)  # the same for pages made from templates alone (404.html)


def on_env(env, config: MkDocsConfig, files: Files):
    return RUN.env(env)


@_stops_in_german
def on_post_build(config: MkDocsConfig) -> None:
    RUN.post_build(config)


def on_build_error(error: Exception) -> None:
    RUN.build_error()


def on_serve(server, config: MkDocsConfig, builder):
    return RUN.serve(server)
