"""Site configuration: discovery of the config file, defaults, versions, errors naming keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.site.config import ConfigError, load_config


def make_site(root: Path, versions=("v1.8", "v1.9"), config: str | None = None, name: str = "docgen.toml") -> Path:
    for version in versions:
        (root / "content" / version).mkdir(parents=True, exist_ok=True)
    if config is not None:
        (root / name).write_text(config, encoding="utf-8")
    return root


def test_defaults_without_any_config(tmp_path):
    site = make_site(tmp_path)
    config = load_config(site)
    assert config.config_file is None
    assert config.content_dir == site / "content"
    assert config.partials_dir == site / "partials"
    assert config.images_dir == site / "images"
    assert config.output_dir == site / "site"
    assert config.images_url == "/images"
    assert config.edition == "oss"
    assert config.delimiters == ("{%", "%}")
    assert [v.name for v in config.versions] == ["v1.8", "v1.9"]
    assert config.default_version == "v1.9"


def test_versions_sort_numerically_and_default_is_newest(tmp_path):
    site = make_site(tmp_path, versions=("v1.10.x", "v1.9.x", "v2", "notes"))
    config = load_config(site)
    assert [v.name for v in config.versions] == ["v1.9.x", "v1.10.x", "v2"]
    assert config.default_version == "v2"
    assert config.version("1.10").name == "v1.10.x"
    assert config.version("v1.9").name == "v1.9.x"


def test_all_keys_are_read(tmp_path):
    site = make_site(
        tmp_path,
        config="""
title = "Acme Docs"
base_url = "https://docs.example.org/acme/"
edition = "collate"
content_dir = "content"
partials_dir = "content/partials"
images_dir = "public/images"
images_url = "/img/"
output_dir = "out"
default_version = "v1.8"
delimiters = ["{{%", "%}}"]

[versions."v1.9"]
inherits = "v1.8"

[images]
widths = [1280, 640]
quality = 70

