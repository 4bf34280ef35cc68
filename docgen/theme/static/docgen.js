/* docgen theme behaviour. Everything here is an enhancement: pages are complete
   and readable without it (the sidebar, version menu and tabs fall back to
   plain HTML). Each feature is one small function wired up on DOMContentLoaded. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("dg-js");

  function storedTheme() {
    try { return localStorage.getItem("docgen-theme"); } catch (e) { return null; }
  }

  function applyTheme(theme) {
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
    else root.removeAttribute("data-theme");
  }

  function effectiveTheme() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) return chosen;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function setupThemeToggle() {
    document.querySelectorAll(".dg-theme-toggle").forEach(function (button) {
      function label() {
        var dark = effectiveTheme() === "dark";
        button.textContent = dark ? "☀ Light" : "☾ Dark";
        button.setAttribute("aria-label", dark ? "Switch to light theme" : "Switch to dark theme");
      }
      label();
      button.addEventListener("click", function () {
        var next = effectiveTheme() === "dark" ? "light" : "dark";
        applyTheme(next);
        try { localStorage.setItem("docgen-theme", next); } catch (e) { /* private mode */ }
        label();
      });
    });
  }

  function codeText(block) {
    var code = block.querySelector("code") || block.querySelector("pre") || block;
    var clone = code.cloneNode(true);
    clone.querySelectorAll(".linenos, .lineno, [data-no-copy]").forEach(function (n) { n.remove(); });
    return clone.textContent.replace(/\n$/, "");
  }

  function setupCopyButtons() {
    document.querySelectorAll(".dg-content pre").forEach(function (pre) {
      var block = pre.closest(".highlight") || pre;
      if (block.querySelector(".dg-copy") || block.parentElement.classList.contains("dg-code-wrap")) return;
      var wrap = document.createElement("div");
      wrap.className = "dg-code-wrap";
      block.parentNode.insertBefore(wrap, block);
      wrap.appendChild(block);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dg-copy";
      button.textContent = "Copy";
      button.addEventListener("click", function () {
        var done = function () {
          button.textContent = "Copied";
          button.classList.add("dg-copied");
          setTimeout(function () { button.textContent = "Copy"; button.classList.remove("dg-copied"); }, 1500);
        };
        var text = codeText(block);
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done);
        else {
          var area = document.createElement("textarea");
          area.value = text; document.body.appendChild(area); area.select();
          try { document.execCommand("copy"); done(); } finally { area.remove(); }
        }
      });
      wrap.appendChild(button);
    });
  }

  /* Image zoom: tags wrap images in a[data-dg-zoom] linking to the full-size file, which is
     the no-JavaScript fallback; with JavaScript the image opens in an overlay instead. */
  function setupImageZoom() {
    document.querySelectorAll(".dg-content a[data-dg-zoom]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        var img = link.querySelector("img");
        var overlay = document.createElement("div");
        overlay.className = "dg-zoom";
        overlay.setAttribute("role", "dialog");
        overlay.setAttribute("aria-label", (img && img.alt) || "Image");
        var big = document.createElement("img");
        big.src = link.getAttribute("href");
        big.alt = img ? img.alt : "";
        overlay.appendChild(big);
        function close() { overlay.remove(); document.removeEventListener("keydown", onKey); link.focus(); }
        function onKey(event) { if (event.key === "Escape") close(); }
        overlay.addEventListener("click", close);
        document.addEventListener("keydown", onKey);
        document.body.appendChild(overlay);
      });
    });
  }

  /* The player URL an iframe may load, or null (then the click just follows the link).
     Data is never turned into script: a YouTube facade (data-youtube-id) loads only YouTube's
     privacy-enhanced embed of a well-formed id; any other video only an http(s) URL. */
  var YOUTUBE_ID = /^[A-Za-z0-9_-]{1,64}$/;
  function playerUrl(facade) {
    var raw = facade.getAttribute("data-embed") || "";
    var url;
    try { url = new URL(raw, window.location.href); } catch (error) { return null; }
    var id = facade.getAttribute("data-youtube-id");
    if (id !== null) {
      if (!YOUTUBE_ID.test(id) || url.protocol !== "https:" || url.host !== "www.youtube-nocookie.com" ||
          url.pathname !== "/embed/" + id) return null;
    } else if (url.protocol !== "https:" && url.protocol !== "http:") {
      return null;
    }
    return url.href;
  }

  /* Video facade: the page shows a plain link (a[data-embed]); only a click loads the
     third-party player, from the URL the tag chose (YouTube's privacy-enhanced domain). */
  function setupYoutube() {
    document.querySelectorAll("[data-embed]").forEach(function (facade) {
      facade.addEventListener("click", function (event) {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        var src = playerUrl(facade);
        if (src === null) return;
        event.preventDefault();
        var iframe = document.createElement("iframe");
        iframe.src = src;
        iframe.title = facade.getAttribute("data-title") || "Video";
        iframe.allow = "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture";
        iframe.allowFullscreen = true;
        if (facade.getAttribute("data-width")) iframe.setAttribute("width", facade.getAttribute("data-width"));
        if (facade.getAttribute("data-height")) iframe.setAttribute("height", facade.getAttribute("data-height"));
        iframe.className = "dg-video__frame";
        facade.replaceWith(iframe);
      });
    });
  }

  /* Tabs: markup is a [data-tabs] container whose [role=tab] buttons control
     [role=tabpanel] panels; without JS every panel is visible, one after another. */
  function setupTabs() {
    document.querySelectorAll("[data-tabs]").forEach(function (container) {
      var tabs = Array.prototype.slice.call(container.querySelectorAll('[role="tab"]'));
      var panels = Array.prototype.slice.call(container.querySelectorAll('[role="tabpanel"]'));
      if (!tabs.length) return;
      container.classList.add("dg-tabs-ready");
      function select(index) {
        tabs.forEach(function (tab, i) {
          tab.setAttribute("aria-selected", i === index ? "true" : "false");
          tab.tabIndex = i === index ? 0 : -1;
        });
        panels.forEach(function (panel, i) { panel.hidden = i !== index; });
      }
      tabs.forEach(function (tab, i) {
        tab.addEventListener("click", function () { select(i); });
        tab.addEventListener("keydown", function (event) {
          var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
          if (!step) return;
          var next = (i + step + tabs.length) % tabs.length;
          select(next); tabs[next].focus();
        });
      });
      var initial = tabs.findIndex(function (t) { return t.getAttribute("aria-selected") === "true"; });
      select(initial < 0 ? 0 : initial);
    });
  }

  /* Keep the current sidebar entry in view on long menus. */
  function revealCurrentNavItem() {
    var sidebar = document.querySelector(".dg-sidebar");
    var current = sidebar && sidebar.querySelector('[aria-current="page"]');
    if (!current) return;
    var top = current.getBoundingClientRect().top - sidebar.getBoundingClientRect().top;
    if (top > sidebar.clientHeight * 0.8) sidebar.scrollTop += top - sidebar.clientHeight / 3;
  }

  applyTheme(storedTheme());
  document.addEventListener("DOMContentLoaded", function () {
    setupThemeToggle();
    setupCopyButtons();
    setupImageZoom();
    setupYoutube();
    setupTabs();
    revealCurrentNavItem();
  });
})();
