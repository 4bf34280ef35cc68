"""The OpenMetadata tag set: the tags the OpenMetadata documentation is written with.

Callouts (`note`, `important`), `image` and `youtube`, `icon`, steps, code tags
(`codePreview`, `codeWithLanguageSelector`, …), connector cards, the editions'
`collateContent`/`ossContent`, tiles, `inlineCallout`, `multiTablesWrapper` and
`list`. Each family module defines `TAGS`, optionally `NODES`, and `CSS`, like
docgen's core families (docgen.tags); `FAMILIES` lists them in CSS order.
Registered as ``openmetadata`` in the ``docgen.tag_sets`` entry-point group.
"""

FAMILIES = ("admonitions", "media", "icons", "steps", "code", "connectors", "editions", "layout")
