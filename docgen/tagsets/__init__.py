"""Tag sets that ship with docgen: named bundles of tag schemas, node overrides and CSS.

A site enables a tag set by name (``tag_sets = ["openmetadata"]``); docgen finds
it through the ``docgen.tag_sets`` entry-point group (docgen.tags.sets), the same
way it finds a tag set from an installed package, so docgen's own sets use the
mechanism third parties do. Nothing in the core imports a tag set's tags.
"""
