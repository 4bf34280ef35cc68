"""docgen.render: one page from Markdoc source to a themed HTML document.

Shared by `docgen build` (docgen.publish writes every page to disk) and
`docgen serve` (keeps pages in memory and re-renders what changed), so both
show a reader the same HTML.

Public API:
- `render_page(site, page, ...) -> RenderedPage` — one page body, TOC, diagnostics, dependencies
- `SiteRenderer` — complete HTML documents (theme, shared sidebars, 404, redirects)
- `PartialValidation` — validates each partial file once across many pages
"""

from docgen.render.document import SiteRenderer
from docgen.render.page import PartialValidation, RenderedPage, render_page

__all__ = ["PartialValidation", "RenderedPage", "SiteRenderer", "render_page"]
