"""The site's Markdoc schema: the core, the tag sets the config enables, and the site's own.

Build, serve and check all take the schema from here (`site_schema`), so a
tag means the same in each. Loading is cached per `SchemaConfig`: the config
is frozen, and a changed config (serve re-reads it) is a new key.
"""

from __future__ import annotations

from functools import lru_cache

from docgen.site.config import ConfigError, SiteConfig
from docgen.site.schema_config import SchemaConfig
from docgen.tags.sets import Schema, TagSetError, schema_with_sets


def site_schema(config: SiteConfig) -> Schema:
    """The merged schema of the site `config` describes; `ConfigError` when it cannot be built."""
    return _schema_for(config.schema)


@lru_cache(maxsize=8)
def _schema_for(schema: SchemaConfig) -> Schema:
    try:
        return schema_with_sets(schema.tag_sets)
    except TagSetError as error:
        raise ConfigError(str(error), key="tag_sets", file=schema.file) from None
