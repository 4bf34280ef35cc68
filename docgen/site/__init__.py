"""The site model: configuration, versions, pages, partials, images, navigation.

See docs/architecture.md ("docgen.site") for the contract other packages use.
"""

from docgen.site.assets import ResolvedAsset
from docgen.site.config import CheckConfig, ConfigError, SiteConfig, load_config
from docgen.site.links import ResolvedLink
from docgen.site.nav import MenuEntry, Nav, NavNode
from docgen.site.pages import Page
from docgen.site.site import Site
from docgen.site.versions import Version, version_key

__all__ = [
    "CheckConfig",
    "ConfigError",
    "MenuEntry",
    "Nav",
    "NavNode",
    "Page",
    "ResolvedAsset",
    "ResolvedLink",
    "Site",
    "SiteConfig",
    "Version",
    "load_config",
    "version_key",
]
