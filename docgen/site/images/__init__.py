"""Images in the site model, one module per job.

- `settings`: the ``[images]`` table (`ImageSettings`, `parse_image_settings`);
- `probe`: format and display size from the header (`probe_image` → `ImageInfo`);
- `validate`: the image-* findings of a file and of the references to it
  (`validate_image`, `ImageValidator`, `ImageReference`);
- `facts`: probes and inspections persisted between runs (`load_image_facts`,
  `save_image_facts`), so a warm build or check reads no image bytes.

Build and check both ask these questions for every image a page references and
get the same answers with the same rule ids. The names below are the package's
public interface; import them from `docgen.site.images`.
"""

from docgen.site.images.facts import forget_image_facts, load_image_facts, save_image_facts
from docgen.site.images.probe import EXTENSION_FORMATS, FORMAT_MIME, ImageError, ImageInfo, probe_image
from docgen.site.images.settings import VARIANT_FORMATS, ImageSettings, parse_image_settings
from docgen.site.images.validate import (
    RULE_CASE_MISMATCH,
    RULE_EMPTY,
    RULE_EXTENSION_MISMATCH,
    RULE_MISSING,
    RULE_TOO_LARGE,
    RULE_UNDECODABLE,
    ImageReference,
    ImageValidator,
    Problem,
    inspect_image_file,
    unpublishable,
    validate_image,
)

__all__ = [
    "EXTENSION_FORMATS",
    "FORMAT_MIME",
    "RULE_CASE_MISMATCH",
    "RULE_EMPTY",
    "RULE_EXTENSION_MISMATCH",
    "RULE_MISSING",
    "RULE_TOO_LARGE",
    "RULE_UNDECODABLE",
    "VARIANT_FORMATS",
    "ImageError",
    "ImageInfo",
    "ImageReference",
    "ImageSettings",
    "ImageValidator",
    "Problem",
    "forget_image_facts",
    "inspect_image_file",
    "load_image_facts",
    "parse_image_settings",
    "probe_image",
    "save_image_facts",
    "unpublishable",
    "validate_image",
]
