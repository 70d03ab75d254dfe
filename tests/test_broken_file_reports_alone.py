"""A file that cannot be read is reported in that file alone, and first: the files naming its council,
product or project do not report it as unknown, because the file exists."""
from __future__ import annotations

from tests.conftest import ContentTree

BROKEN_CUMBERLAND = """\
    name: Cumberland Council
    gss E06000063
    kind: unitary
    """


def _naming_cumberland(content: ContentTree) -> None:
    for district in ("allerdale", "carlisle"):
        content.council(district, gss={"allerdale": "E07000026", "carlisle": "E07000028"}[district],
                        status="abolished", ended="2023-04-01", replaced_by="[cumberland]")
    content.write("reorganisations/cumbria-2023.yaml", """\
        name: Cumbria reorganisation
        stage: vested
        vesting: 2023-04-01
        predecessors: [allerdale, carlisle]
        successors: [cumberland]
        source: https://www.legislation.gov.uk/uksi/2022/331/contents/made
        """)


def test_a_syntax_error_is_reported_in_its_own_file_only(content: ContentTree):
    _naming_cumberland(content)
    assert content.problems() == []
    content.write("councils/cumberland.yaml", BROKEN_CUMBERLAND)
    problems = content.check().problems
    assert {problem.path for problem in problems} == {"content/councils/cumberland.yaml"}
    assert all(problem.severity == "error" for problem in problems)


def test_an_unreadable_file_is_reported_before_other_files(content: ContentTree):
    _naming_cumberland(content)
    content.write("councils/cumberland.yaml", BROKEN_CUMBERLAND)
    content.council("allerdale", gss="E07000026", status="abolished", ended="2023-04-01",
                    replaced_by="[cumberland]", website="http://www.allerdale.gov.uk")
    problems = content.check().problems
    assert [problem.path for problem in problems] == ["content/councils/cumberland.yaml",
                                                      "content/councils/allerdale.yaml"]


def test_a_file_that_is_not_valid_yet_is_still_known(content: ContentTree):
    content.council("allerdale", gss="E07000026", status="abolished", ended="2023-04-01", replaced_by="[cumberland]")
    content.write("councils/cumberland.yaml", "name: Cumberland Council\nkind: town\n")
    assert {problem.path for problem in content.check().problems} == {"content/councils/cumberland.yaml"}


def test_a_council_with_no_file_is_still_unknown(content: ContentTree):
    content.council("allerdale", gss="E07000026", status="abolished", ended="2023-04-01", replaced_by="[cumbrland]")
    assert content.problems() == [
        "content/councils/allerdale.yaml:9:15: error: unknown council 'cumbrland'. Did you mean 'cumberland'? "
        "Use one of the files in content/councils/."]
