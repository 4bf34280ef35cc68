"""The expansion budget of one page: how much partials may add to it.

Partials that each include the next one twice double the page at every level:
16 levels took 22 s, 30 levels would run for days, although no include is a
cycle and no single chain is deep. So each page render (and each page the
check walks) carries one `ExpansionBudget`: every partial expanded costs one
expansion plus its weight (the characters of text it holds, a close measure
of what it adds to the page); once either sum would pass its limit, that
include and every later one on the page is left out, with one
`partial-budget` error naming the chain of files that got there.

The limits come from the site's `[limits]` table (docgen.site.config); the
defaults (1,000 expansions, 5,000,000 characters) are far above any real page
(the OpenMetadata corpus's largest page expands 41 partials).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from docgen.markdoc import Node
from docgen.markdoc.parser import nodes_of

DEFAULT_MAX_EXPANSIONS = 1_000
DEFAULT_MAX_CHARACTERS = 5_000_000
RULE = "partial-budget"


@dataclass
class ExpansionBudget:
    """What one page has spent on partials so far, against its limits."""

    max_expansions: int = DEFAULT_MAX_EXPANSIONS
    max_characters: int = DEFAULT_MAX_CHARACTERS
    expansions: int = 0
    characters: int = 0
    exhausted: bool = False
    reported: bool = False

    def charge(self, partial: Node | list[Node]) -> bool:
        """Spend one expansion of `partial`; False (and `exhausted` from now on) when it does not fit."""
        if self.exhausted:
            return False
        weight = sum(partial_weight(part) for part in nodes_of(partial))
        if self.expansions + 1 > self.max_expansions or self.characters + weight > self.max_characters:
            self.exhausted = True
            return False
        self.expansions += 1
        self.characters += weight
        return True

    def report_once(self) -> bool:
        """True the first time a refusal is to be reported (one finding per page, not one per include)."""
        if self.reported:
            return False
        self.reported = True
        return True

    def message(self, chain: str) -> str:
        """The finding's text: which limit, and the chain of includes that reached it."""
        return (
            f"partials left out: this page would expand more than {self.max_expansions:,} partials or "
            f"{self.max_characters:,} characters of them ([limits] max_partial_expansions, max_partial_characters); "
            f"reached at {chain}"
        )


@lru_cache(maxsize=4096)
def partial_weight(root: Node) -> int:
    """The characters of text in a parsed partial (plus one per node), without recursion; cached per file."""
    total = 0
    pending = [root]
    while pending:
        node = pending.pop()
        total += 1
        content = node.attributes.get("content")
        if isinstance(content, str):
            total += len(content)
        pending.extend(node.children)
        if node.slots:
            pending.extend(node.slots.values())
    return total
