"""The reorganisation under way on the pages, checked through an HTML parser on a small built site: the programme
page (stages, timeline, what is next, the areas by stage, those done before), an area's page (its proposals side by
side, the decision and its standing, a board per future council with the contracts ending before vesting day, who
has done it before, the sources with their licences) and a council's place in it."""
from __future__ import annotations

from pathlib import Path

import re

import pytest

from directory.pipeline import build
from tests.conftest import TODAY, ContentTree
from tests.helpers import Node, page, rows


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Shire (decided, reported only: North Shire named), Otherton (consultation closed, with a submission ruled
    invalid), and Newtown, made by a reorganisation vested in 2023, which runs PlanX."""
    root = tmp_path_factory.mktemp("programme-site")
    content = ContentTree(root / "repo")
    content.council("shire", "stack:\n  - {capability: planning, product: planx, contract_ends: 2029-03-31}\n",
                    name="Shire County Council", gss="E10000001", kind="county")
    content.council("ash", "stack:\n  - {capability: website, product: localgov-drupal, contract_ends: 2027-06-30}\n",
                    name="Ash Council", gss="E07000101")
    content.council("birch", name="Birch Council", gss="E07000102")
    content.council("cedar", "stack:\n  - {capability: planning, product: planx}\n", name="Cedar Council",
                    gss="E07000103")
    content.council("otherton", name="Otherton County Council", gss="E10000002", kind="county")
    content.council("elm", name="Elm Council", gss="E07000201")
    content.council("north-shire", name="North Shire Council", gss=None, kind="unitary", status="forthcoming",
                    starts="2028-04-01")
    content.council("newtown", "stack:\n  - {capability: planning, product: planx}\n", name="Newtown Council",
                    gss="E06000901", kind="unitary")
    content.council("oldtown", name="Oldtown Council", gss="E07000301", status="abolished", ended="2023-04-01",
                    replaced_by="[newtown]")
    content.write("reorganisations/newtown-2023.yaml", """\
        name: Newtown
        stage: vested
        vesting: 2023-04-01
        predecessors: [oldtown]
        successors: [newtown]
        source: https://www.gov.uk/newtown
        """)
    content.write("reorganisations/shire-2028.yaml", """\
        name: Shire
        programme: main
        stage: decided
        as_of: 2026-03
        elections: 2027-05
        vesting: 2028-04-01
        indicative: true
        predecessors: [ash, birch, cedar, shire]
        proposals:
          - id: shire-1
            title: one unitary council
            councils: 1
            submitted_by: [shire]
            submitted: 2025-11-28
            makeup:
              - whole: [shire]
            source: https://www.gov.uk/shire-1
          - id: shire-2
            title: two unitary councils
            councils: 2
            submitted_by: [ash, birch]
            submitted: 2025-11-28
            makeup:
              - name: North
                whole: [ash]
                part_of: [cedar]
                council: north-shire
              - name: South
                whole: [birch]
                part_of: [cedar]
            source: https://www.ash.gov.uk/lgr
        decision: {proposal: shire-2, date: 2026-03, standing: reported-only, source: https://news.example/shire}
        successors: [north-shire]
        source: https://www.gov.uk/shire-1
        sources:
          - {address: https://www.gov.uk/shire-1, title: "GOV.UK: Shire proposals", licence: ogl-3.0}
          - {address: https://www.ash.gov.uk/lgr, title: "Ash Council: our proposal"}
          - {address: https://news.example/shire, title: "Shire News: two councils for Shire"}
        """)
    content.write("reorganisations/otherton-2028.yaml", """\
        name: Otherton
        stage: consultation-closed
        as_of: 2026-03-26
        elections: 2027-05
        vesting: 2028-04-01
        predecessors: [elm, otherton]
        proposals:
          - id: otherton-1
            title: one council for Otherton
            submitted_by: [elm]
            submitted: 2025-11-28
            makeup:
              - whole: [otherton]
            source: https://www.elm.gov.uk/lgr
          - id: otherton-x
            title: a submission ruled invalid
            submitted_by: [elm]
            invalid: It did not meet the statutory requirements.
            source: https://www.gov.uk/otherton-x
        source: https://www.gov.uk/otherton
        """)
    out = root / "site"
    build(content.root, out, TODAY, content.repo, search=False)
    return out


def plain(text: str) -> str:
    """Text as read: the parser joins elements with a space, so drop the one before punctuation."""
    return re.sub(r" ([:,.)'])", r"\1", text)


def following(heading: Node, tag: str) -> Node:
    """The first element with this tag after the heading, among its siblings."""
    siblings = [child for child in heading.parent.children if isinstance(child, Node)]
    return next(node for node in siblings[siblings.index(heading) + 1:] if node.tag == tag)


def table_captioned(main: Node, words: str) -> Node:
    return next(table for table in main.find_all("table") if words in table.find("caption").text)


# ----------------------------------------------------------------------------------------------
# The programme page


def test_the_programme_page_counts_councils_at_each_stage(site: Path):
    main = page(site, "reorganisations").find("main")
    assert main.find("h1").text == "Local government reorganisation"
    stages = rows(table_captioned(main, "Each stage of a reorganisation"))
    assert stages[0] == ["Stage", "What it means", "Areas at it", "Councils"]
    assert [(row[0], row[2], row[3]) for row in stages[1:]] == [
        ("Proposals submitted", "None", "0"), ("Consultation open", "None", "0"),
        ("Consultation closed", "Otherton", "2"), ("Consulting on changes", "None", "0"),
        ("Decided", "Shire", "4"), ("Order laid before Parliament", "None", "0"), ("Order made", "None", "0")]
    assert stages[5][1] == "The government has chosen a proposal, subject to Parliament approving it."


def test_the_programme_page_gives_each_areas_stage_and_dates(site: Path):
    main = page(site, "reorganisations").find("main")
    figures = [plain(li.text) for li in following(main.find("h1"), "ul").find_all("li")]
    assert figures == ["3 proposals submitted to the government, and 1 submission it ruled invalid",
                       "1 of the 2 areas decided, 1 of them reported only: not confirmed by GOV.UK or the council"]
    areas = rows(table_captioned(main, "Every area being reorganised"))
    assert areas[0] == ["Area", "Stage", "Councils", "Proposals", "Decision", "First elections", "Vesting day"]
    assert areas[1:] == [
        ["Shire", "Decided as of March 2026", "4", "2, submitted 28 November 2025",
         "Chosen: two unitary councils, March 2026 Reported only: not confirmed by GOV.UK or the council.",
         "May 2027 indicative", "1 April 2028 indicative"],
        ["Otherton", "Consultation closed as of 26 March 2026", "2", "1, submitted 28 November 2025 and 1 ruled invalid",
         "None found yet", "May 2027", "1 April 2028"],
    ]


def test_the_programme_page_says_what_is_next(site: Path):
    main = page(site, "reorganisations").find("main")
    steps = [plain(li.text) for li in following(main.find("h2", id="next"), "ul").find_all("li")]
    assert steps == [
        "May 2027: the first elections to the new councils in 2 areas (an indicative date): every area.",
        "1 April 2028: vesting day, when the new councils take over in 2 areas (an indicative date): every area.",
    ]


def test_the_programme_timeline_is_an_svg_chart_with_a_title_and_the_table_as_its_text(site: Path):
    main = page(site, "reorganisations").find("main")
    svg = main.find("figure", class_="timeline").find("svg")
    assert svg.attrs["role"] == "img"
    title, description = (svg.find(id=part) for part in svg.attrs["aria-labelledby"].split())
    assert title.tag == "title" and title.text.startswith("Timeline of every area being reorganised")
    assert description.tag == "desc" and "Every area, by stage" in description.text
    labels = [text.text for text in svg.find_all("text", class_="timeline__label")]
    assert labels == ["Shire · Decided", "Otherton · Consultation closed"]
    # Shapes and line styles, not colour alone: a thick line once decided, a dashed one where only planned.
    shire, otherton = (svg.find_all("line", class_=f"timeline__line--{kind}") for kind in ("decided", "planned"))
    assert len(shire) == 1 and len(otherton) == 1
    assert [li.text for li in main.find("ul", class_="timeline__keys").find_all("li")][:3] == [
        "proposals and consultation", "decided, to vesting day", "planned, not yet decided"]
    assert main.find_all("script") == []


def test_the_programme_page_links_its_feed_and_spreadsheet_and_lists_those_done_before(site: Path):
    doc = page(site, "reorganisations")
    feed = [link for link in doc.find_all("link") if link.attrs.get("title") == "Reorganisation programme changes"]
    assert [link.attrs["href"] for link in feed] == ["../feeds/reorganisations.xml"]
    main = doc.find("main")
    assert {a.attrs["href"] for a in main.find_all("a")} >= {"../feeds/reorganisations.xml", "../data/proposals.csv"}
    done = rows(table_captioned(main, "Reorganisations done before"))
    assert done[1:] == [["Newtown", "1 April 2023", "1 council", "Newtown Council"]]


# ----------------------------------------------------------------------------------------------
# An area's page


def test_a_decided_areas_proposals_side_by_side(site: Path):
    main = page(site, "reorganisations/shire-2028").find("main")
    table = main.find("table", class_="proposals")
    header, *body = rows(table)
    assert header == ["Proposal", "one unitary council", "two unitary councils Chosen"]
    assert body == [
        ["Unitary councils it would leave", "1", "2"],
        ["Submitted", "28 November 2025", "28 November 2025"],
        ["Backed by", "1: Shire County Council", "2: Ash Council and Birch Council"],
        ["Ash Council", "A single new council whole area", "North Shire Council whole area Backs it"],
        ["Birch Council", "A single new council whole area", "South whole area Backs it"],
        ["Cedar Council", "A single new council whole area",
         "North Shire Council part of its area South part of its area"],
        ["Shire County Council", "A single new council whole area Backs it",
         "North Shire Council part of its area South part of its area"],
        ["Source", "Source of one unitary council", "Source of two unitary councils"],
    ]


def test_a_decisions_standing_is_said_in_words(site: Path):
    main = page(site, "reorganisations/shire-2028").find("main")
    assert [tag.text for tag in main.find("p", class_="tags").find_all("strong")] == [
        "Decided", "Decision reported only"]
    decision = main.find("h2", id="decision").parent
    paragraphs = [plain(p.text) for p in decision.find_all("p") if p.ancestors()[0] is decision]
    assert "The government chose two unitary councils, the proposal of Ash Council and Birch Council, in March 2026." \
        in paragraphs
    assert "Reported only: not confirmed by GOV.UK or the council. The source of the decision." in paragraphs


def test_a_board_for_each_new_council_with_contracts_ending_before_vesting_day(site: Path):
    main = page(site, "reorganisations/shire-2028").find("main")
    assert main.find("h2", id="new-councils").text == "The new councils"
    north = main.find("h3", id="future-shire-2-1")
    assert north.text == "North Shire Council"
    board = table_captioned(main, "Board for North Shire Council")
    header, *body = rows(board)
    assert header == ["Capability and where they stand", "Ash Council", "Cedar Council", "Shire County Council",
                      "North Shire Council new council"]
    assert body == [
        ["Planning applications Same product 2 of 3 record it", "– Not recorded", "PlanX", "PlanX ends March 2029",
         "– Not recorded"],
        ["Website One council only", "LocalGov Drupal ends June 2027, before vesting day", "– Not recorded",
         "– Not recorded", "– Not recorded"],
    ]
    assert board.find("span", class_="board__ending").text == "ends June 2027, before vesting day"
    south = main.find("h3", id="future-shire-2-2")
    assert south.text == "South"
    summary = following(north, "p")
    assert plain(following(summary, "p").text) == (
        "3 of its 3 councils have recorded a stack; 1 contract ends before vesting day.")
    assert "vesting day" in main.find("h3", id="ending").text  # the whole area's contracts, either side of it


def test_an_area_page_says_who_has_done_it_before_and_credits_its_sources(site: Path):
    main = page(site, "reorganisations/shire-2028").find("main")
    done = [[plain(cell) for cell in row] for row in rows(table_captioned(main, "councils created in 2019 to 2023"))]
    assert done[1:] == [["Planning applications", "Newtown Council: PlanX", "PlanX 2 of 4 record it"]]
    assert main.find("a", href="../../councils/newtown/").text == "Newtown Council"
    sources = main.find("h2", id="sources").parent
    credited = [plain(li.text) for li in following(sources.find("h2", id="sources"), "ul").find_all("li")]
    assert "GOV.UK: Shire proposals, reused under the Open Government Licence v3.0" in credited
    assert credited[1:] == ["Ash Council: our proposal", "Shire News: two councils for Shire"]  # cited, not copied


def test_an_undecided_areas_page_shows_each_proposals_councils_and_a_submission_ruled_invalid(site: Path):
    main = page(site, "reorganisations/otherton-2028").find("main")
    assert main.find("h2", id="new-councils").text == "The councils each proposal would make"
    assert main.find_all("h2", id="decision") == []
    header, *body = rows(main.find("table", class_="proposals"))
    assert header == ["Proposal", "one council for Otherton", "a submission ruled invalid Ruled invalid"]
    assert body[3] == ["Elm Council", "A single new council whole area Backs it", "Not consulted on Backs it"]
    assert main.find("h3", id="councils-otherton-1").text == "Proposal: one council for Otherton"
    assert [h.text for h in main.find_all("h4")] == ["A single new council (one council for Otherton)"]


# ----------------------------------------------------------------------------------------------
# A council's place in it


def test_a_council_page_gives_its_area_stage_dates_and_the_new_council_it_goes_to(site: Path):
    main = page(site, "councils/ash").find("main")
    section = main.find("h2", id="reorganisation").parent
    paragraphs = [plain(p.text) for p in following(section.find("h2", id="reorganisation"), "p").parent.find_all("p")]
    first = next(index for index, text in enumerate(paragraphs) if text.startswith("Ash Council is one of"))
    assert paragraphs[first:first + 2] == [
        "Ash Council is one of the 4 councils being reorganised in Shire: decided as of March 2026. The first "
        "elections to the new councils are planned for May 2027, and vesting day, when they take over, for "
        "1 April 2028 (an indicative timetable).",
        "The decision of March 2026 chose two unitary councils. Reported only: not confirmed by GOV.UK or the "
        "council. It puts all of Ash Council's area in North Shire Council, with Cedar Council and Shire County "
        "Council.",
    ]


def test_a_council_page_lists_the_proposals_for_its_area(site: Path):
    main = page(site, "councils/cedar").find("main")
    table = table_captioned(main, "The proposals for Shire")
    assert rows(table) == [
        ["Proposal", "Submitted", "Backed by Cedar Council", "Where it would put Cedar Council"],
        ["one unitary council", "28 November 2025", "No", "a single new council (whole area)"],
        ["two unitary councils Chosen", "28 November 2025", "No",
         "North Shire Council (part of its area), South (part of its area)"],
    ]
    assert table.find("a").attrs["href"] == "../../reorganisations/shire-2028/#proposal-shire-1"


def test_a_council_page_lists_the_councils_it_is_being_reorganised_with_apart(site: Path):
    main = page(site, "councils/ash").find("main")
    partners = following(main.find("h3", id="partners"), "ul")
    listed = [li for li in partners.children if isinstance(li, Node)]
    names = [(li.find("a").text, [tag.text for tag in li.find_all("strong")]) for li in listed]
    assert names == [("Cedar Council", ["Same new council"]), ("Shire County Council", ["Same new council"]),
                     ("Birch Council", []), ("North Shire Council", ["Its new council"])]
    assert plain(following(main.find("h3", id="partners"), "p").text).startswith(
        "The 3 councils Ash Council is being reorganised with, and the new council, listed here rather than among")
    # and not among its other councils to talk to
    talk_to = main.find("section", aria_labelledby="talk-to")
    assert not {a.text for a in talk_to.find_all("a")} & {"Cedar Council", "Shire County Council", "Birch Council"}
