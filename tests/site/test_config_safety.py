"""Config keys of the safety promises: `[urls]`, `[limits]` and `base_url` are checked when the config loads."""

from __future__ import annotations

import pytest
from site_helpers import one_page_site

from docgen.site import ConfigError, load_config
from docgen.site.config import Limits


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ('base_url = "javascript:alert(1)//"\n', "base_url"),
        ('base_url = " data:text/html,x"\n', "base_url"),
        ('[urls]\nallowed_schemes = ["javascript"]\n', "urls.allowed_schemes"),
        ('[urls]\nallowed_schemes = ["DATA"]\n', "urls.allowed_schemes"),
        ('[urls]\nallowed_schemes = ["tel:"]\n', "urls.allowed_schemes"),
        ('[urls]\nschemes = ["tel"]\n', "urls.schemes"),
        ("[limits]\nmax_page_bytes = -1\n", "limits.max_page_bytes"),
        ('[limits]\nmax_partial_expansions = "many"\n', "limits.max_partial_expansions"),
    ],
)
def test_unsafe_or_malformed_safety_keys_are_config_errors(tmp_path, config, key):
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        load_config(one_page_site(tmp_path, config))


def test_added_schemes_and_limits_are_read(tmp_path):
    config = load_config(
        one_page_site(
            tmp_path,
            'base_url = "https://docs.example.org/"\n[urls]\nallowed_schemes = ["TEL", "ftp"]\n'
            "[limits]\nmax_partial_expansions = 10\nmax_page_bytes = 0\n",
        )
    )
    assert {"tel", "ftp", "http", "https", "mailto"} == set(config.url_schemes)
    assert config.limits.max_partial_expansions == 10
    assert config.limits.max_page_bytes > 10**15  # 0: no limit
    assert config.limits.page_warning_bytes == Limits().page_warning_bytes
