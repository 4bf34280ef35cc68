"""The fixture's Python schema: a tag, a node override, a function and the heading-id function."""

import re

from docgen.markdoc import Tag


def transform_example(node, config):
    attributes = node.transform_attributes(config)
    return Tag("div", {"class": "example", "data-lang": attributes.get("lang")}, node.transform_children(config))


def transform_fence(node, config):
    """Fences with a title get a caption above the code (the core's highlighting is not needed here)."""
    attributes = node.transform_attributes(config)
    code = Tag("pre", {"data-language": attributes.get("language")}, [attributes.get("content", "")])
    title = attributes.get("title")
    return Tag("figure", {"class": "fence"}, [Tag("figcaption", {}, [title]), code] if title else [code])


def upper(parameters, config):
    return str(parameters.get(0, "")).upper()


def slugify(text):
    """The site's own slugger: keeps '&' (the default drops it)."""
    return re.sub(r"\s+", "-", re.sub(r"[^\w&\- ]", "", text.strip().lower()))


TAGS = {
    "example": {
        "attributes": {"lang": {"type": "String", "default": "python"}},
        "transform": transform_example,
    },
}

NODES = {
    "fence": {
        "attributes": {
            "content": {"type": "String"},
            "language": {"type": "String"},
            "title": {"type": "String"},
        },
        "transform": transform_fence,
    },
}

FUNCTIONS = {
    "upper": {"parameters": {0: {"type": "String", "required": True}}, "transform": upper},
}
