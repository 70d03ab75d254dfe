"""The mistakes council officers make in the web editor, each reported on the line they must change,
saying in their words what is wrong there and what to write instead, and nothing else reported."""
from __future__ import annotations

import pytest

from tests.conftest import ContentTree

SHOWN = "content/councils/elmbridge.yaml"
# A complete profile, as an officer would keep it (line 1 is the schema line the fixture adds).
PROFILE = """\
name: Elmbridge Borough Council
gss: E07000207
kind: district
nation: england
region: South East
website: https://www.elmbridge.gov.uk
status: active
maintainers: [elmbridge-digital, jane-doe]
contact: digital@elmbridge.gov.uk
reviewed: 2026-10-01
summary: >-
  Our digital team of six runs the website
  and the council's online services.
stack:
  - capability: website
    product: localgov-drupal
    since: 2021
    hosting: saas
    notes: We use the directories and step-by-step modules.
  - capability: planning
    product: idox-uniform
    since: 2012
    contract_ends: 2027-03-31
    hosting: on-premises
  - capability: planning
    product: planx
    since: 2024
  - capability: revenues
    product: civica-openrevenues
challenges:
  - title: Fewer PDFs on our website
    topics: [pdf-reduction]
    capabilities: [website]
    status: exploring
    seeking: [partners, advice]
projects:
  - project: localgov-elections
    role: funder
    pledge:
      money_gbp: 5000
      days: 10
"""
NBSP = "\u00a0"


def problems_after(content: ContentTree, written: str, meant: str = "") -> list[str]:
    """Every problem of the tree once the officer has written `written` where the profile has `meant`."""
    assert PROFILE.count(meant) == 1 or not meant
    content.write("products/civica-openrevenues.yaml", """\
        name: OpenRevenues
        vendor: Civica
        capabilities: [revenues]
        open_source: false
        website: https://www.civica.com
        """)
    content.write("councils/elmbridge.yaml", PROFILE.replace(meant, written) if meant else written)
    return content.problems()


def test_the_profile_as_written_is_valid(content):
    assert problems_after(content, PROFILE) == []


