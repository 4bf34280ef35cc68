"""`docgen serve` put together: server, engine, watcher and debouncer.

`ServeApp` is the running server as an object (start, url, stop), so tests
and the latency benchmark run exactly what authors run, in-process;
`serve()` is the command: it adds the terminal messages, Ctrl-C and the
exit status.
"""

from __future__ import annotations

import signal
import sys
import threading
import webbrowser
from pathlib import Path
from typing import IO

from docgen.serve.debounce import Debouncer, DebounceThread
from docgen.serve.engine import ServeEngine, Terminal
from docgen.serve.livereload import ReloadHub
from docgen.serve.server import DevServer, ServeError, start_server
from docgen.serve.session import SiteSession
from docgen.serve.store import OutputStore
from docgen.serve.watcher import SourceWatcher

EXIT_OK = 0
EXIT_USAGE = 2


class ServeApp:
    """One running `docgen serve`: bind, load behind the server, watch, rebuild."""

    def __init__(
        self,
        site_dir: Path,
        *,
        config_file: Path | None = None,
        host: str = "127.0.0.1",
        port: int = 8000,
        terminal: Terminal | None = None,
        force_polling: bool = False,
        debouncer: Debouncer[Path] | None = None,
    ) -> None:
        self.terminal = terminal or Terminal()
        self.session = SiteSession(Path(site_dir), Path(config_file) if config_file else None)
        self.store = OutputStore()
        self.hub = ReloadHub(self.store.canonical)
        self.engine = ServeEngine(self.session, self.store, self.hub, self.terminal)
        self._host, self._port = host, port
        self._debounce = DebounceThread(self._apply_batch, debouncer)
        self._watcher = SourceWatcher(
            self._debounce.add, ignore_under=self.session.ignored_roots(), force_polling=force_polling
        )
        self.server: DevServer | None = None
        self._serving: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return self.server.url

    def bind(self) -> None:
        """Listen first, so a port in use is reported before any work (raises ServeError)."""
        self.server = start_server(self._host, self._port, self.store, self.hub)

    def start_background(self) -> None:
        """Load and render behind the already listening server, and watch.

        The load starts first because the first page waits for it; an edit
        made in the fraction of a second before the watches are in place is
        the price (the next save is seen).
        """
        self._debounce.start()
        threading.Thread(target=self.engine.start, name="docgen-load", daemon=True).start()
        self._watcher.start(self.session.watch_roots())
        if self._watcher.polling:
            self.terminal.say("docgen: watching by polling")

    def start(self) -> ServeApp:
        """Bind and serve on a thread (tests and benchmarks)."""
        self.bind()
        self.start_background()
        assert self.server is not None
        self._serving = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, name="docgen-http", daemon=True
        )
        self._serving.start()
        return self

    def stop(self) -> None:
        """Stop everything started; safe to call twice."""
        self._watcher.stop()
        self._debounce.stop()
        self.engine.stop()
        self.hub.close()
        if self.server is not None:
            if self._serving is not None:
                self.server.shutdown()
                self._serving.join(timeout=5)
            self.server.server_close()
            self.server = None

    def _apply_batch(self, paths: list[Path]) -> None:
        self.engine.ready.wait()
        self.engine.apply_changes(paths)


def serve(
    site_dir: Path,
    *,
    config_file: Path | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
    force_polling: bool = False,
    stream: IO[str] | None = None,
) -> int:
    """The `docgen serve` command; returns the exit status (0, or 2 for usage problems).

    A bad config raises `ConfigError` before anything binds (the CLI turns it
    into status 2); a port in use is reported in one line, also status 2.
    Ctrl-C and SIGTERM stop it cleanly with status 0.
    """
    terminal = Terminal(stream)
    app = ServeApp(
        site_dir, config_file=config_file, host=host, port=port, terminal=terminal, force_polling=force_polling
    )
    try:
        app.bind()
    except ServeError as error:
        terminal.say(f"docgen: error: {error}")
        return EXIT_USAGE
    previous = _stop_on_sigterm()
    try:
        app.start_background()
        terminal.say(f"docgen: serving {app.session.site_root} at {app.url}  (Ctrl-C to stop)")
        if host not in ("127.0.0.1", "localhost", "::1"):
            terminal.say(f"docgen: listening on {host}: other machines on the network can read this site")
        if open_browser:
            webbrowser.open(app.url)
        assert app.server is not None
        app.server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        app.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    terminal.say("docgen: stopped")
    return EXIT_OK


def _stop_on_sigterm():
    """Make SIGTERM behave like Ctrl-C (a clean stop), when we are the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except (ValueError, OSError):
        print("docgen: cannot handle SIGTERM here; use Ctrl-C", file=sys.stderr)
        return None
