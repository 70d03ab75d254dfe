"""Markdown from profiles, rendered safely: raw HTML disabled, unsafe link schemes dropped, images left out.

Profile text sits inside a page that already has its h1 and h2s, so a heading written in a profile is
shifted down two levels (# becomes h3), keeping every page's outline whole.
"""
from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

_SAFE_SCHEMES = ("https:", "http:", "mailto:")
HEADING_SHIFT = 2


def _safe_link(url: str) -> bool:
    lowered = url.strip().lower()
    if ":" not in lowered.split("/", 1)[0]:
        return True  # relative links and fragments
    return lowered.startswith(_SAFE_SCHEMES)


def _shift_headings(self, tokens, idx, options, env):  # a markdown-it renderer rule
    token = tokens[idx]
    token.tag = f"h{min(int(token.tag[1]) + HEADING_SHIFT, 6)}"
    return self.renderToken(tokens, idx, options, env)


_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")
_parser.validateLink = _safe_link
_parser.add_render_rule("heading_open", _shift_headings)
_parser.add_render_rule("heading_close", _shift_headings)


@lru_cache(maxsize=4096)  # the same notes recur across profiles; Markup is immutable, so sharing is safe
def markdown(text: str | None) -> Markup:
    """Markdown to HTML that is safe to place in a page."""
    return Markup(_parser.render(text or ""))
