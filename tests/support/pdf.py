"""Reading a PDF as a person and a checker would: its text, its info, its bookmarks."""

from __future__ import annotations

import json
import re
import subprocess


def pdftext(pdf) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def squash(text: str) -> str:
    """Ignore line breaks and hyphenation when looking for a phrase."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011\u2060]+", "", text)


def pdfinfo(pdf) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout


def outline_titles(pdf) -> list[str]:
    data = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", str(pdf)], capture_output=True,
                                     text=True, check=True).stdout)
    titles = []

    def walk(items):
        for item in items:
            titles.append(item["title"])
            walk(item.get("kids", []))

    walk(data["outlines"])
    return titles
