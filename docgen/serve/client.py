"""The script `docgen serve` injects into every HTML page it sends.

It is kept small and dependency-free: one EventSource, a scroll position
kept in sessionStorage across reloads, a stylesheet swap that never reloads
the page, and an error overlay drawn with textContent only (diagnostic
messages quote the author's text, which must never become markup).
"""

from __future__ import annotations

EVENTS_PATH = "/__docgen/events"

CLIENT_JS = r"""
(() => {
  const page = location.pathname;
  const scrollKey = "docgen-scroll:" + page;
  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = JSON.parse(saved);
    const restore = () => window.scrollTo(x, y);
    restore();
    window.addEventListener("load", restore);
  }

  const overlayId = "docgen-error-overlay";
  const badgeId = "docgen-error-badge";
  function hideOverlay() {
    for (const id of [overlayId, badgeId]) {
      const old = document.getElementById(id);
      if (old) old.remove();
    }
  }
  function dismissKey(errors) {
    return "docgen-dismissed:" + page + ":" + JSON.stringify(errors.map((e) => [e.position, e.message]));
  }
  function showBadge(errors) {
    const badge = el("button", "position:fixed;right:16px;bottom:16px;z-index:2147483647;padding:8px 12px;" +
      "background:#b3261e;color:#fff;border:0;border-radius:6px;font:14px system-ui,sans-serif;cursor:pointer",
      "\u26a0 " + errors.length + " build error" + (errors.length === 1 ? "" : "s"));
    badge.id = badgeId;
    badge.onclick = () => { sessionStorage.removeItem(dismissKey(errors)); showOverlay(errors); };
    document.body.append(badge);
  }
  function el(tag, style, text) {
    const node = document.createElement(tag);
    if (style) node.style.cssText = style;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function showOverlay(errors) {
    hideOverlay();
    if (sessionStorage.getItem(dismissKey(errors)) !== null) {
      showBadge(errors);
      return;
    }
    const box = el("div", "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(20,20,24,.92);color:#f5f5f5;font:14px/1.5 ui-monospace,monospace;padding:32px");
    box.id = overlayId;
    box.setAttribute("role", "alertdialog");
    const close = el("button", "position:absolute;top:12px;right:16px;font-size:20px;" +
      "background:none;color:#ccc;border:0;cursor:pointer", "\u00d7");
    close.title = "Hide until these errors change (the page below is the last version that built)";
    close.onclick = () => { sessionStorage.setItem(dismissKey(errors), "1"); showOverlay(errors); };
    box.append(close, el("div", "font-size:18px;color:#ff6b6b;margin-bottom:16px",
      "docgen: this page failed to build (showing the last good version)"));
    for (const error of errors) {
      const item = el("section", "margin-bottom:24px");
      item.className = "docgen-error";
      item.append(el("div", "color:#ffd479", error.position));
      item.append(el("div", "margin:4px 0 8px;white-space:pre-wrap", error.message +
        (error.rule ? "  [" + error.rule + "]" : "")));
      if (error.frame) {
        item.append(el("pre", "background:#000;padding:12px;margin:0;overflow:auto", error.frame));
      }
      box.append(item);
    }
    document.body.append(box);
  }
  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("docgen-v", String(Date.now()));
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = () => link.remove();
      link.after(fresh);
    }
  }

  const source = new EventSource("__EVENTS__?url=" + encodeURIComponent(page));
  let lost = false;  // the server went away (restarted): reload once it is back, the site may have changed
  source.addEventListener("error", () => { lost = true; });
  source.addEventListener("open", () => {
    if (lost) {
      sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
      location.reload();
    }
  });
  source.addEventListener("reload", () => {
    sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    source.close();
    location.reload();
  });
  source.addEventListener("css", swapStylesheets);
  source.addEventListener("overlay", (event) => showOverlay(JSON.parse(event.data).errors));
  source.addEventListener("clear", hideOverlay);
  window.addEventListener("pagehide", () => source.close());
})();
""".replace("__EVENTS__", EVENTS_PATH)

_TAG = f'<script data-docgen-livereload="">{CLIENT_JS}</script>'.encode()


def inject_client(html: bytes) -> bytes:
    """Insert the script before the last ``</body>`` (or at the end without one)."""
    index = html.lower().rfind(b"</body>")
    if index < 0:
        return html + _TAG
    return html[:index] + _TAG + html[index:]
