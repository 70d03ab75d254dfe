"""Atom feeds of profile changes: valid Atom, ordered by the date each council confirmed its profile."""
from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from directory.content.models import Directory
from directory.derive.indexes import derive
from directory.outputs.feeds import FEED_ENTRIES, NO_CHANGE_YET, write_feeds
from tests.conftest import ContentTree

A = "{http://www.w3.org/2005/Atom}"
BASE = "https://example.github.io/directory/"


@pytest.fixture
def directory(content: ContentTree) -> Directory:
    content.council("ashby", """\
        reviewed: 2026-10-01
        stack:
          - capability: website
            product: localgov-drupal
            since: 2020
            contract_ends: 2027-03-31
          - capability: planning
            product: planx
        """, gss="E07000010")
    content.council("brent", "reviewed: 2026-10-01\nstack:\n  - {capability: planning, product: idox-uniform}\n",
                    name="Brent <&> Council", gss="E07000011")
    content.council("crawley", "reviewed: 2026-09-15\nstack:\n  - {capability: website, product: localgov-drupal}\n",
                    gss="E07000012")
    content.council("dover", "stack:\n  - {capability: planning, product: planx}\n", gss="E07000013")  # never reviewed
    checked = content.check()
    assert checked.errors == [], [problem.as_text() for problem in checked.errors]
    return checked.directory


@pytest.fixture
def feeds(directory: Directory, tmp_path: Path) -> Path:
    write_feeds(directory, derive(directory), tmp_path)
    return tmp_path / "feeds"


def _feed(path: Path) -> ElementTree.Element:
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{A}feed"
    return root


def _entries(feed: ElementTree.Element) -> list[tuple[str, str]]:
    return [(entry.findtext(f"{A}title"), entry.findtext(f"{A}updated")) for entry in feed.findall(f"{A}entry")]


def _assert_valid_atom(feed: ElementTree.Element, self_url: str) -> None:
    """RFC 4287's required elements: id, title, updated on the feed and each entry; an author; a self link."""
    for element in ("id", "title", "updated"):
        assert feed.findtext(f"{A}{element}"), element
    assert feed.findtext(f"{A}author/{A}name")
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")}
    assert links["self"] == self_url == feed.findtext(f"{A}id")
    assert links["alternate"].startswith(BASE)
    ids = []
    for entry in feed.findall(f"{A}entry"):
        for element in ("id", "title", "updated"):
            assert entry.findtext(f"{A}{element}"), element
        assert entry.find(f"{A}link").get("href").startswith(BASE)
        assert entry.find(f"{A}summary").get("type") == "text"
        ids.append(entry.findtext(f"{A}id"))
    assert len(ids) == len(set(ids))
    updated = [entry.findtext(f"{A}updated") for entry in feed.findall(f"{A}entry")]
    assert feed.findtext(f"{A}updated") == (max(updated) if updated else NO_CHANGE_YET)


def test_site_wide_feed_lists_confirmed_profiles_newest_first_then_by_id(feeds: Path):
    feed = _feed(feeds / "changes.xml")
    _assert_valid_atom(feed, f"{BASE}feeds/changes.xml")
    assert _entries(feed) == [("Ashby Council", "2026-10-01T00:00:00Z"),
                              ("Brent <&> Council", "2026-10-01T00:00:00Z"),
                              ("Crawley Council", "2026-09-15T00:00:00Z")]
    assert feed.findtext(f"{A}updated") == "2026-10-01T00:00:00Z"


def test_an_entry_names_the_council_the_day_and_what_it_uses(feeds: Path):
    entry = _feed(feeds / "changes.xml").find(f"{A}entry")
    assert entry.findtext(f"{A}id") == "tag:example.github.io,2026-10-01:/directory/councils/ashby"
    assert entry.find(f"{A}link").get("href") == f"{BASE}councils/ashby/"
    summary = entry.findtext(f"{A}summary")
    assert "LocalGov Drupal for Website (since 2020, contract ends 2027-03-31)" in summary
    assert "PlanX for Planning applications" in summary


def test_each_capability_has_a_feed_of_the_councils_using_it(feeds: Path):
    planning = _feed(feeds / "capabilities" / "planning.xml")
    _assert_valid_atom(planning, f"{BASE}feeds/capabilities/planning.xml")
    assert [title for title, _ in _entries(planning)] == ["Ashby Council", "Brent <&> Council"]
    assert {link.get("rel"): link.get("href") for link in planning.findall(f"{A}link")}["alternate"] == (
        f"{BASE}capabilities/planning/")
    summary = planning.find(f"{A}entry").findtext(f"{A}summary")
    assert "PlanX" in summary and "LocalGov Drupal" not in summary
    website = _feed(feeds / "capabilities" / "website.xml")
    assert _entries(website) == [("Ashby Council", "2026-10-01T00:00:00Z"),
                                 ("Crawley Council", "2026-09-15T00:00:00Z")]
    assert website.findtext(f"{A}updated") == "2026-10-01T00:00:00Z"


