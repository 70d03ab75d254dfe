"""Markdown from profiles, rendered safely: raw HTML disabled, unsafe link schemes dropped."""
from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup

_SAFE_SCHEMES = ("https:", "http:", "mailto:")


def _safe_link(url: str) -> bool:
    lowered = url.strip().lower()
    if ":" not in lowered.split("/", 1)[0]:
        return True  # relative links and fragments
    return lowered.startswith(_SAFE_SCHEMES)


_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")
_parser.validateLink = _safe_link


def markdown(text: str | None) -> Markup:
    """Markdown to HTML that is safe to place in a page."""
    return Markup(_parser.render(text or ""))
