"""The theme's generated CSS: code colours readable on the theme's own code background."""

import re

from docgen.theme import BUILTIN_THEME, pygments_css
from docgen.theme.loader import CODE_BG_DARK, CODE_BG_LIGHT, MIN_CONTRAST, _contrast, _rgb, readable


def _colours(css: str) -> set[str]:
    return set(re.findall(r"(?<![-\w])color: (#[0-9A-Fa-f]{3,6})\b", css))


def test_code_background_constants_match_the_stylesheet():
    css = (BUILTIN_THEME / "static" / "docgen.css").read_text()
    assert f"--dg-code-bg: light-dark({CODE_BG_LIGHT}, {CODE_BG_DARK});" in css


def test_every_code_colour_reaches_aa_contrast_in_light_and_dark():
    css = pygments_css()
    light, _, dark = css.partition(':root[data-theme="dark"]')
    for colours, background in ((_colours(light), CODE_BG_LIGHT), (_colours(dark), CODE_BG_DARK)):
        assert colours
        weak = [c for c in colours if _contrast(_rgb(c), _rgb(background)) < MIN_CONTRAST]
        assert not weak, weak


def test_readable_keeps_good_colours_and_darkens_or_lightens_weak_ones():
    assert readable(".a { color: #000000 }", CODE_BG_LIGHT) == ".a { color: #000000 }"
    darker = readable(".c1 { color: #3D7B7B; font-style: italic }", CODE_BG_LIGHT)
    assert darker != ".c1 { color: #3D7B7B; font-style: italic }" and darker.endswith("; font-style: italic }")
    lighter = _colours(readable(".x { color: #404040 }", CODE_BG_DARK)).pop()
    assert _contrast(_rgb(lighter), _rgb(CODE_BG_DARK)) >= MIN_CONTRAST
    assert readable(".h { background-color: #ffffcc }", CODE_BG_LIGHT) == ".h { background-color: #ffffcc }"
