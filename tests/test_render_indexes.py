"""The indexes the pages read (derive.py): headline figures, filter groups, freshness, latest updates,
convergence boards and the renewal calendar, each from a small tree written inline."""
from __future__ import annotations

from datetime import date

from directory.derive.indexes import (
    convergence_boards,
    council_groups,
    council_predecessors,
    headline_figures,
    recently_reviewed,
    renewal_calendar,
    stale_councils,
)
from directory.derive.renewals import next_ends_by_council
from tests.conftest import ContentTree


def directory_of(content: ContentTree, today: date = date(2026, 11, 1)):
    checked = content.check(today)
    assert checked.errors == [], checked.errors
    return checked.directory


def stack(*entries: tuple[str, str, str | None]) -> str:
    lines = ["stack:"]
    for capability, product, ends in entries:
        lines += [f"  - capability: {capability}", f"    product: {product}"]
        if ends:
            lines.append(f"    contract_ends: {ends}")
    return "\n".join(lines) + "\n"


def test_staleness_is_judged_on_directory_today_only(content: ContentTree):
    content.council("fresh", "reviewed: 2025-11-01\n", gss="E07000002")  # exactly 365 days before today
    content.council("stale", "reviewed: 2025-10-31\n", gss="E07000003")
    content.council("never", gss="E07000004")
    assert stale_councils(directory_of(content)) == {"stale"}
    assert stale_councils(directory_of(content, date(2026, 11, 2))) == {"fresh", "stale"}


def test_latest_updates_are_the_most_recently_reviewed_newest_first_then_by_name(content: ContentTree):
    for number, (council, reviewed) in enumerate([("b-town", "2026-10-01"), ("a-town", "2026-10-01"),
                                                  ("c-town", "2026-09-01")]):
        content.council(council, f"reviewed: {reviewed}\n", gss=f"E0700001{number}")
    content.council("never", gss="E07000020")  # never confirmed: no date, so never among the latest
    councils = directory_of(content).councils.values()
    assert [c.id for c in recently_reviewed(councils)] == ["a-town", "b-town", "c-town"]
    assert [c.id for c in recently_reviewed(councils, limit=2)] == ["a-town", "b-town"]  # as the feeds ask
    for number in range(12):
        content.council(f"extra-{number:02d}", "reviewed: 2026-08-01\n", gss=f"E070001{number:02d}")
    assert len(recently_reviewed(directory_of(content).councils.values())) == 10


def test_headline_figures_count_active_councils_and_profiles_with_stacks(content: ContentTree):
    content.council("gone", "status: abolished\nended: 2023-04-01\nreplaced_by: [cumberland]\n"
                    + stack(("website", "localgov-drupal", None)), gss="E07000002")
    content.council("here", stack(("website", "localgov-drupal", None), ("planning", "planx", None)), gss="E07000003")
    figures = headline_figures(directory_of(content))
    assert (figures.councils, figures.profiles, figures.profiles_with_stacks, figures.stack_entries) == (2, 3, 2, 3)
    assert (figures.products, figures.projects) == (3, 2)


def test_council_groups_and_predecessors_are_in_name_order(content: ContentTree):
    content.council("zed", "status: abolished\nended: 2023-04-01\nreplaced_by: [cumberland]\n", name="Zed Council",
                    gss="E07000002", region="North West")
    content.council("abbey", "status: abolished\nended: 2023-04-01\nreplaced_by: [cumberland]\n", name="Abbey Council",
                    gss="E07000003", region="North West")
    directory = directory_of(content)
    groups = council_groups(directory)
    assert list(groups) == ["nation", "region", "kind", "status"]
    assert [c.id for c in groups["region"]["North West"]] == ["abbey", "cumberland", "zed"]
    assert list(groups["status"]) == ["abolished", "active"]
    assert [c.id for c in council_predecessors(directory)["cumberland"]] == ["abbey", "zed"]


