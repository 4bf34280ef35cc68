"""The icon drawings docgen ships: simple 24 × 24 stroke icons, our own, as SVG path data.

Each drawing is the inside of an `<svg viewBox="0 0 24 24">` drawn with
`stroke="currentColor"` and no fill (docgen.tagsets.openmetadata.icons adds the frame), so
icons follow the text colour in light and dark mode and cost no request.

Content names icons the way the site it came from did: Material icon-font names
(`MdRocket`, `MdOutlineDashboardCustomize`, `add_moderator`) and a few words of
its own (`governance`, `lineage`). `MATERIAL_NAMES` maps the Material names
(in snake case, see `icons.canonical_name`) and those words to a drawing.
"""

from __future__ import annotations

DRAWINGS: dict[str, str] = {
    # Used by docgen's own tags.
    "check": '<path d="M5 12.5l4.5 4.5L19 7.5"/>',
    "cross": '<path d="M6 6l12 12M18 6L6 18"/>',
    "info": '<circle cx="12" cy="12" r="9"/><path d="M12 11v5M12 8h.01"/>',
    "warning": '<path d="M12 3.5L21.5 20h-19z"/><path d="M12 10v4M12 17h.01"/>',
    "tip": '<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-3.6 10.8c.4.4.6 1 .6 1.7V16h6v-.5c0-.7.2-1.3.6-1.7A6 6 0 0 0 12 3z"/>',
    "important": '<circle cx="12" cy="12" r="9"/><path d="M12 7v6M12 16.5h.01"/>',
    "external": '<path d="M14 4h6v6M20 4l-9 9M18 14v6H4V6h6"/>',
    "arrow": '<path d="M5 12h14M13 6l6 6-6 6"/>',
    "play": '<path d="M8 5.5v13l11-6.5z"/>',
    "copy": '<rect x="9" y="9" width="11" height="11" rx="2"/><path d="M5 15V6a1 1 0 0 1 1-1h9"/>',
    "star": '<path d="M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z"/>',
    "zoom": '<circle cx="11" cy="11" r="6.5"/><path d="M16 16l4.5 4.5M11 8v6M8 11h6"/>',
    # The neutral glyph: only for names docgen does not know (reported as icon-unknown).
    "dot": '<circle cx="12" cy="12" r="3.5"/>',
    # Drawn for the names documentation sites use.
    "arrow-back": '<path d="M19 12H5M11 6l-6 6 6 6"/>',
    "bell": '<path d="M6 16v-5a6 6 0 0 1 12 0v5l1.5 2h-15z"/><path d="M10 20.5a2 2 0 0 0 4 0"/>',
    "book": '<path d="M3 5h6a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H3zM21 5h-6a3 3 0 0 0-3 3v12a2 2 0 0 1 2-2h7z"/>',
    "building": '<path d="M3 10l9-6 9 6M5 10v8M9.5 10v8M14.5 10v8M19 10v8M3 21h18"/>',
    "celebration": '<path d="M4 20l5-13 8 8z"/><path d="M14 4l1 2M19 5l-2 2M20 10h-2M12 2v2"/>',
    "chart": '<path d="M4 20h16M7 16v-5M12 16V7M17 16v-8"/>',
    "chat": '<path d="M4 5h16v11H9l-5 4z"/><path d="M8.5 10.5h.01M12 10.5h.01M15.5 10.5h.01"/>',
    "clipboard-check": '<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 4V3h6v1M9 13l2 2 4-4"/>',
    "compass": '<circle cx="12" cy="12" r="9"/><path d="M15.5 8.5l-2 5-5 2 2-5z"/>',
    "connect": '<circle cx="6" cy="12" r="3"/><circle cx="18" cy="12" r="3"/><path d="M9 12h6M12 5v3M12 16v3"/>',
    "cross-circle": '<circle cx="12" cy="12" r="9"/><path d="M9 9l6 6M15 9l-6 6"/>',
    "dashboard": (
        '<rect x="3" y="3" width="8" height="8" rx="1"/><rect x="13" y="3" width="8" height="5" rx="1"/>'
        '<rect x="13" y="10" width="8" height="11" rx="1"/><rect x="3" y="13" width="8" height="8" rx="1"/>'
    ),
    "database": (
        '<ellipse cx="12" cy="5.5" rx="7" ry="2.5"/>'
        '<path d="M5 5.5v13c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5v-13M5 12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5"/>'
    ),
    "document": '<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/><path d="M14 3v5h5M9 13h6M9 17h6"/>',
    "download": '<path d="M12 4v11M7 10l5 5 5-5M5 20h14"/>',
    "eye": '<path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z"/><circle cx="12" cy="12" r="3"/>',
    "fit-screen": '<path d="M4 8V4h4M16 4h4v4M20 16v4h-4M8 20H4v-4"/><rect x="8" y="8" width="8" height="8" rx="1"/>',
    "gear": (
        '<circle cx="12" cy="12" r="3"/><path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9 7 7M17 17l2.1 2.1'
        'M4.9 19.1 7 17M17 7l2.1-2.1"/>'
    ),
    "lineage": '<circle cx="5" cy="12" r="2"/><circle cx="19" cy="6" r="2"/><circle cx="19" cy="18" r="2"/>'
    '<path d="M7 12h4l6-6M11 12l6 6"/>',
    "luggage": '<rect x="6" y="7" width="12" height="13" rx="2"/><path d="M9 7V4h6v3M10 11v5M14 11v5"/>',
    "number-badge": '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M7 9v6M10.5 9h2v6h-2zM15 9v6M18 9l-3 3 3 3"/>',
    "people": (
        '<circle cx="9" cy="8" r="3"/><path d="M3 20a6 6 0 0 1 12 0"/><circle cx="17" cy="9" r="2.5"/>'
        '<path d="M16 14.2a5 5 0 0 1 5 4.8"/>'
    ),
    "person": '<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>',
    "person-add": '<circle cx="10" cy="8" r="4"/><path d="M2 21a8 8 0 0 1 14.5-4.6M19 14v6M16 17h6"/>',
    "person-settings": (
        '<circle cx="10" cy="8" r="4"/><path d="M2 21a8 8 0 0 1 11-7.4"/><circle cx="18" cy="18" r="2.5"/>'
        '<path d="M18 13.5v2M18 20.5v2M13.5 18h2M20.5 18h2"/>'
    ),
    "pin": '<path d="M9 3h6l-1 6 4 4H6l4-4zM12 13v8"/>',
    "plug": '<path d="M9 3v5M15 3v5M7 8h10v3a5 5 0 0 1-10 0zM12 16v5"/>',
    "puzzle": '<path d="M10 4a2 2 0 0 1 4 0v2h4v4h-2a2 2 0 0 0 0 4h2v4H6v-4h2a2 2 0 0 0 0-4H6V6h4z"/>',
    "refresh": '<path d="M20 12a8 8 0 0 1-14 5.3M4 12a8 8 0 0 1 14-5.3M18 3v4h-4M6 21v-4h4"/>',
    "rocket": (
        '<path d="M12 15l-3-3c1.5-5 5-8 11-9-1 6-4 9.5-9 11z"/><path d="M9 12H5l3-4h4M12 15v4l4-3v-4'
        'M6 16c-1.5 1-2 3-2 4 1 0 3-.5 4-2"/>'
    ),
    "schema": (
        '<rect x="3" y="3" width="6" height="5" rx="1"/><rect x="15" y="9.5" width="6" height="5" rx="1"/>'
        '<rect x="3" y="16" width="6" height="5" rx="1"/><path d="M6 8v8M9 12h6"/>'
    ),
    "search": '<circle cx="11" cy="11" r="7"/><path d="M20 20l-3.5-3.5"/>',
    "share": (
        '<circle cx="18" cy="5" r="2.5"/><circle cx="6" cy="12" r="2.5"/><circle cx="18" cy="19" r="2.5"/>'
        '<path d="M8.2 10.8l7.6-4.4M8.2 13.2l7.6 4.4"/>'
    ),
    "shield": '<path d="M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z"/>',
    "shield-check": '<path d="M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z"/><path d="M8.5 12l2.5 2.5 4.5-5"/>',
    "shield-plus": '<path d="M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z"/><path d="M12 8.5v7M8.5 12h7"/>',
    "tab": '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 9h18M11 5v4"/>',
    "tag": '<path d="M3 12V4h8l10 10-8 8z"/><circle cx="7.5" cy="8.5" r="1.5"/>',
    "thumb-up": ('<path d="M7 11v9H4v-9zM7 11l4-8a2 2 0 0 1 2 2v4h6a2 2 0 0 1 2 2.3l-1.2 7A2 2 0 0 1 17.8 20H7"/>'),
    "training": '<path d="M12 6a5 5 0 0 0-3 9v2h6v-2a5 5 0 0 0-3-9zM10 20h4"/>'
    '<path d="M3.5 12A8.5 8.5 0 0 1 6 6M20.5 12a8.5 8.5 0 0 1-2.5 6"/>',
    "trend": '<path d="M3 17l6-6 4 4 8-8M15 7h6v6"/>',
    "upload": '<path d="M12 20V9M7 14l5-5 5 5M5 4h14"/>',
    "volume": '<path d="M4 9v6h4l5 4V5L8 9z"/><path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12"/>',
}

