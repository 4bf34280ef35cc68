/* docgen theme behaviour. Everything here is an enhancement: pages are complete
   and readable without it (the sidebar, version menu, TOC and tabs fall back to
   plain HTML). Each feature is one small function wired up on DOMContentLoaded. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("dg-js");

  /* ------------------------------------------------------------------ helpers */

  function each(selector, fn, scope) {
    Array.prototype.forEach.call((scope || document).querySelectorAll(selector), fn);
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, wait);
    };
  }

  /* Everything outside `keep` stops taking focus and clicks while a modal layer is open. */
  function setInert(on, keep) {
    each("body > *", function (node) {
      if (keep.indexOf(node) >= 0 || node.contains(keep[0])) return;
      if (on) node.setAttribute("inert", "");
      else node.removeAttribute("inert");
    });
  }

  /* ------------------------------------------------------------------ colour theme */

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

  /* One toggle button, "Dark theme", pressed when the dark theme shows. */
  function setupThemeToggle() {
    each(".dg-theme-toggle", function (button) {
      function sync() { button.setAttribute("aria-pressed", effectiveTheme() === "dark" ? "true" : "false"); }
      sync();
      button.addEventListener("click", function () {
        var next = effectiveTheme() === "dark" ? "light" : "dark";
        applyTheme(next);
        try { localStorage.setItem("docgen-theme", next); } catch (e) { /* private mode */ }
        sync();
      });
    });
  }

  /* ------------------------------------------------------------------ code blocks */

  function codeText(block) {
    var code = block.querySelector("code") || block.querySelector("pre") || block;
    var clone = code.cloneNode(true);
    clone.querySelectorAll(".linenos, .lineno, [data-no-copy]").forEach(function (n) { n.remove(); });
    return clone.textContent.replace(/\n$/, "");
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy") ? resolve() : reject(new Error("copy refused")); } finally { area.remove(); }
    });
  }

  /* The text a copy button copies: a `codePreview` file shown as numbered fragments (one fence per
     explained part) is copied whole, every fragment in order; any other block is its own code. */
  function copySource(pre) {
    var file = pre.closest(".dg-codepreview .dg-codeblock");
    if (!file) return { block: pre.closest(".highlight") || pre, text: function (b) { return codeText(b); } };
    return {
      block: file,
      text: function (b) {
        return Array.prototype.map.call(b.querySelectorAll("pre"), codeText).join("\n");
      }
    };
  }

  /* A visible Copy button on every code block (touch screens have no hover). */
  function setupCopyButtons() {
    each(".dg-content pre", function (pre) {
      var source = copySource(pre);
      var block = source.block;
      if (block.querySelector(".dg-copy") || block.parentElement.classList.contains("dg-code-wrap")) return;
      var wrap = make("div", "dg-code-wrap");
      block.parentNode.insertBefore(wrap, block);
      wrap.appendChild(block);
      var whole = block.classList.contains("dg-codeblock");
      var button = make("button", "dg-copy", "Copy");
      button.type = "button";
      button.setAttribute("aria-label", whole ? "Copy the whole file" : "Copy code");
      var note = make("span", "dg-visually-hidden");
      note.setAttribute("role", "status");
      button.addEventListener("click", function () {
        copyText(source.text(block)).then(function () {
          button.textContent = "Copied";
          button.classList.add("dg-copied");
          note.textContent = "Code copied";
          setTimeout(function () {
            button.textContent = "Copy";
            button.classList.remove("dg-copied");
            note.textContent = "";
          }, 1500);
        }, function () { note.textContent = "Copying failed"; });
      });
      wrap.appendChild(button);
      wrap.appendChild(note);
    });
  }

  /* Code and tables that scroll sideways must be reachable by keyboard (arrow keys scroll a
     focused box) and say what they are; boxes that fit are left alone. */
  function markScrollableBoxes() {
    each(".dg-content pre, .dg-content table", function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      var marked = box.hasAttribute("data-dg-scroll");
      if (scrolls && !marked && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-dg-scroll", "");
        if (box.tagName === "PRE") {
          var language = (box.closest("[data-language]") || box).getAttribute("data-language");
          box.setAttribute("role", "group");
          box.setAttribute("aria-label", language ? "Code sample, " + language : "Code sample");
        }
      } else if (!scrolls && marked) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-dg-scroll");
        if (box.tagName === "PRE") { box.removeAttribute("role"); box.removeAttribute("aria-label"); }
      }
    });
  }

  /* ------------------------------------------------------------------ image overlay */

  /* Tags wrap images in a[data-dg-zoom] linking to the full-size file, which is the
     no-JavaScript fallback; with JavaScript the image opens in a modal overlay that keeps
     focus on its close button, closes on Escape or a click, and gives focus back. */
  function setupImageZoom() {
    each(".dg-content a[data-dg-zoom]", function (link) {
      link.addEventListener("click", function (event) {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        openZoom(link);
      });
    });
  }

  function openZoom(link) {
    var img = link.querySelector("img");
    var label = (img && img.alt) || "Image";
    var overlay = make("div", "dg-zoom");
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", label);
    var close = make("button", "dg-zoom-close");
    close.type = "button";
    close.innerHTML = '<svg class="dg-ui-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6 6 18"/></svg>';
    close.appendChild(make("span", "dg-visually-hidden", "Close image"));
    var big = document.createElement("img");
    big.src = link.getAttribute("href");
    big.alt = img ? img.alt : "";
    overlay.appendChild(close);
    overlay.appendChild(big);
    function shut() {
      overlay.remove();
      document.removeEventListener("keydown", onKey, true);
      setInert(false, [overlay]);
      link.focus();
    }
    function onKey(event) {
      if (event.key === "Escape") { event.preventDefault(); shut(); }
      else if (event.key === "Tab") { event.preventDefault(); close.focus(); } /* the one control */
    }
    overlay.addEventListener("click", shut);
    document.addEventListener("keydown", onKey, true);
    document.body.appendChild(overlay);
    setInert(true, [overlay]);
    close.focus();
  }

  /* ------------------------------------------------------------------ video, tabs */

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
    each("[data-embed]", function (facade) {
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
    each("[data-tabs]", function (container) {
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
        markScrollableBoxes();
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

  /* ------------------------------------------------------------------ menu drawer */

  /* On narrow screens the sidebar is a drawer opened by the menu button. While open, the page
     behind it is inert; Escape closes it (focus back on the button), and so does choosing an
     entry. Wide screens show the sidebar in place and never leave the drawer open. */
  function setupDrawer() {
    var button = document.querySelector(".dg-menu-button");
    var sidebar = document.getElementById("dg-sidebar");
    if (!button || !sidebar) return;
    var wide = window.matchMedia("(min-width: 861px)");
    function isOpen() { return root.classList.contains("dg-nav-open"); }
    function setOpen(open, focusButton) {
      if (open === isOpen()) return;
      root.classList.toggle("dg-nav-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      setInert(open, [document.querySelector(".dg-header"), document.querySelector(".dg-layout")]);
      each(".dg-main, .dg-toc", function (node) {
        if (open) node.setAttribute("inert", ""); else node.removeAttribute("inert");
      });
      if (open) {
        revealCurrentNavItem();
        var target = sidebar.querySelector('[aria-current="page"]') || sidebar.querySelector("a, summary");
        if (target) target.focus({ preventScroll: true });
      } else if (focusButton) {
        button.focus();
      }
    }
    button.addEventListener("click", function () { setOpen(!isOpen(), false); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && isOpen()) { event.preventDefault(); setOpen(false, true); }
    });
    sidebar.addEventListener("click", function (event) {
      if (event.target.closest("a[href]") && isOpen()) setOpen(false, false);
    });
    var onWide = function () { if (wide.matches) setOpen(false, false); };
    if (wide.addEventListener) wide.addEventListener("change", onWide);
    window.addEventListener("pageshow", function () { setOpen(false, false); });
  }

  /* Keep the current sidebar entry in view on long menus. */
  function revealCurrentNavItem() {
    var sidebar = document.querySelector(".dg-sidebar");
    var current = sidebar && sidebar.querySelector('[aria-current="page"]');
    if (!current || !sidebar.clientHeight) return;
    var top = current.getBoundingClientRect().top - sidebar.getBoundingClientRect().top;
    if (top > sidebar.clientHeight * 0.8 || top < 0) sidebar.scrollTop += top - sidebar.clientHeight / 3;
  }

  /* ------------------------------------------------------------------ version menu */

  /* The version menu is a <details>: Escape and a click elsewhere close it. */
  function setupVersionMenu() {
    each("details.dg-versions", function (menu) {
      var summary = menu.querySelector("summary");
      menu.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && menu.open) { menu.open = false; summary.focus(); }
      });
      document.addEventListener("click", function (event) {
        if (menu.open && !menu.contains(event.target)) menu.open = false;
      });
      menu.addEventListener("focusout", function (event) {
        if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) menu.open = false;
      });
    });
  }

  /* ------------------------------------------------------------------ table of contents */

  /* The TOC link of the section being read carries aria-current (styled as the highlight):
     the last heading above a line a third down the viewport. */
  function setupTocSpy() {
    var links = {};
    var headings = [];
    each(".dg-toc a[href^='#']", function (link) {
      var id = decodeURIComponent(link.getAttribute("href").slice(1));
      var heading = document.getElementById(id);
      if (heading) { links[id] = link; headings.push(heading); }
    });
    if (!headings.length || !("IntersectionObserver" in window)) return;
    var current = null;
    function update() {
      var line = window.innerHeight / 3;
      var active = headings[0];
      for (var i = 0; i < headings.length; i++) {
        if (headings[i].getBoundingClientRect().top <= line) active = headings[i];
        else break;
      }
      /* At the very bottom the last sections may never reach the line: the last visible one wins. */
      var page = document.documentElement;
      if (window.scrollY > 0 && window.innerHeight + window.scrollY >= page.scrollHeight - 2) {
        for (var j = headings.length - 1; j >= 0; j--) {
          if (headings[j].getBoundingClientRect().top < window.innerHeight) { active = headings[j]; break; }
        }
      }
      if (active === current) return;
      if (current) links[current.id].removeAttribute("aria-current");
      links[active.id].setAttribute("aria-current", "true");
      current = active;
    }
    var observer = new IntersectionObserver(update, { rootMargin: "0px 0px -66% 0px" });
    headings.forEach(function (heading) { observer.observe(heading); });
    window.addEventListener("scroll", debounce(update, 80), { passive: true });
    update();
  }

  /* ------------------------------------------------------------------ search */

  var SEARCH_RESULTS = 8;     /* pages shown; each costs one small fragment download */
  var SEARCH_SECTIONS = 3;    /* headings shown under a page */
  var SEARCH_DELAY = 150;     /* ms of quiet typing before a query runs */

  /* Search with Pagefind: the bundle (pagefind.js, its WebAssembly and the index fragments
     a query needs) is fetched on first focus, so pages stay light. Each version has its own
     bundle, so only the current version is searched. Results are a labelled list of links;
     a live region says how many there are. */
  function setupSearch() {
    var box = document.querySelector(".dg-search");
    if (!box) return;
    var input = box.querySelector(".dg-search-input");
    var panel = box.querySelector(".dg-search-panel");
    var list = box.querySelector(".dg-search-results");
    var message = box.querySelector(".dg-search-message");
    var status = box.querySelector("[role=status]");
    var opener = box.querySelector(".dg-search-open");
    var header = box.closest(".dg-header") || box;
    var version = box.getAttribute("data-version") || "";
    var bundle = box.getAttribute("data-bundle") || "";  /* this version's: <base>/_docgen/search/<version>/ */
    var baseUrl = bundle.replace(/_docgen\/search\/[^/]*\/?$/, "");
    var merged = (box.getAttribute("data-merge") || "").split(" ").filter(Boolean);
    var available = box.getAttribute("data-search-state") === "ready" && bundle !== "";
    var engine = null;
    var generation = 0;
    var shown = "";

    function load() {
      if (!engine) {
        engine = import(bundle + "pagefind.js").then(function (pagefind) {
          /* noWorker: a query over a documentation-sized index is a few milliseconds of WebAssembly,
             so it runs here rather than in pagefind-worker.js, a 40 KB download saved on the first query. */
          return Promise.resolve(pagefind.options({ baseUrl: baseUrl, excerptLength: 18, noWorker: true }))
            .then(function () { return pagefind.init && pagefind.init(); })
            .then(function () {
              /* A large version is split into several bundles ([search] pages_per_bundle): one search over all.
                 A merged bundle takes none of the first one's options, so they are given again. */
              return Promise.all(merged.map(function (url) {
                return pagefind.mergeIndex(url, { baseUrl: baseUrl, excerptLength: 18, noWorker: true });
              }));
            })
            .then(function () { return pagefind; });
        });
        engine.catch(function () { engine = null; });
      }
      return engine;
    }

    function say(text, announce) {
      message.textContent = text;
      message.hidden = !text;
      if (announce !== false) status.textContent = text;
    }

    function showPanel(show) {
      panel.hidden = !show;
    }

    function expandHeader(open) {
      header.classList.toggle("dg-search-active", open);
      if (opener) opener.setAttribute("aria-expanded", open ? "true" : "false");
    }

    function collapsed() { return opener && getComputedStyle(opener).display !== "none"; }

    function focusInput() {
      expandHeader(true);
      input.focus();
      input.select();
    }

    function close(restoreFocus) {
      showPanel(false);
      if (header.classList.contains("dg-search-active")) {
        expandHeader(false);
        if (restoreFocus && collapsed()) opener.focus();
      }
    }

    function onFocus() {
      if (!available) {
        showPanel(true);
        list.textContent = "";
        say("Search works in the built site (docgen build); this preview has no search index.");
        return;
      }
      load().catch(function () { /* reported when a query runs */ });
      if (input.value.trim() && list.children.length) showPanel(true);
    }

    /* The excerpt is Pagefind's text with <mark> around matches: rebuilt as text nodes and
       <mark> elements only, so nothing in the indexed content can become markup. */
    function excerpt(html) {
      var span = make("span", "dg-search-excerpt");
      var parsed = new DOMParser().parseFromString("<body>" + (html || ""), "text/html").body;
      parsed.childNodes.forEach(function (node) {
        if (node.nodeType === 1 && node.tagName === "MARK") span.appendChild(make("mark", "", node.textContent));
        else span.appendChild(document.createTextNode(node.textContent));
      });
      return span;
    }

    /* Results of the default version, read under /latest/, stay under /latest/. */
    function localUrl(url) {
      var latest = baseUrl + "latest/";
      if (version && location.pathname.indexOf(latest) === 0 && url.indexOf(baseUrl + version + "/") === 0) {
        return latest + url.slice((baseUrl + version + "/").length);
      }
      return url;
    }

    function resultLink(url, title, text, className) {
      var link = make("a", className);
      link.href = localUrl(url);
      link.appendChild(make("span", "dg-search-title", title));
      link.appendChild(excerpt(text));
      return link;
    }

    /* A page and its best-matching sections (Pagefind sub-results, which link to headings). */
    function resultItem(data) {
      var item = make("li", "dg-search-result");
      var title = (data.meta && data.meta.title) || data.url;
      var sections = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; });
      var top = sections.filter(function (sub) { return sub.anchor && sub.anchor.element === "h1"; })[0];
      item.appendChild(resultLink(top ? top.url : data.url, title, data.excerpt, "dg-search-page"));
      var best = sections
        .filter(function (sub) { return sub !== top && sub.anchor; })
        .sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; })
        .slice(0, SEARCH_SECTIONS);
      if (best.length) {
        var subs = make("ul", "dg-search-sections");
        sections.forEach(function (sub) {
          if (best.indexOf(sub) < 0) return;
          var li = make("li");
          li.appendChild(resultLink(sub.url, sub.title, sub.excerpt, "dg-search-section"));
          subs.appendChild(li);
        });
        item.appendChild(subs);
      }
      return item;
    }

    function render(term, pages, total) {
      list.textContent = "";
      pages.forEach(function (data) { list.appendChild(resultItem(data)); });
      shown = term;
      if (!total) say("No results for “" + term + "”" + (version ? " in " + version : "") + ".");
      else {
        say("", false);
        status.textContent = total + (total === 1 ? " result" : " results") + " for “" + term + "”" +
          (total > pages.length ? ", showing the first " + pages.length : "") + ".";
      }
    }

    function run() {
      var term = input.value.trim();
      var mine = ++generation;
      if (!term) { list.textContent = ""; shown = ""; say("", false); status.textContent = ""; showPanel(false); return; }
      showPanel(true);
      if (!available) return onFocus();
      if (!list.children.length) say("Searching…", false);
      load()
        .then(function (pagefind) {
          return pagefind.search(term);
        })
        .then(function (search) {
          if (mine !== generation || !search) return null;
          var top = search.results.slice(0, SEARCH_RESULTS);
          return Promise.all(top.map(function (result) { return result.data(); })).then(function (pages) {
            if (mine === generation) render(term, pages, search.results.length);
          });
        })
        .catch(function () {
          if (mine !== generation) return;
          list.textContent = "";
          say(location.protocol === "file:"
            ? "Search needs the site to be served over HTTP (it cannot load from a file:// address)."
            : "Search could not be loaded.");
        });
    }

    var schedule = debounce(run, SEARCH_DELAY);

    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

    function move(from, step) {
      var all = links();
      if (!all.length) return;
      var index = all.indexOf(from);
      var next = index < 0 ? (step > 0 ? 0 : all.length - 1) : index + step;
      if (next < 0) { input.focus(); return; }
      all[Math.min(next, all.length - 1)].focus();
    }

    input.addEventListener("focus", onFocus);
    input.addEventListener("input", schedule);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (panel.hidden && input.value.trim()) { showPanel(true); if (shown !== input.value.trim()) run(); }
        move(null, 1);
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (shown !== input.value.trim()) { run(); return; }
        var first = links()[0];
        if (first) first.click();
      } else if (event.key === "Escape") {
        event.preventDefault();
        if (!panel.hidden) showPanel(false);
        else if (input.value) { input.value = ""; run(); }
        else { close(true); if (!collapsed()) input.blur(); }
      }
    });
    list.addEventListener("keydown", function (event) {
      var step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
      if (step) { event.preventDefault(); move(event.target, step); }
      else if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        var all = links();
        all[event.key === "Home" ? 0 : all.length - 1].focus();
      } else if (event.key === "Escape") { event.preventDefault(); showPanel(false); input.focus(); }
      else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) input.focus();
      else if (event.key === "Backspace") input.focus();
    });
    list.addEventListener("click", function (event) {
      if (event.target.closest("a")) close(false);
    });
    box.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !box.contains(event.relatedTarget)) close(false);
    });
    document.addEventListener("click", function (event) {
      if (!box.contains(event.target)) close(false);
    });
    if (opener) opener.addEventListener("click", function () { focusInput(); });
    var closer = box.querySelector(".dg-search-close");
    if (closer) closer.addEventListener("click", function () { close(true); });
    document.addEventListener("keydown", function (event) {
      var shortcut = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey) && !event.altKey;
      if (shortcut || (event.key === "/" && !isTyping(event.target) && !event.ctrlKey && !event.metaKey)) {
        event.preventDefault();
        focusInput();
      }
    });
  }

  /* ------------------------------------------------------------------ start */

  applyTheme(storedTheme());
  document.addEventListener("DOMContentLoaded", function () {
    setupThemeToggle();
    setupCopyButtons();
    setupImageZoom();
    setupYoutube();
    setupTabs();
    setupDrawer();
    setupVersionMenu();
    setupTocSpy();
    setupSearch();
    revealCurrentNavItem();
    markScrollableBoxes();
    window.addEventListener("resize", debounce(markScrollableBoxes, 200));
    window.addEventListener("load", markScrollableBoxes);
  });
})();