[check]
rules = { "link-broken" = "warning" }
exclude = ["^https://example\\\\.com"]
ignore_file = ".docgenignore"
cache_max_age = "2d"
""",
    )
    config = load_config(site)
    assert config.config_file == site / "docgen.toml"
    assert config.title == "Acme Docs"
    assert config.base_path == "/acme"
    assert config.edition == "collate"
    assert config.partials_dir == site / "content" / "partials"
    assert config.images_dir == site / "public" / "images"
    assert config.images_url == "/img"
    assert config.output_dir == site / "out"
    assert config.default_version == "v1.8"
    assert config.delimiters == ("{{%", "%}}")
    assert config.version("v1.9").inherits == "1.8"
    assert config.images.widths == (640, 1280) and config.images.quality == 70
    assert config.check.rules == {"link-broken": "warning"}
    assert config.check.ignore_file == site / ".docgenignore"
    assert config.check.cache_max_age == 2 * 86400


def test_pyproject_tool_docgen_table(tmp_path):
    site = make_site(
        tmp_path, config='[project]\nname = "x"\n\n[tool.docgen]\ntitle = "From pyproject"\n', name="pyproject.toml"
    )
    config = load_config(site)
    assert config.title == "From pyproject"
    assert config.config_file == site / "pyproject.toml"


def test_docgen_toml_wins_over_pyproject(tmp_path):
    site = make_site(tmp_path, config='[tool.docgen]\ntitle = "pyproject"\n', name="pyproject.toml")
    (site / "docgen.toml").write_text('title = "docgen.toml"\n')
    assert load_config(site).title == "docgen.toml"


def test_explicit_config_file_paths_resolve_against_site_dir(tmp_path):
    site = make_site(tmp_path / "site")
    (site / "content" / "partials").mkdir()
    elsewhere = tmp_path / "configs" / "site.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text('partials_dir = "content/partials"\n')
    config = load_config(site, elsewhere)
    assert config.config_file == elsewhere
    assert config.partials_dir == site / "content" / "partials"
    assert [v.name for v in config.versions] == ["v1.8", "v1.9"]  # "partials" is not a version anyway


def test_version_list_selects_and_declares_inheritance(tmp_path):
    site = make_site(
        tmp_path,
        versions=("v1.7", "v1.8", "v1.9.x"),
        config='versions = ["v1.8", { name = "v1.9", inherits = "v1.8" }]\n',
    )
    config = load_config(site)
    assert [(v.name, v.inherits) for v in config.versions] == [("v1.8", None), ("v1.9.x", "1.8")]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('edtion = "oss"\n', "edtion"),
        ('edition = "enterprise"\n', "edition"),
        ("title = 3\n", "title"),
        ('delimiters = ["{%"]\n', "delimiters"),
        ('images_url = "images"\n', "images_url"),
        ('default_version = "v3"\n', "default_version"),
        ('versions = ["v1.9", "draft"]\n', "versions[1]"),
        ('versions = ["v2.0"]\n', "versions[0]"),
        ("versions = []\n", "versions"),
        ('[versions."v1.8"]\ninherits = "v1.9"\n', 'versions."v1.8".inherits'),
        ('[versions."v1.9"]\nparent = "v1.8"\n', 'versions."v1.9".parent'),
        ("[images]\nquality = 101\n", "images.quality"),
        ("[images]\nsize = 3\n", "images.size"),
        ('[check]\nrules = { "link-broken" = "loud" }\n', 'check.rules."link-broken"'),
        ('[check]\ncache_max_age = "soon"\n', "check.cache_max_age"),
        ("[check]\nexclude = [1]\n", "check.exclude[0]"),
        ('[check]\nexclude = ["ok", "(unclosed"]\n', "check.exclude[1]"),
        ("[check]\nstrict = true\n", "check.strict"),
        ('content_dir = "missing"\n', "content_dir"),
    ],
)
def test_bad_config_names_key_and_file(tmp_path, text, key):
    site = make_site(tmp_path, config=text)
    with pytest.raises(ConfigError) as caught:
        load_config(site)
    assert caught.value.key == key
    assert caught.value.file == str(site / "docgen.toml")
    assert key in str(caught.value) and "docgen.toml" in str(caught.value)


def test_a_content_dir_without_pages_says_what_docgen_looked_for(tmp_path):
    (tmp_path / "content" / "guide").mkdir(parents=True)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "intro.md").write_text("# Intro\n")
    with pytest.raises(ConfigError, match="no pages found") as caught:
        load_config(tmp_path)
    assert caught.value.key == "content_dir"
    message = str(caught.value)
    assert "docgen.toml and pyproject.toml [tool.docgen] tried" in message
    assert "'content/' (content_dir)" in message
    assert "version folders (such as v1.0 or v1.9.x) or Markdown pages (*.md): found none" in message
    assert "Markdown files are in 'pages/' (set content_dir = \"pages\")" in message
    assert str(tmp_path) not in message


def test_a_missing_content_folder_says_which_config_was_read(tmp_path):
    (tmp_path / "docgen.toml").write_text('content_dir = "docs"\n')
    with pytest.raises(ConfigError, match="no content folder") as caught:
        load_config(tmp_path)
    assert "read docgen.toml" in str(caught.value) and "'docs/' (content_dir): not found" in str(caught.value)


def test_versions_true_insists_on_version_folders(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("# A\n")
    (tmp_path / "docgen.toml").write_text("versions = true\n")
    with pytest.raises(ConfigError, match="pages must be in version folders"):
        load_config(tmp_path)


def test_a_content_folder_of_pages_is_an_unversioned_site(tmp_path):
    (tmp_path / "pages" / "guides").mkdir(parents=True)
    (tmp_path / "pages" / "guides" / "install.md").write_text("# Install\n")
    (tmp_path / "docgen.toml").write_text('content_dir = "pages"\n')
    config = load_config(tmp_path)
    assert not config.versioned and [v.name for v in config.versions] == [""] and config.default_version == ""
    assert config.version_folder("") == tmp_path / "pages"


def test_versions_false_makes_version_folders_plain_folders(tmp_path):
    (tmp_path / "content" / "v1.0").mkdir(parents=True)
    (tmp_path / "content" / "v1.0" / "a.md").write_text("# A\n")
    (tmp_path / "docgen.toml").write_text("versions = false\n")
    assert not load_config(tmp_path).versioned


def test_an_unversioned_site_refuses_a_default_version(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("# A\n")
    (tmp_path / "docgen.toml").write_text('default_version = "v1.0"\n')
    with pytest.raises(ConfigError, match="unversioned site has no versions"):
        load_config(tmp_path)


def test_invalid_toml_is_a_config_error(tmp_path):
    site = make_site(tmp_path, config="title = \n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(site)


def test_missing_site_and_config_file(tmp_path):
    with pytest.raises(ConfigError, match="site directory not found"):
        load_config(tmp_path / "nope")
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(make_site(tmp_path), tmp_path / "missing.toml")


def test_openmetadata_config(openmetadata_dir, openmetadata_config):
    config = load_config(openmetadata_dir, openmetadata_config)
    assert [v.name for v in config.versions] == ["v1.9.x"]
    assert config.partials_dir == openmetadata_dir / "content" / "partials"
    assert config.images_dir == openmetadata_dir / "public" / "images"
