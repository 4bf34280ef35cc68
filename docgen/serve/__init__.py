"""`docgen serve`: a live-reload authoring server with incremental rebuilds.

See docs/architecture.md. The pieces: `store` (what is served, path-safe),
`server` (HTTP + Server-Sent Events), `livereload` (which tab shows what),
`client` (the injected script and error overlay), `watcher` + `debounce`
(file events into batches), `graph` (who reads which file), `session`
(the site through docgen.site and docgen.render), `engine` (what to render
when), `app` (all of it running).
"""

from __future__ import annotations

from pathlib import Path


def serve(site_dir: Path, **options) -> int:
    """`docgen serve` (see docgen.serve.app.serve); imported lazily so the parts load alone."""
    from docgen.serve.app import serve as run

    return run(site_dir, **options)
