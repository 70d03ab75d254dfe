"""Each component macro (templates/components/), rendered from named examples of its one parameter object and
read back through an HTML parser: what each example must produce, so a component's contract is pinned here."""
from __future__ import annotations

from markupsafe import Markup

from directory.site.render import environment
from tests.helpers import parse, rows

EXAMPLES = {
    "breadcrumbs": {
        "two levels": {"items": [{"text": "Home", "href": "../../"}, {"text": "Councils", "href": "../"}]},
    },
    "tag": {
        "default colour": {"text": "Beta"},
        "state": {"text": "Abolished", "colour": "grey"},
    },
    "summary_list": {
        "facts, one empty": {"rows": [{"key": "GSS code", "value": "E06000063"}, {"key": "Website", "value": ""},
                                      {"key": "Region", "value": Markup('<span data-pagefind-filter="region">North West</span>')},
                                      {"key": "Note", "value": "<b>escaped</b>"}]},
    },
    "bar_chart": {
        "three products": {"caption": "Councils using each product", "label_heading": "Product", "value_heading": "Councils",
                           "rows": [{"text": "Uniform", "href": "../products/idox-uniform/", "value": 8, "note": "Idox"},
                                    {"text": "PlanX", "value": 4}, {"text": "Acolaid", "value": 1}]},
        "no rows": {"caption": "Nothing yet", "label_heading": "Product", "value_heading": "Councils", "rows": []},
    },
    "timeline_chart": {
        "two areas": {"id": "timeline", "title": "Timeline of two areas", "description": "The table below gives the same.",
                      "width": 720, "height": 112, "axis_bottom": 104,
                      "axis": [{"x": 12, "text": "2025"}, {"x": 360, "text": "2026"}, {"x": 708, "text": ""}],
                      "today": {"x": 400, "text": "Today"},
                      "rows": [{"label": "Shire", "stage": "Decided", "label_y": 42, "line_y": 54,
                                "segments": [{"x1": 100, "x2": 300, "kind": "before-decision"},
                                             {"x1": 300, "x2": 650, "kind": "decided"}],
                                "markers": [{"x": 100, "kind": "proposals", "text": "Proposals November 2025"},
                                            {"x": 300, "kind": "decision", "text": "Decision March 2026"},
                                            {"x": 650, "kind": "vesting", "text": "Vesting day April 2028"}]},
                               {"label": "Otherton", "stage": "Consultation closed", "label_y": 80, "line_y": 92,
                                "segments": [{"x1": 100, "x2": 400, "kind": "before-decision"},
                                             {"x1": 400, "x2": 650, "kind": "planned"}],
                                "markers": [{"x": 500, "kind": "elections", "text": "Elections May 2027"}]}]},
    },
    "progress": {
        "under target": {"label": "Pledges", "value": 12000, "target": 40000, "text": "£12,000 pledged of £40,000"},
        "over target": {"label": "Pledges", "value": 50000, "target": 40000, "text": "£50,000 pledged of £40,000"},
    },
    "phase_banner": {
        "beta": {"phase": "Beta", "feedback_href": "https://github.com/example/directory/issues"},
    },
    "facet_nav": {
        "one group": {"label": "Filter councils", "groups": [{"heading": "Nation", "links": [
            {"text": "England", "href": "../by-nation/england/", "count": 1200, "current": False},
            {"text": "Wales", "href": "../by-nation/wales/", "count": 22, "current": True}]}]},
    },
}


def render(component: str, params: dict) -> str:
    template = environment().from_string(
        f'{{% from "components/{component}.html" import {component} %}}{{{{ {component}(params) }}}}')
    return template.render(params=params)


def render_call(component: str, params: dict, body: str) -> str:
    template = environment().from_string(
        f'{{% from "components/{component}.html" import {component} %}}'
        f'{{% call {component}(params) %}}{body}{{% endcall %}}')
    return template.render(params=params)


def test_every_component_has_examples_that_render():
    for component, examples in EXAMPLES.items():
        for name, params in examples.items():
            assert parse(render(component, params)).find_all(), f"{component}: {name}"


def test_breadcrumbs_are_a_labelled_ordered_list_of_links():
    nav = parse(render("breadcrumbs", EXAMPLES["breadcrumbs"]["two levels"])).find("nav")
    assert nav.attrs["aria-label"] == "Breadcrumb"
    assert [(a.text, a.attrs["href"]) for a in nav.find("ol").find_all("a")] == [("Home", "../../"), ("Councils", "../")]


def test_tags_say_their_state_in_words_and_colour():
    assert parse(render("tag", EXAMPLES["tag"]["default colour"])).find("strong").attrs["class"] == "tag tag--blue"
    tag = parse(render("tag", EXAMPLES["tag"]["state"])).find("strong")
    assert (tag.text, tag.attrs["class"]) == ("Abolished", "tag tag--grey")


def test_a_summary_list_leaves_out_empty_facts_and_escapes_text():
    doc = parse(render("summary_list", EXAMPLES["summary_list"]["facts, one empty"]))
    pairs = [(row.find("dt").text, row.find("dd")) for row in doc.find_all("div", class_="summary-list__row")]
    assert [key for key, _ in pairs] == ["GSS code", "Region", "Note"]
    assert pairs[1][1].find("span").attrs["data-pagefind-filter"] == "region"
    assert pairs[2][1].find_all() == [] and pairs[2][1].text == "<b>escaped</b>"


