"""Profile Markdown is untrusted: raw HTML is shown as text, unsafe link schemes are dropped, images are not
loaded, and headings never compete with the page's own."""
from __future__ import annotations

import pytest

from directory.site.markdown import markdown
from tests.helpers import parse


def links(html: str) -> list[str]:
    return [a.attrs["href"] for a in parse(html).find_all("a")]


def test_emphasis_lists_and_safe_links_are_rendered():
    doc = parse(markdown("We use *Drupal*.\n\n- one\n- two\n\n[Our site](https://www.example.gov.uk) "
                         "[email](mailto:digital@example.gov.uk) [below](#stack)"))
    assert doc.find("em").text == "Drupal"
    assert [li.text for li in doc.find_all("li")] == ["one", "two"]
    assert links(str(markdown("[a](https://www.example.gov.uk) [b](mailto:digital@example.gov.uk) [c](#stack)"))) == \
        ["https://www.example.gov.uk", "mailto:digital@example.gov.uk", "#stack"]


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    "<div>\n<script>alert(1)</script>\n</div>",
])
def test_raw_html_is_shown_as_text_never_as_markup(text: str):
    doc = parse(str(markdown(text)))
    assert [node.tag for node in doc.find_all()] == ["p"]
    assert doc.text.replace(" ", "") == " ".join(text.split()).replace(" ", "")


@pytest.mark.parametrize("destination", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", " javascript:alert(1)",
    "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd",
])
def test_unsafe_link_schemes_are_dropped(destination: str):
    for text in (f"[click]({destination})", f"<{destination}>", f"[click][ref]\n\n[ref]: {destination}"):
        assert links(str(markdown(text))) == [], text


def test_images_are_never_loaded():
    assert parse(str(markdown("![chart](https://tracker.example/pixel.png)"))).find_all("img") == []


def test_headings_are_shifted_below_the_pages_own():
    doc = parse(str(markdown("# Our plans\n\n## This year\n\n##### Detail")))
    assert [node.tag for node in doc.find_all() if node.tag.startswith("h")] == ["h3", "h4", "h6"]


def test_nothing_renders_to_nothing():
    assert markdown(None) == "" and markdown("") == ""