# Item 3: the error is on the line of the mistake, not on the line after it where libyaml notices it.
@pytest.mark.parametrize("meant, written, expected", [
    pytest.param("    hosting: on-premises", "    hosting on-premises",
                 "25:12: error: 'hosting on-premises' has no colon after 'hosting'. Write 'hosting: on-premises'.",
                 id="a field with no colon, reported on its own line, not at the next stack entry"),
    pytest.param("contact: digital@elmbridge.gov.uk", "contact digital@elmbridge.gov.uk",
                 "10:8: error: 'contact digital@elmbridge.gov.uk' has no colon after 'contact'. "
                 "Write 'contact: digital@elmbridge.gov.uk'.",
                 id="a field with no colon, not the correct 'reviewed:' line after it"),
    pytest.param("stack:\n", "stack\n", "15:6: error: 'stack' has no colon after it. Write 'stack:'.",
                 id="a list's field with no colon"),
    pytest.param("  - capability: planning\n    product: planx", "  - capability planning\n    product: planx",
                 "26:15: error: 'capability planning' has no colon after 'capability'. Write 'capability: planning'.",
                 id="the first field of a list entry with no colon"),
    pytest.param("    role: funder", f"    role:{NBSP}funder",
                 "39:10: error: there is a non-breaking space after 'role:' instead of an ordinary space. "
                 "Delete it and type an ordinary space: 'role: funder'.",
                 id="a non-breaking space after a colon"),
    pytest.param("    since: 2024", f"   {NBSP}since: 2024",
                 "28:4: error: this line is indented with a non-breaking space, which YAML does not read as a space. "
                 "Delete the spaces before 'since' and type them again with the space bar.",
                 id="a non-breaking space in the indentation"),
    pytest.param("  - capability: revenues", f"  -{NBSP}capability: revenues",
                 "29:4: error: there is a non-breaking space after '-' instead of an ordinary space. "
                 "Delete it and type an ordinary space: '- capability: revenues'.",
                 id="a non-breaking space after a list dash"),
    pytest.param("  and the council's online services.", "and the council's online services.",
                 "14:1: error: this line continues summary, but it is not indented under 'summary:'. "
                 "Start the line with 2 spaces, so that it is part of summary.",
                 id="a line of text not indented under its field"),
    pytest.param("summary: >-\n  Our digital team of six runs the website\n  and the council's online services.",
                 "summary: Our digital team of six runs the website\nand the council's online services.",
                 "13:1: error: this line continues summary, but it is not indented under 'summary:'. "
                 "Start the line with 2 spaces, so that it is part of summary.",
                 id="a second line of plain text not indented under its field"),
    pytest.param("kind: district", "kind:district",
                 "4:6: error: 'kind:district' has no space after the colon. Write 'kind: district'.",
                 id="no space after the colon"),
    pytest.param("    product: planx", "      product: planx",
                 "27:7: error: 'product' is not lined up with 'capability' on the line above. "
                 "Start 'product' with 4 spaces, like 'capability'.",
                 id="a field indented further than the one above"),
    pytest.param("    since: 2024", "   since: 2024",
                 "28:4: error: 'since' is not lined up with 'product' on the line above. "
                 "Start 'since' with 4 spaces, like 'product'.",
                 id="a field indented less than the one above, inside its list entry"),
    pytest.param("  - capability: revenues", "  -capability: revenues",
                 "29:4: error: '-capability: revenues' has no space after the '-'. Write '- capability: revenues'.",
                 id="a list dash with no space after it"),
    pytest.param("summary: >-\n  Our digital team of six runs the website\n  and the council's online services.",
                 "summary: Our aims: fewer PDFs.",
                 "12:18: error: the text of summary contains ': ', which YAML reads as the start of another field. "
                 "Put the text in quotes: summary: \"Our aims: fewer PDFs.\"",
                 id="text containing ': '"),
    pytest.param("    since: 2021\n    hosting: saas", "    since: 2021    hosting: saas",
                 "18:20: error: hosting is on the same line as since. Put 'hosting:' at the start of a line of its own.",
                 id="two fields on one line"),
    pytest.param("topics: [pdf-reduction]", "topics: [pdf-reduction",
                 "33:13: error: the list starting with '[' here has no closing ']'. "
                 "Add ']' at the end of the list, on the same line.",
                 id="a list left open, reported where it opens, not at the next field"),
    pytest.param("title: Fewer PDFs on our website", "title: 'Fewer PDFs on our website",
                 "32:12: error: the text starting with ' here has no closing '. Add ' at the end of the text.",
                 id="a quote left open, reported where it opens, not at the end of the file"),
])
def test_a_syntax_mistake_is_reported_on_its_own_line(content, meant, written, expected):
    assert problems_after(content, written, meant) == [f"{SHOWN}:{expected}"]


# Item 5: messages that say what is true.
@pytest.mark.parametrize("meant, written, expected", [
    pytest.param("    hosting: on-premises\n", "    hosting: on-premises\n  -\n",
                 ["26:4: error: item 3 of stack is empty. Delete the stray '-' line, or complete the entry."],
                 id="a stray dash is an empty item, not an empty stack"),
    pytest.param("    pledge:\n      money_gbp: 5000\n      days: 10\n", "    pledge: {money_gbp: 2,000, days: 10}\n",
                 ["40:25: error: money_gbp is 2,000: numbers are written without commas. Write money_gbp: 2000."],
                 id="a comma in a number between braces, not a field called '000'"),
    pytest.param("money_gbp: 5000", "money_gbp: 2,000",
                 ["41:18: error: money_gbp is 2,000: numbers are written without commas. Write money_gbp: 2000."],
                 id="a comma in a number"),
    pytest.param("maintainers: [elmbridge-digital, jane-doe]", "maintainers: [@elmbridge-digital, @jane-doe]",
                 ["9:15: error: maintainers: write GitHub names without the @, such as [elmbridge-digital, jane-doe]. "
                  "YAML does not allow a value to start with @."],
                 id="GitHub names written with an @"),
    pytest.param("maintainers: [elmbridge-digital, jane-doe]", "maintainers:\n  - @jane-doe",
                 ["10:5: error: maintainers: write GitHub names without the @, such as '- jane-doe'. "
                  "YAML does not allow a value to start with @."],
                 id="a GitHub name written with an @ in a list of lines"),
    pytest.param("      money_gbp: 5000\n      days: 10", "    money_gbp: 5000\n    days: 10",
                 ["41:5: error: 'money_gbp' belongs to pledge, but it is not indented under 'pledge:'. "
                  "Indent it two spaces further than 'pledge:'.",
                  "42:5: error: 'days' belongs to pledge, but it is not indented under 'pledge:'. "
                  "Indent it two spaces further than 'pledge:'."],
                 id="a pledge's fields not indented under it"),
    pytest.param("days: 10", "days: 5 days",
                 ["42:13: error: days is '5 days', which is not a whole number. Staff days pledged. "
                  "Write digits only, such as 5."],
                 id="a number with its unit, with the field's own example"),
    pytest.param("money_gbp: 5000", "money_gbp: £5000",
                 ["41:18: error: money_gbp is '£5000', which is not a whole number of pounds. Money pledged, in pounds. "
                  "Write digits only, such as 5000."],
                 id="a sum with a pound sign"),
])
def test_a_message_says_what_is_true(content, meant, written, expected):
    assert problems_after(content, written, meant) == [f"{SHOWN}:{line}" for line in expected]