def test_a_board_marks_where_predecessors_agree_differ_or_only_one_records(content: ContentTree):
    content.council("a-town", stack(("website", "localgov-drupal", "2027-03-31"), ("planning", "planx", None)),
                    name="A Town Council", gss="E07000002")
    content.council("b-town", stack(("website", "localgov-drupal", None), ("planning", "idox-uniform", None)),
                    name="B Town Council", gss="E07000003")
    content.council("c-town", stack(("revenues", "planx", None)), name="C Town Council", gss="E07000004")
    content.council("new-town", name="New Town Council", gss="E07000005")
    content.write("reorganisations/towns.yaml", """\
        name: Towns
        stage: decided
        vesting: 2028-04-01
        predecessors: [c-town, b-town, a-town]
        successors: [new-town]
        source: https://example.org/towns
        """)
    board = convergence_boards(directory_of(content))["towns"]
    assert [c.id for c in board.predecessors] == ["a-town", "b-town", "c-town"]
    by_capability = {row.capability: row for row in board.rows}
    assert list(by_capability) == ["planning", "revenues", "website"]  # by capability name
    assert by_capability["website"].agreement == "agree" and by_capability["website"].recorded == 2
    assert by_capability["planning"].agreement == "differ"
    assert by_capability["planning"].products == ("idox-uniform", "planx")
    assert by_capability["revenues"].agreement == "single"
    assert [[entry.product for entry in cell] for cell in by_capability["website"].cells] == \
        [["localgov-drupal"], ["localgov-drupal"], []]
    assert (board.count("agree"), board.count("differ"), board.count("single")) == (1, 1, 1)
    assert [c.id for c in board.successors] == ["new-town"]
    assert by_capability["website"].successor_cells == ((),)


def test_a_board_shows_what_the_new_councils_record_even_when_predecessors_record_nothing(content: ContentTree):
    content.council("old-town", name="Old Town Council", gss="E07000002")
    content.council("new-town", stack(("website", "localgov-drupal", None)), name="New Town Council", gss="E07000003")
    content.write("reorganisations/towns.yaml", """\
        name: Towns
        stage: vested
        vesting: 2023-04-01
        predecessors: [old-town]
        successors: [new-town]
        source: https://example.org/towns
        """)
    board = convergence_boards(directory_of(content))["towns"]
    assert [(row.capability, row.agreement, row.recorded) for row in board.rows] == [("website", "none", 0)]
    assert [[entry.product for entry in cell] for cell in board.rows[0].successor_cells] == [["localgov-drupal"]]


def test_the_renewal_calendar_counts_next_contract_ends_by_financial_year_for_five_years(content: ContentTree):
    content.council("a-town", stack(("website", "localgov-drupal", "2026-10-31"),   # ended before today
                                    ("planning", "planx", "2026-11-01")),           # today: counted
                    gss="E07000002")
    content.council("b-town", stack(("website", "localgov-drupal", "2031-03-31"),   # the last day of the fifth year
                                    ("planning", "idox-uniform", "2031-04-01")),    # beyond it
                    gss="E07000003")
    content.council("c-town", stack(("website", "localgov-drupal", "2027-04-01")) + """\
        contracts:
          - {capability: website, ends: 2029-03-31}
          - {capability: revenues, ends: 2027-03-31, source: https://www.contractsfinder.service.gov.uk/Notice/x}
        """.replace("        ", ""), gss="E07000004")
    directory = directory_of(content)
    calendar = renewal_calendar(directory, next_ends_by_council(directory))
    assert [year.year for year in calendar.years] == [2026, 2027, 2028, 2029, 2030]  # 2026 to 2027 holds today
    assert calendar.counts["planning"] == (1, 0, 0, 0, 0)
    assert calendar.counts["website"] == (0, 1, 0, 0, 1)  # c-town's next end only: April 2027, not March 2029
    assert calendar.counts["revenues"] == (1, 0, 0, 0, 0)  # from the contracts, not the stack
    assert [end.council.id for end in calendar.endings["website"]] == ["c-town", "b-town"]
    assert calendar.totals == (2, 1, 0, 0, 1)
    assert list(calendar.counts) == ["planning", "revenues", "website"]  # by capability name


def test_search_synonyms_map_each_other_name_to_the_names_it_stands_for(content: ContentTree):
    from directory.derive.indexes import search_synonyms
    from tests.conftest import CAPABILITIES, TOPICS

    content.write("capabilities.yaml", CAPABILITIES.replace("    name: Revenues\n", (
        "    name: Revenues\n    also_known_as: [Revs, revs and  bens]\n")) + """\
  - id: benefits
    name: Housing benefit
    group: customer
    description: Paying housing benefit.
    also_known_as: [bens, Revs and Bens]
""", schema_line=False)
    content.write("topics.yaml", TOPICS.replace("    name: Local government reorganisation\n", (
        "    name: Local government reorganisation\n    also_known_as: [LGR]\n")), schema_line=False)

    assert search_synonyms(directory_of(content)) == {  # lower case, single spaces; a shared one names both
        "bens": ["Housing benefit"],
        "lgr": ["Local government reorganisation"],
        "revs": ["Revenues"],
        "revs and bens": ["Housing benefit", "Revenues"],
    }
