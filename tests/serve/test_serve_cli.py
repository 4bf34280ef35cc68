"""`docgen serve` as a process: the printed URL, port in use, Ctrl-C, bad config."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from serve_sites import make_site

REPO = Path(__file__).resolve().parents[2]


def start(args: list[str]) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-c", "from docgen.cli import main; main()", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def read_url(process: subprocess.Popen, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        match = re.search(r"at (http://\S+)", line)
        if match:
            return match.group(1)
    raise AssertionError("no URL printed")


def test_port_zero_prints_url_and_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    process = start([str(site), "--port", "0"])
    try:
        url = read_url(process)
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0/")
        with urllib.request.urlopen(url + "v1.0/guide/", timeout=30) as response:
            assert b"Original sentence." in response.read()
    finally:
        process.send_signal(signal.SIGINT)
        output = process.communicate(timeout=30)[0]
    assert process.returncode == 0
    assert "Traceback" not in output and "KeyboardInterrupt" not in output
    assert "docgen: stopped" in output


def test_port_in_use_is_a_clear_message_and_status_2(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start([str(site), "--port", str(port)])
        output = process.communicate(timeout=60)[0]
    assert process.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in output
    assert "Traceback" not in output


def test_bad_config_is_status_2_without_traceback(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "docgen.toml").write_text('titel = "typo"\n')
    process = start([str(site), "--port", "0"])
    output = process.communicate(timeout=60)[0]
    assert process.returncode == 2
    assert "titel" in output and "Traceback" not in output
