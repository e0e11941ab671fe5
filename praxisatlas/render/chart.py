"""Age structure as an accessible SVG bar chart, made at build time (no JavaScript)."""

from __future__ import annotations

from html import escape

from praxisatlas.render.format import german_number

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 150
BAR_WIDTH = 300
VALUE_WIDTH = 90


def age_chart_svg(groups: list[dict], title: str, chart_id: str) -> str:
    """A horizontal bar chart; the numbers are also given as a table next to it."""
    values = [g["anzahl"] for g in groups]
    peak = max(values) or 1
    height = len(groups) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    rows = []
    for index, group in enumerate(groups):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = max(1, round(BAR_WIDTH * group["anzahl"] / peak))
        label = escape(str(group["altersgruppe"]))
        rows.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end" class="pa-chart-label">{label}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" class="pa-chart-bar"/>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 16}" class="pa-chart-value">'
            f"{german_number(group['anzahl'])}</text>"
        )
    return (
        f'<svg class="pa-chart" role="img" aria-labelledby="{chart_id}-titel" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-titel">{escape(title)}</title>' + "".join(rows) + "</svg>"
    )
