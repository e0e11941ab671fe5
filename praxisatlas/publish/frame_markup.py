"""Material's frame markup that the W3C validator rejects, corrected in every rendered page (issue #26).

Material's base.html gives its two hidden toggle checkboxes (navigation drawer, search) `autocomplete="off"`, an
attribute HTML allows on text-like inputs only; the two tags are outside any template block, so they are fixed
here, after rendering. Their purpose (a browser must not restore an open drawer from its form cache) is kept by
assets/navigation.js, which closes the drawer whenever a page is shown. The other fix, the table-of-contents
label without its control, is a template override (theme/partials/toc.html).
"""

from __future__ import annotations

TOGGLES = tuple(
    (f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">',
     f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">')
    for name in ("drawer", "search")
)


def valid_frame(html: str) -> str:
    """`html` with Material's toggle checkboxes written as valid HTML (unchanged if they are not there)."""
    for old, new in TOGGLES:
        html = html.replace(old, new, 1)
    return html