# Material icon names (snake case, without the `Md`/`MdOutline` prefix of react-icons) and the
# words the OpenMetadata docs use as icon names → the drawing that shows the same thing.
MATERIAL_NAMES: dict[str, str] = {
    "10k": "number-badge",
    "add_alert": "bell",
    "add_moderator": "shield-plus",
    "admin_panel_settings": "shield",
    "administration": "gear",
    "analytics": "chart",
    "arrow_back": "arrow-back",
    "arrow_forward": "arrow",
    "assignment_turned_in": "clipboard-check",
    "cable": "plug",
    "cancel": "cross-circle",
    "celebration": "celebration",
    "change_circle": "refresh",
    "close": "cross",
    "collaboration": "people",
    "connect_without_contact": "connect",
    "dashboard": "dashboard",
    "dashboard_customize": "dashboard",
    "description": "document",
    "discount": "tag",
    "discovery": "compass",
    "done": "check",
    "download": "download",
    "extension": "puzzle",
    "fit_screen": "fit-screen",
    "governance": "building",
    "gpp_good": "shield-check",
    "groups": "people",
    "insight": "trend",
    "insights": "trend",
    "lineage": "lineage",
    "luggage": "luggage",
    "manage_accounts": "person-settings",
    "mark_unread_chat_alt": "chat",
    "mediation": "lineage",
    "menu_book": "book",
    "model_training": "training",
    "notifications": "bell",
    "observability": "eye",
    "open_in_new": "external",
    "person": "person",
    "person_add": "person-add",
    "push_pin": "pin",
    "rocket": "rocket",
    "rocket_launch": "rocket",
    "schema": "schema",
    "search": "search",
    "security": "shield",
    "settings": "gear",
    "share": "share",
    "steward": "person",
    "storage": "database",
    "tab": "tab",
    "task": "clipboard-check",
    "thumb_up": "thumb-up",
    "upload": "upload",
    "visibility": "eye",
    "volume_up": "volume",
}