def test_a_non_breaking_space_in_the_indentation_of_a_file_that_still_parses(content):
    # YAML reads '\u00a0region' as a field name, so the file parses; the space is still the mistake.
    assert problems_after(content, f"{NBSP}region: South East", "region: South East") == [
        f"{SHOWN}:6:1: error: this line is indented with a non-breaking space, which YAML does not read as a space. "
        "Delete the spaces before 'region' and type them again with the space bar."
    ]


def test_a_non_breaking_space_after_a_colon_in_a_file_that_still_parses(content):
    # A list entry of one line reads as text, not as a group of fields: the file parses.
    assert problems_after(content, f"  - capability:{NBSP}revenues\n", "  - capability: revenues\n"
                                                                       "    product: civica-openrevenues\n") == [
        f"{SHOWN}:29:16: error: there is a non-breaking space after 'capability:' instead of an ordinary space. "
        "Delete it and type an ordinary space: 'capability: revenues'."
    ]


def test_non_breaking_spaces_inside_text_are_left_alone(content):
    written = PROFILE.replace("Elmbridge Borough Council", f"Elmbridge{NBSP}Borough Council") \
        .replace("  and the council's", f"  {NBSP}and the council's")
    assert problems_after(content, written) == []


def test_a_mistake_of_no_known_shape_keeps_libyamls_words_at_its_place(content):
    assert problems_after(content, "kind: 'district' council", "kind: district") == [
        f"{SHOWN}:4:18: error: YAML syntax error: did not find expected key. Check the indentation, and that each "
        "'key: value' has a space after the colon; put text containing ': ' or starting with a special character "
        "in quotes."
    ]


def test_a_missing_colon_on_an_unknown_word_is_still_a_missing_colon(content):
    assert problems_after(content, "sumary Our digital team.", "summary: >-\n  Our digital team of six runs the "
                                                               "website\n  and the council's online services.") == [
        f"{SHOWN}:12:7: error: 'sumary Our digital team.' has no colon after 'sumary'. "
        "Write 'sumary: Our digital team.'."
    ]


def test_valid_files_never_reach_the_explanations(content, monkeypatch):
    """`check` stays fast: the shapes are looked for only in a file that fails to parse."""
    from directory.content import load

    def fail(*args):
        raise AssertionError("explained a file that parses")

    monkeypatch.setattr(load, "explain_syntax_error", fail)
    monkeypatch.setattr(load, "odd_space_in_structure", fail)
    assert problems_after(content, PROFILE) == []


def test_an_at_sign_before_anything_but_a_github_name_is_not_called_a_github_name(content):
    assert problems_after(content, "contact: @digital", "contact: digital@elmbridge.gov.uk") == [
        f"{SHOWN}:10:10: error: contact: a value cannot start with @. Leave out the @, or put the value in quotes."
    ]