def test_a_bar_chart_is_a_table_whose_bars_are_decoration_drawn_to_scale():
    table = parse(render("bar_chart", EXAMPLES["bar_chart"]["three products"])).find("table")
    assert table.find("caption").text == "Councils using each product"
    assert rows(table) == [["Product", "Councils"], ["Uniform Idox", "8"], ["PlanX", "4"], ["Acolaid", "1"]]
    assert [th.attrs["scope"] for th in table.find("tbody").find_all("th")] == ["row"] * 3
    assert table.find("a").attrs["href"] == "../products/idox-uniform/"
    assert [bar.attrs["style"] for bar in table.find_all("span", class_="bar-chart__bar")] == \
        ["width: 100.0%", "width: 50.0%", "width: 12.5%"]
    assert all(track.attrs["aria-hidden"] == "true" for track in table.find_all("span", class_="bar-chart__track"))
    empty = parse(render("bar_chart", EXAMPLES["bar_chart"]["no rows"])).find("table")
    assert rows(empty) == [["Product", "Councils"]]


def test_progress_says_the_share_in_words_and_caps_the_bar_at_full():
    under = parse(render("progress", EXAMPLES["progress"]["under target"]))
    assert under.find("p").text == "30% £12,000 pledged of £40,000"
    assert under.find("div", class_="progress__bar").attrs["style"] == "width: 30.0%"
    over = parse(render("progress", EXAMPLES["progress"]["over target"]))
    assert over.find("span", class_="progress__figure").text == "100%"
    assert over.find("div", class_="progress__bar").attrs["style"] == "width: 100.0%"


def test_the_phase_banner_names_the_phase_and_where_to_give_feedback():
    banner = parse(render("phase_banner", EXAMPLES["phase_banner"]["beta"]))
    assert banner.find("strong", class_="tag").text == "Beta"
    assert banner.find("a").attrs["href"] == "https://github.com/example/directory/issues"


def test_facet_links_mark_the_current_value_and_give_counts():
    nav = parse(render("facet_nav", EXAMPLES["facet_nav"]["one group"])).find("nav")
    assert nav.attrs["aria-label"] == "Filter councils"
    assert [li.text for li in nav.find_all("li")] == ["England (1,200)", "Wales (22)"]
    assert [a.attrs.get("aria-current") for a in nav.find_all("a")] == [None, "page"]


def test_a_scroll_region_is_labelled_and_reachable_by_keyboard():
    region = parse(render_call("scroll_region", {"label": "Board, scrolls sideways"}, "<table></table>")).find("div")
    assert (region.attrs["role"], region.attrs["aria-label"], region.attrs["tabindex"]) == \
        ("region", "Board, scrolls sideways", "0")
    assert region.find("table")


def test_inset_text_takes_an_optional_heading():
    with_heading = parse(render_call("inset", {"heading": "Not yet claimed"}, "<p>Claim it.</p>"))
    assert with_heading.find("h2").text == "Not yet claimed" and with_heading.find("p").text == "Claim it."
    assert parse(render_call("inset", {}, "<p>Claim it.</p>")).find_all("h2") == []



def test_a_timeline_chart_is_an_image_named_by_its_title_with_marks_told_apart_by_shape():
    doc = parse(render("timeline_chart", EXAMPLES["timeline_chart"]["two areas"]))
    region = doc.find("div", class_="scroll-region")
    assert (region.attrs["role"], region.attrs["tabindex"]) == ("region", "0")
    svg = region.find("svg")
    assert svg.attrs["role"] == "img" and svg.attrs["viewbox"] == "0 0 720 112"  # the parser lowers names
    assert svg.attrs["aria-labelledby"] == "timeline-title timeline-description"
    assert (svg.find("title", id="timeline-title").text, svg.find("desc", id="timeline-description").text) == (
        "Timeline of two areas", "The table below gives the same.")
    assert [text.text for text in svg.find_all("text", class_="timeline__label")] == [
        "Shire · Decided", "Otherton · Consultation closed"]
    marks = [(group.find("title").text, group.find_all()[1].tag) for group in svg.find_all("g")]
    assert marks == [("Proposals November 2025", "circle"), ("Decision March 2026", "polygon"),
                     ("Vesting day April 2028", "rect"), ("Elections May 2027", "polygon")]
    assert [line.attrs["class"] for line in svg.find_all("line", class_="timeline__line")] == [
        "timeline__line timeline__line--before-decision", "timeline__line timeline__line--decided",
        "timeline__line timeline__line--before-decision", "timeline__line timeline__line--planned"]
    assert svg.find("text", class_="timeline__today-label").text == "Today"
    keys = doc.find("figcaption").find("ul").find_all("li")
    assert [li.text for li in keys] == ["proposals and consultation", "decided, to vesting day",
                                        "planned, not yet decided", "first proposals", "decision", "first elections",
                                        "vesting day", "today"]
    assert all(li.find("svg").attrs["aria-hidden"] == "true" for li in keys)


def test_a_timeline_chart_with_no_rows_draws_nothing():
    empty = {**EXAMPLES["timeline_chart"]["two areas"], "rows": [], "axis": [], "today": None}
    assert parse(render("timeline_chart", empty)).find_all() == []