def test_a_capability_nobody_uses_has_a_valid_empty_feed(feeds: Path):
    revenues = _feed(feeds / "capabilities" / "revenues.xml")
    _assert_valid_atom(revenues, f"{BASE}feeds/capabilities/revenues.xml")
    assert revenues.findall(f"{A}entry") == []
    assert revenues.findtext(f"{A}updated") == NO_CHANGE_YET


def test_a_feed_keeps_only_the_most_recent_changes(content: ContentTree, tmp_path: Path):
    for number in range(FEED_ENTRIES + 5):
        day = 1 + number % 28
        content.council(f"council-{number:03d}", f"reviewed: 2026-{1 + number // 28:02d}-{day:02d}\n",
                        gss=f"E07{number:06d}")
    directory = content.check().directory
    write_feeds(directory, derive(directory), tmp_path)
    entries = _entries(_feed(tmp_path / "feeds" / "changes.xml"))
    assert len(entries) == FEED_ENTRIES
    assert [updated for _, updated in entries] == sorted((updated for _, updated in entries), reverse=True)
    assert entries[-1][1] == "2026-01-06T00:00:00Z"  # the oldest five are the ones left out


def test_the_programme_feed_has_an_entry_per_area_dated_by_its_latest_fact(content: ContentTree, tmp_path: Path):
    for number, council_id in enumerate(("ash", "birch", "cedar", "dale"), start=1):
        content.council(council_id, gss=f"E0700002{number}")
    content.write("reorganisations/ashshire-2028.yaml", """\
        name: Ashshire
        stage: decided
        as_of: 2026-03
        elections: 2027-05
        vesting: 2028-04-01
        indicative: true
        predecessors: [ash, birch]
        proposals:
          - {id: ashshire-1, title: one unitary council, submitted_by: [ash], source: https://www.gov.uk/ashshire-1}
          - {id: ashshire-2, title: two unitary councils, submitted_by: [birch], source: https://www.gov.uk/ashshire-2}
        decision: {proposal: ashshire-1, standing: reported-only, source: https://example.org/ashshire-report}
        source: https://www.gov.uk/ashshire-1
        """)
    content.write("reorganisations/cedarshire-2028.yaml", """\
        name: Cedarshire
        stage: consultation-closed
        as_of: 2026-03-26
        vesting: 2028-04-01
        predecessors: [cedar, dale]
        proposals:
          - {id: cedarshire-1, title: one council, submitted_by: [cedar], source: https://www.gov.uk/cedarshire-1}
        source: https://www.gov.uk/cedarshire-1
        """)
    checked = content.check()
    assert checked.errors == [], [problem.as_text() for problem in checked.errors]
    write_feeds(checked.directory, derive(checked.directory), tmp_path)
    feed = _feed(tmp_path / "feeds" / "reorganisations.xml")
    _assert_valid_atom(feed, f"{BASE}feeds/reorganisations.xml")
    assert feed.findtext(f"{A}updated") == "2026-03-26T00:00:00Z"
    assert _entries(feed) == [("Cedarshire: Consultation closed", "2026-03-26T00:00:00Z"),
                              ("Ashshire: Decided", "2026-03-01T00:00:00Z")]  # the month's first day
    ashshire = feed.findall(f"{A}entry")[1]
    assert ashshire.findtext(f"{A}id") == "tag:example.github.io,2026-03:/directory/reorganisations/ashshire-2028"
    assert ashshire.find(f"{A}link").attrib["href"] == f"{BASE}reorganisations/ashshire-2028/"
    assert ashshire.findtext(f"{A}summary") == (
        "Decided, as of March 2026. 2 proposals. Chosen: one unitary council. Reported only: not confirmed by GOV.UK "
        "or the council. First elections: May 2027 (indicative). Vesting day: 1 April 2028 (indicative).")
    again = tmp_path / "again"
    write_feeds(checked.directory, derive(checked.directory), again)
    assert (again / "feeds" / "reorganisations.xml").read_bytes() == (tmp_path / "feeds" / "reorganisations.xml").read_bytes()
