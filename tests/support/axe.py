"""axe-core (from npm) in the browser: the script and the call that returns WCAG 2.1 A/AA violations."""

from __future__ import annotations

from praxisatlas import REPO_ROOT

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """() => axe.run(document, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"""


def check_and_close(page) -> tuple[list, int]:
    """axe's WCAG 2.1 A/AA violations and the page's scroll width; the page's browser context is closed."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_RUN)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.context.close()
    return violations, width
