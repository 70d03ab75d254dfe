"""Where matches and opportunities show, checked through an HTML parser on a small built site: the matches page,
a council's councils to talk to, project candidates, who can help on topic and capability pages, renewal windows
and reorganisation peers."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from directory.derive.matching import REASON_KINDS, REASON_NAMES, WEIGHTS
from directory.pipeline import build
from tests.conftest import TODAY, ContentTree
from tests.helpers import Node, council, page, rows


def plain(text: str) -> str:
    """Text as read: the parser joins elements with a space, so drop the one before punctuation."""
    return re.sub(r" ([:,.)])", r"\1", text)


def following(heading: Node, tag: str) -> Node:
    """The first element with this tag after the heading, among its siblings."""
    siblings = [child for child in heading.parent.children if isinstance(child, Node)]
    return next(node for node in siblings[siblings.index(heading) + 1:] if node.tag == tag)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("matches-site")
    tree = ContentTree(root / "repo")
    tree.write("projects/planning-together.yaml", """\
        name: Planning Together
        kind: collaboration
        status: active
        summary: Councils improving planning together.
        capabilities: [planning]
        seeking: [partners]
        """)
    council(tree, "ash", 1, """\
        stack:
          - {capability: planning, product: planx, contract_ends: 2027-03-31}
          - {capability: website, product: localgov-drupal}
        challenges:
          - {title: HTML committee papers, topics: [pdf-reduction], capabilities: [website], status: done}
        projects: [{project: planning-together, role: lead}]
        """)
    council(tree, "birch", 2, """\
        stack:
          - {capability: planning, product: planx, contract_ends: 2027-07-31}
          - {capability: website, product: localgov-drupal}
        challenges:
          - {title: Fewer PDFs please, topics: [pdf-reduction], capabilities: [website], status: exploring,
             seeking: [advice]}
        """)
    council(tree, "cedar", 3, """\
        stack: [{capability: planning, product: planx}]
        challenges:
          - {title: Better planning, topics: [local-government-reorganisation], capabilities: [planning],
             status: planning}
        """)
    council(tree, "old", 4, "stack: [{capability: planning, product: planx}]", status="abolished",
            ended="2023-03-31", replaced_by="[ash]")
    tree.write("reorganisations/cedarshire.yaml", """\
        name: Cedarshire
        stage: decided
        vesting: 2028-04-01
        predecessors: [cedar, cumberland]
        successors: [ash]
        source: https://example.gov.uk/cedarshire
        """)
    tree.council("cumberland", "stack: [{capability: planning, product: idox-uniform, contract_ends: 2027-01-31}]",
                 name="Cumberland Council",
                 gss="E06000063", kind="unitary", region="North West")
    out = root / "site"
    build(tree.root, out, TODAY, tree.repo, search=False)
    return out


def test_the_matches_page_lists_the_strongest_pairs_with_their_reasons(site: Path):
    main = page(site, "matches").find("main")
    assert main.find("h1").text == "Councils to talk to"
    table = main.find("table", class_="matches-table")
    assert [th.text for th in table.find("thead").find_all("th")] == ["Rank", "Councils", "How strong",
                                                                      "Why they should talk"]
    first = table.find("tbody").find("tr")
    assert first.find("th").attrs["scope"] == "row"
    assert first.find("th").text == "Ash Council and Birch Council"
    assert first.find_all("td")[1].text == "Very strong match"  # in words, not a bare number
    assert [a.attrs["href"] for a in first.find("th").find_all("a")] == ["../councils/ash/", "../councils/birch/"]
    assert [li.text for li in first.find("ul").find_all("li")] == [
        "Ash Council already runs LocalGov Drupal for website, which Birch Council is seeking advice for",
        "Ash Council has already tackled fewer PDFs, which Birch Council is seeking advice for",
        "Both use LocalGov Drupal for website",
        "Both have taken on fewer PDFs: Ash Council has finished, Birch Council is still working on it",
        "Both use PlanX for planning applications",
        "Planning applications contracts end within 4 months of each other (March 2027 and July 2027)",
    ]
    councils = [row[1] for row in rows(table)[1:]]
    assert "Cedar Council and Cumberland Council" not in councils  # only reorganised together: on its page instead
    assert not any("Old Council" in row for row in councils)  # abolished


def test_the_matches_page_explains_every_kind_of_reason(site: Path):
    main = page(site, "matches").find("main")
    how = [t for t in main.find_all("table") if "kinds of reason" in t.find("caption").text][0]
    table = rows(how)
    assert table[0] == ["Reason", "When it applies", "Points, at most", "Pairs with it"]
    assert [row[0] for row in table[1:]] == [REASON_NAMES[kind] for kind in REASON_KINDS]
    assert [row[2] for row in table[1:]] == [f"{WEIGHTS[kind]:g}" for kind in REASON_KINDS]
    assert {row[0]: row[2] for row in table[1:]} | {"Reorganising at the same time": "1", "Has done it before": "1.5",
                                                   "Same reorganisation": "2"} == {row[0]: row[2] for row in table[1:]}
    assert "at most 3 pairs with any one council" in main.text
    assert "100 councils" in main.text and "forthcoming" in main.text and "never matched" in main.text
    assert page(site, "matches").find_all("script") == []


def test_a_council_page_lists_councils_to_talk_to_with_reasons(site: Path):
    main = page(site, "councils/ash").find("main")
    slot = main.find("section", aria_labelledby="talk-to")
    items = slot.find("ol").find_all("li", class_="matches__item")
    assert [item.find("a").text for item in items] == ["Birch Council"]  # Cedar and Cumberland: merging with it
    assert [span.text for span in slot.find_all("span", class_="hint-inline")] == ["Very strong match: 6 reasons"]
    assert slot.find("a", href="../../matches/#how").text == "How matching works"
    assert slot.find("a", href="#partners").text == "the councils it is being reorganised with"
    # The councils it is being reorganised with, apart, each with what else they have in common.
    partners = following(main.find("h3", id="partners"), "ul")
    listed = [li for li in partners.children if isinstance(li, Node)]
    assert [li.find("a").text for li in listed] == ["Cedar Council", "Cumberland Council"]
    assert [li.text for li in listed[0].find("ul").find_all("li")] == ["Both use PlanX for planning applications"]


def test_an_abolished_councils_page_says_it_is_not_matched(site: Path):
    slot = page(site, "councils/old").find("section", aria_labelledby="talk-to")
    assert slot.find_all("ol") == []
    assert "Abolished councils are not matched" in slot.text


def test_a_project_seeking_partners_lists_councils_whose_challenges_fit(site: Path):
    main = page(site, "projects/planning-together").find("main")
    listed = following(main.find("h3", id="candidates"), "ul").find_all("li")
    assert [plain(li.text) for li in listed] == ["Cedar Council: Better planning"]  # not Ash: already its lead
    assert listed[0].find("a").attrs["href"] == "../../councils/cedar/#challenges"


def test_topic_and_capability_pages_show_who_can_help(site: Path):
    topic = page(site, "topics/pdf-reduction").find("main")
    assert topic.find("h2", id="helpers").text == "Who can help"
    helpers = following(topic.find("h2", id="helpers"), "ul")
    assert [plain(li.text) for li in helpers.find_all("li")] == ["Ash Council: HTML committee papers"]
    capability = page(site, "capabilities/website").find("main")
    who_can, who_asks = [following(h3, "ul") for h3 in following(capability.find("h2", id="help"), "h3").parent
                         .find_all("h3") if h3.text in ("Who can help", "Who is asking for help")]
    assert [plain(li.text) for li in who_can.find_all("li")] == ["Ash Council: HTML committee papers"]
    assert [plain(li.text) for li in who_asks.find_all("li")] == ["Birch Council: Fewer PDFs please (looking for advice)"]


def test_the_renewals_page_lists_renewal_windows(site: Path):
    main = page(site, "renewals").find("main")
    windows = [t for t in main.find_all("table") if "Renewal windows" in t.find("caption").text][0]
    [header, row] = windows.find_all("tr")
    assert [cell.text for cell in row.find_all("th") + row.find_all("td")][:3] == [
        "Planning applications", "April 2026 to March 2027", "2"]
    who = row.find_all("td")[-1]
    assert [a.text for a in who.find_all("a")] == ["Cumberland Council", "Ash Council"]  # soonest first
    assert [span.text for span in who.find_all("span")] == ["(Uniform, January 2027)", "(PlanX, March 2027)"]


def test_a_reorganisation_page_lists_councils_elsewhere_running_the_same(site: Path):
    main = page(site, "reorganisations/cedarshire").find("main")
    peers = [t for t in main.find_all("table") if "outside the reorganisation" in t.find("caption").text][0]
    assert [[plain(cell) for cell in row] for row in rows(peers)[1:]] == [
        ["Planning applications: PlanX", "Cedar Council", "Birch Council"]]
