"""The one user error `docgen check` raises itself: a bad option or `[check]` value."""

from __future__ import annotations

from docgen.site.config import ConfigError


class CheckConfigError(ConfigError):
    """A bad value in the `[check]` configuration or options; the message names the key.

    A `ConfigError`, so the CLI turns it into exit status 2 like any config error.
    """
