"""docgen.theme: the Jinja2 templates and static assets a site is rendered with, and their loader.

`templates/` and `static/` in this folder are the built-in theme; a site overrides
any file by putting one of the same name in `<site>/theme/templates/` or
`<site>/theme/static/` (see `Theme`).
"""

from docgen.theme.loader import ASSET_PREFIX, BUILTIN_THEME, Asset, Theme, pygments_css

__all__ = ["ASSET_PREFIX", "BUILTIN_THEME", "Asset", "Theme", "pygments_css"]
