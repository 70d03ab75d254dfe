"""A keyboard user reaches the main content by the skip link, and can see where focus is."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SKIP_LINK = "Skip to main content"
# The computed properties a focus indicator is drawn with.
FOCUS_STYLE = r"""(element) => {
    const style = getComputedStyle(element);
    return {outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
            outlineVisible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                            && !/^transparent$|rgba\(.*,\s*0\)$/.test(style.outlineColor),
            boxShadow: style.boxShadow, background: style.backgroundColor, color: style.color,
            textDecoration: style.textDecorationLine + ' ' + style.textDecorationThickness};
}"""
ACTIVE = """() => {
    const active = document.activeElement, main = document.querySelector('main');
    return {tag: active ? active.tagName.toLowerCase() : null,
            text: active ? (active.innerText || active.getAttribute('aria-label') || '').trim().slice(0, 60) : '',
            inMain: !!(main && active && main.contains(active))};
}"""
PAGES = ["", "councils/cumberland/", "search/"]


def focus_indicator_changes(focused: dict, unfocused: dict) -> list[str]:
    """Which of outline, box shadow, background and text colour mark the focused state."""
    changes = []
    if focused["outlineVisible"] and focused["outline"] != unfocused["outline"]:
        changes.append(f"outline {focused['outline']}")
    if focused["boxShadow"] != "none" and focused["boxShadow"] != unfocused["boxShadow"]:
        changes.append(f"box-shadow {focused['boxShadow']}")
    if focused["background"] != unfocused["background"]:
        changes.append(f"background {unfocused['background']} -> {focused['background']}")
    return changes


def _style_focused_and_not(page, element) -> tuple[dict, dict]:
    focused = element.evaluate(FOCUS_STYLE)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    unfocused = element.evaluate(FOCUS_STYLE)
    return focused, unfocused


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/") or "home")
def test_the_skip_link_is_the_first_stop_and_is_visible_when_focused(page, site, path):
    page.goto(site.at(path))
    page.keyboard.press("Tab")

    active = page.evaluate(ACTIVE)
    assert active["tag"] == "a" and active["text"] == SKIP_LINK, \
        f"the first Tab on /{path} focused <{active['tag']}> {active['text']!r}, not the {SKIP_LINK!r} link"
    skip = page.get_by_role("link", name=SKIP_LINK)
    assert skip.get_attribute("href") == "#main-content"
    box, viewport = skip.bounding_box(), page.viewport_size
    assert box and box["width"] > 1 and box["height"] > 1, f"the focused skip link has no visible size: {box}"
    assert 0 <= box["x"] and box["x"] + box["width"] <= viewport["width"] and 0 <= box["y"] \
        and box["y"] + box["height"] <= viewport["height"], f"the focused skip link is outside the window: {box}"
    assert skip.evaluate("e => getComputedStyle(e).opacity") != "0"
    focused, unfocused = _style_focused_and_not(page, skip)
    assert focus_indicator_changes(focused, unfocused), \
        f"focus on the skip link is not marked by outline, box-shadow or background: {focused}"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/") or "home")
def test_the_skip_link_moves_focus_to_the_main_content(page, site, path):
    page.goto(site.at(path))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    assert page.evaluate("location.hash") == "#main-content"
    main = page.locator("main#main-content")
    assert main.count() == 1, "the skip link's target #main-content is not the page's <main>"
    top = main.bounding_box()["y"]
    assert top < page.viewport_size["height"], f"after the skip link, <main> starts {top}px down, below the window"
    if not page.evaluate(ACTIVE)["inMain"]:
        page.keyboard.press("Tab")  # focus starts from the target: the next Tab must land inside main
    active = page.evaluate(ACTIVE)
    assert active["inMain"], f"after the skip link, focus went to <{active['tag']}> {active['text']!r}, outside <main>"


def test_links_in_the_main_content_show_focus(page, site):
    """The focus state a keyboard user follows, on an ordinary link in a council page's content."""
    page.goto(site.at("councils/cumberland/"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    for _ in range(5):  # the first focusable element in main may be a form control or a table; find a link
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName") == "A" and page.evaluate(ACTIVE)["inMain"]:
            break
    else:
        pytest.fail("no link inside <main> within five Tabs of the skip link on councils/cumberland/")
    name = page.evaluate(ACTIVE)["text"]
    link = page.evaluate_handle("() => document.activeElement")
    focused, unfocused = _style_focused_and_not(page, link)
    assert focus_indicator_changes(focused, unfocused), \
        f"focus on the link {name!r} is not marked by outline, box-shadow or background: {focused}"
