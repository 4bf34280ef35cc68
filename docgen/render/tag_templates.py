"""Rendering a declarative tag's Jinja template (the site's ``[tags.NAME] template = …``).

docgen.site.schema builds the tag's transform; the theme lives above the site
layer, so the render layer hands each page context a renderer bound to the
theme (site templates first, then docgen's). A template that fails (a syntax
error, an undefined name under the theme's StrictUndefined) is a
`template-failed` finding at the tag, naming the template's file and line,
and the tag renders nothing: one broken template does not stop a page.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import jinja2

from docgen.site.context import PageContext
from docgen.theme import Theme


def template_renderer(theme: Theme, context: PageContext) -> Callable[[str, dict, Any], str | None]:
    """(template name, values, tag node) -> the HTML, or None after reporting why not."""

    def render(name: str, values: dict, node: Any) -> str | None:
        try:
            return theme.template(name).render(**values)
        except jinja2.TemplateNotFound:
            context.report(node, "template-failed", "error", f"template {name!r} not found in the site's theme")
        except jinja2.TemplateSyntaxError as error:
            where = f"{error.filename or name}:{error.lineno}"
            context.report(node, "template-failed", "error", f"template {where}: {error.message}")
        except Exception as error:  # the site's template: whatever it raises is reported at the tag
            context.report(
                node,
                "template-failed",
                "error",
                f"template {name}{_line(error, name)}: {type(error).__name__}: {error}",
            )
        return None

    return render


def _line(error: BaseException, name: str) -> str:
    """``:12``, the template line in the traceback (Jinja maps template frames to their source lines)."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.replace("\\", "/").endswith(name):
            line = frame.lineno
    return f":{line}" if line else ""
