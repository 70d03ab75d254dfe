"""Opportunities beyond pairs: renewal windows by financial year, councils outside a reorganisation running what its
predecessors run, councils whose challenges fit a project seeking partners, and who can help."""
from __future__ import annotations

from datetime import date

from directory.derive import opportunities
from directory.derive.matching import COMMON
from directory.derive.renewals import next_ends_by_council
from tests.conftest import ContentTree
from tests.helpers import council, directory_of


def test_renewal_windows_group_contracts_ending_in_the_same_financial_year(content: ContentTree):
    council(content, "ash", 1, "stack: [{capability: website, product: localgov-drupal, contract_ends: 2027-04-30}]")
    council(content, "birch", 2, "stack: [{capability: website, product: localgov-drupal, contract_ends: 2028-03-31}]")
    council(content, "cedar", 3, "stack: [{capability: website, product: localgov-drupal, contract_ends: 2028-04-01}]")
    council(content, "dogwood", 4, "stack: [{capability: planning, product: planx, contract_ends: 2027-06-30}]")
    council(content, "elm", 5, "stack: [{capability: planning, product: idox-uniform, contract_ends: 2027-05-31}]")
    council(content, "gone", 6, "stack: [{capability: planning, product: planx, contract_ends: 2027-05-31}]",
            status="abolished", ended="2024-03-31", replaced_by="[elm]")
    council(content, "late", 7, "stack: [{capability: planning, product: planx, contract_ends: 2026-10-31}]")
    directory = directory_of(content)
    windows = opportunities.renewal_windows(directory, next_ends_by_council(directory))
    assert [(w.capability, w.starts, w.ends, [(end.council.id, end.product) for end in w.entries]) for w in windows] == [
        ("planning", date(2027, 4, 1), date(2028, 3, 31), [("elm", "idox-uniform"), ("dogwood", "planx")]),
        ("website", date(2027, 4, 1), date(2028, 3, 31), [("ash", "localgov-drupal"), ("birch", "localgov-drupal")]),
    ]  # cedar's contract is alone in its year; gone is abolished; late's contract ended before today


def test_councils_outside_a_reorganisation_running_what_its_predecessors_run(content: ContentTree):
    council(content, "ash", 1, "stack: [{capability: website, product: localgov-drupal}, {capability: planning, product: planx}]")
    council(content, "birch", 2, "stack: [{capability: website, product: localgov-drupal}]")
    council(content, "elsewhere", 3, "stack: [{capability: website, product: localgov-drupal}]")
    council(content, "gone", 4, "stack: [{capability: website, product: localgov-drupal}]",
            status="abolished", ended="2024-03-31", replaced_by="[elsewhere]")
    content.write("reorganisations/ashbirch.yaml", """\
        name: Ashbirch
        stage: decided
        vesting: 2028-04-01
        predecessors: [ash, birch]
        successors: [cumberland]
        source: https://example.gov.uk/ashbirch
        """)
    peers = opportunities.reorganisation_peers(directory_of(content))["ashbirch"]
    assert [(g.capability, g.product, list(g.predecessors), list(g.councils), g.count)
            for g in peers] == [("website", "localgov-drupal", ["ash", "birch"], ["elsewhere"], 1)]
    assert peers[0].listed  # PlanX: no one outside runs it, so it is left out


def test_peers_are_counted_but_not_listed_when_more_than_common_councils_run_it(content: ContentTree):
    for number in range(1, COMMON + 3):  # one predecessor, and COMMON + 1 councils outside
        council(content, f"council-{number:03d}", number, "stack: [{capability: website, product: localgov-drupal}]")
    content.write("reorganisations/one.yaml", """\
        name: One
        stage: decided
        vesting: 2028-04-01
        predecessors: [council-001]
        successors: [cumberland]
        source: https://example.gov.uk/one
        """)
    [group] = opportunities.reorganisation_peers(directory_of(content))["one"]
    assert (group.count, group.councils, group.listed) == (COMMON + 1, (), False)


PROJECT = """\
    name: Planning Together
    kind: collaboration
    status: active
    summary: Councils improving planning together.
    capabilities: [planning]
    topics: [pdf-reduction]
    seeking: [partners]
    """


def test_project_candidates_are_councils_with_open_challenges_on_its_topics_or_capabilities(content: ContentTree):
    content.write("projects/planning-together.yaml", PROJECT)
    council(content, "ash", 1, """\
        challenges:
          - {title: Fewer PDFs, topics: [pdf-reduction], status: exploring}
          - {title: New planning system, topics: [local-government-reorganisation], capabilities: [planning],
             status: planning}
        """)
    council(content, "birch", 2, "challenges: [{title: PDFs, topics: [pdf-reduction], status: in-progress}]")
    council(content, "cedar", 3, "challenges: [{title: PDFs, topics: [pdf-reduction], status: done}]")
    council(content, "member", 4, """\
        challenges: [{title: PDFs, topics: [pdf-reduction], status: exploring}]
        projects: [{project: planning-together, role: lead}]
        """)
    candidates = opportunities.project_candidates(directory_of(content))
    assert [(c.council.id, [ch.title for ch in c.challenges]) for c in candidates["planning-together"]] == [
        ("ash", ["Fewer PDFs", "New planning system"]),  # two fitting challenges first
        ("birch", ["PDFs"]),
    ]  # cedar's challenge is done; member already takes part
    assert candidates["localgov-publications"] == []  # a project not seeking partners lists no one


def test_a_project_that_is_archived_or_not_seeking_partners_has_no_candidates(content: ContentTree):
    content.write("projects/planning-together.yaml", PROJECT.replace("status: active", "status: archived"))
    council(content, "ash", 1, "challenges: [{title: PDFs, topics: [pdf-reduction], status: exploring}]")
    assert opportunities.project_candidates(directory_of(content))["planning-together"] == []


def test_who_can_help_with_a_topic_or_capability_and_who_asks(content: ContentTree):
    council(content, "ash", 1, """\
        challenges:
          - {title: Done it, topics: [pdf-reduction], capabilities: [website], status: done}
        """)
    council(content, "birch", 2, """\
        challenges:
          - {title: Help wanted, topics: [pdf-reduction], capabilities: [website], status: exploring, seeking: [advice]}
          - {title: Just looking, topics: [pdf-reduction], capabilities: [website], status: exploring}
        """)
    directory = directory_of(content)
    assert [(h.council.id, h.challenge.title) for h in opportunities.topic_helpers(directory)["pdf-reduction"]] == [
        ("ash", "Done it")]
    assert [(h.council.id, h.challenge.title) for h in opportunities.capability_helpers(directory)["website"]] == [
        ("ash", "Done it")]
    assert [(h.council.id, h.challenge.title) for h in opportunities.capability_seekers(directory)["website"]] == [
        ("birch", "Help wanted")]
