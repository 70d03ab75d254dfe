"""Each rule of the content model, broken once, reported at the exact line and column with a fix."""
from __future__ import annotations

from datetime import date

import pytest

from directory.content.models import MODELS, Model
from tests.conftest import ContentTree

SHOWN = "content/councils/test.yaml"
STACK = """\
stack:
  - capability: website
    product: localgov-drupal
    since: 2021
    contract_ends: 2028-03-31
    hosting: saas
"""


def council_problems(content: ContentTree, extra: str = "", **fields) -> list[str]:
    content.council("test", extra, **fields)
    return content.problems()


def test_unknown_field_with_did_you_mean(content):
    assert council_problems(content, "sumary: Hello\n") == [
        f"{SHOWN}:7:1: error: 'sumary' is not a field here. Did you mean 'summary'? Fields allowed here: name, gss, "
        "kind, nation, region, website, status, starts, ended, replaced_by, maintainers, contact, reviewed, summary, "
        "stack, challenges, projects, contracts."
    ]


def test_unknown_field_in_a_stack_entry(content):
    assert council_problems(content, STACK + "    hostng: cloud\n") == [
        f"{SHOWN}:13:5: error: 'hostng' is not a field here. Did you mean 'hosting'? Fields allowed here: capability, "
        "product, since, contract_ends, hosting, notes, source."
    ]


def test_missing_field_points_at_the_mapping_and_says_what_to_add(content):
    assert council_problems(content, kind=None) == [
        f"{SHOWN}:2:1: error: 'kind' is missing. Add kind: county, district, unitary, metropolitan-district, "
        "london-borough or sui-generis."
    ]


def test_enumeration_with_did_you_mean(content):
    assert council_problems(content, STACK.replace("hosting: saas", "hosting: sass")) == [
        f"{SHOWN}:12:14: error: hosting is 'sass', which is not one of the allowed values. Did you mean 'saas'? "
        "Use one of: saas, cloud, on-premises, shared-service."
    ]


def test_real_dates_only(content):
    assert council_problems(content, STACK.replace("2028-03-31", "2028-02-30")) == [
        f"{SHOWN}:11:20: error: contract_ends is '2028-02-30', which is not a date. "
        "Write dates as YYYY-MM-DD, such as 2028-03-31."
    ]


def test_year_must_be_four_digits(content):
    assert council_problems(content, STACK.replace("since: 2021", "since: 21")) == [
        f"{SHOWN}:10:12: error: since is '21': it must be a year written with four digits, such as 2023."
    ]


def test_contract_cannot_end_before_it_started(content):
    assert council_problems(content, STACK.replace("2028-03-31", "2019-03-31")) == [
        f"{SHOWN}:11:5: error: contract_ends (2019-03-31) is before since (2021)."
    ]


def test_https_urls_only(content):
    assert council_problems(content, website="http://www.test.gov.uk") == [
        f"{SHOWN}:7:10: error: website is 'http://www.test.gov.uk': it must be a web address starting with https://."
    ]


def test_gss_code_must_be_well_formed(content):
    assert council_problems(content, gss="E0600006") == [
        f"{SHOWN}:3:6: error: gss is 'E0600006', which is not an ONS GSS code. "
        "A GSS code is E, N, S or W followed by 8 digits, such as E06000063."
    ]


def test_gss_code_must_be_unique(content):
    assert council_problems(content, gss="E06000063") == [
        f"{SHOWN}:3:6: error: the GSS code E06000063 is already used by content/councils/cumberland.yaml. "
        "Each council has its own GSS code: check it against the ONS register."
    ]


def test_abolished_council_needs_ended_and_replaced_by(content):
    assert council_problems(content, status="abolished") == [
        f"{SHOWN}:7:1: error: an abolished council needs ended: the day it ended, written YYYY-MM-DD."
    ]
    assert council_problems(content, status="abolished", ended="2023-04-01") == [
        f"{SHOWN}:7:1: error: an abolished council needs replaced_by: the ids of the councils that replaced it."
    ]


def test_abolished_council_is_replaced_by_known_councils(content):
    assert council_problems(content, status="abolished", ended="2023-04-01", replaced_by="[cumberlnd]") == [
        f"{SHOWN}:9:15: error: unknown council 'cumberlnd'. Did you mean 'cumberland'? "
        "Use one of the files in content/councils/."
    ]


def test_ended_only_for_abolished_councils(content):
    assert council_problems(content, ended="2023-04-01") == [
        f"{SHOWN}:7:1: error: ended is only for a council whose status is abolished."
    ]


def test_forthcoming_council_needs_no_gss_but_a_start(content):
    assert council_problems(content, gss=None, status="forthcoming", starts="2027-04-01") == []
    assert council_problems(content, gss=None) == [f"{SHOWN}:2:1: error: gss is missing: add the council's ONS GSS "
                                                   "code, such as E06000063."]


def test_contact_must_be_on_the_councils_own_domain(content):
    assert council_problems(content, website="https://www.test.gov.uk", contact="digital@gmail.com") == [
        f"{SHOWN}:8:10: error: contact is on gmail.com, not on the council's own domain test.gov.uk. "
        "Use a team mailbox ending in @test.gov.uk, never a personal or supplier address."
    ]
    assert council_problems(content, website="https://www.test.gov.uk", contact="digital@test.gov.uk") == []
    assert council_problems(content, website="https://www.test.gov.uk", contact="web@digital.test.gov.uk") == []


def test_contact_needs_a_website(content):
    assert council_problems(content, contact="digital@test.gov.uk") == [
        f"{SHOWN}:7:10: error: contact needs the council's website, to check it is on the council's domain. "
        "Add website: https://... for the council."
    ]


def test_contact_must_be_an_email_address(content):
    assert council_problems(content, website="https://www.test.gov.uk", contact="call 01234") == [
        f"{SHOWN}:8:10: error: contact is 'call 01234': it must be an email address, such as digital@example.gov.uk."
    ]


@pytest.mark.parametrize("extra, expected", [
    (STACK.replace("capability: website", "capability: websit"),
     "8:17: error: unknown capability 'websit'. Did you mean 'website'? Use one of the ids in content/capabilities.yaml."),
    (STACK.replace("product: localgov-drupal", "product: localgov-drupl"),
     "9:14: error: unknown product 'localgov-drupl'. Did you mean 'localgov-drupal'? "
     "Use one of the files in content/products/."),
    ("challenges:\n  - title: Fewer PDFs\n    topics: [pdf-reductoin]\n    status: exploring\n",
     "9:14: error: unknown topic 'pdf-reductoin'. Did you mean 'pdf-reduction' (Fewer PDFs)? "
     "Use one of the ids in content/topics.yaml."),
    ("projects:\n  - project: localgov-elektions\n    role: funder\n",
     "8:14: error: unknown project 'localgov-elektions'. Did you mean 'localgov-elections'? "
     "Use one of the files in content/projects/."),
    ("projects:\n  - project: something-else\n    role: funder\n",
     "8:14: error: unknown project 'something-else'. Use one of the files in content/projects/."),
])
def test_every_reference_resolves_with_did_you_mean(content, extra, expected):
    assert council_problems(content, extra) == [f"{SHOWN}:{expected}"]


def test_reorganisation_references_resolve(content):
    content.write("reorganisations/cumbria.yaml", """\
        name: Cumbria
        stage: vested
        vesting: 2023-04-01
        predecessors: [cumbria-county]
        successors: [cumberland]
        source: https://example.org/source
        """)
    assert content.problems() == [
        "content/reorganisations/cumbria.yaml:5:16: error: unknown council 'cumbria-county'. "
        "Use one of the files in content/councils/."
    ]


def test_pledge_only_on_fund_projects(content):
    extra = "projects:\n  - project: localgov-publications\n    role: partner\n    pledge: {money_gbp: 100}\n"
    assert council_problems(content, extra) == [
        f"{SHOWN}:10:13: error: LocalGov Publications is a module, not a fund project, so it takes no pledge. "
        "Remove the pledge, or choose a project whose kind is fund."
    ]


def test_same_stack_entry_twice(content):
    assert council_problems(content, STACK + "  - capability: website\n    product: localgov-drupal\n") == [
        f"{SHOWN}:13:5: error: localgov-drupal for website is listed twice in the stack. "
        "Keep one entry and put the variations in its notes."
    ]


def test_id_is_not_written_in_the_file(content):
    assert council_problems(content, "id: test\n") == [
        f"{SHOWN}:7:1: error: 'id' is not written in the file. "
        "The file name is the id: remove this line (this record's id is 'test')."
    ]


def test_vocabulary_ids_are_well_formed_and_unique(content):
    text = (content.root / "topics.yaml").read_text()
    (content.root / "topics.yaml").write_text(text + "  - id: PDF_Reduction\n    name: X\n    description: Y\n"
                                                     "  - id: pdf-reduction\n    name: X\n    description: Y\n")
    assert content.problems() == [
        "content/topics.yaml:9:9: error: id is 'PDF_Reduction', which is not a valid id. "
        "Ids are lower-case words joined by hyphens, such as 'localgov-drupal'.",
    ]
    (content.root / "topics.yaml").write_text(text + "  - id: pdf-reduction\n    name: X\n    description: Y\n")
    assert content.problems() == [
        "content/topics.yaml:9:9: error: the topic id 'pdf-reduction' is used twice. "
        "Each id must be unique: rename one of them."
    ]


def test_every_problem_in_every_file_in_one_run(content):
    content.council("one", website="http://one.example")
    content.council("two", kind="parish")
    content.write("products/bad.yaml", "name: Bad\n")
    problems = content.problems()
    assert [p.split(": error:")[0] for p in problems] == [
        "content/councils/one.yaml:7:10", "content/councils/two.yaml:4:7",
        "content/products/bad.yaml:2:1", "content/products/bad.yaml:2:1", "content/products/bad.yaml:2:1",
        "content/products/bad.yaml:2:1",
    ]


def test_stale_profile_and_ended_contract_are_warnings(content):
    problems = council_problems(content, STACK.replace("2028-03-31", "2026-03-31"), reviewed="2025-06-01")
    assert problems == [
        f"{SHOWN}:7:11: warning: this profile was last reviewed on 2025-06-01, more than 12 months ago. "
        "Check every entry is still true, then set reviewed to today's date.",
        f"{SHOWN}:12:20: warning: the contract for localgov-drupal ended on 2026-03-31. "
        "Update contract_ends if it was renewed, or the entry if the product was replaced.",
    ]
    assert content.check().errors == []


def test_reviewed_in_the_future_is_an_error(content):
    assert council_problems(content, reviewed="2027-01-01") == [
        f"{SHOWN}:7:11: error: reviewed is 2027-01-01, which is in the future. "
        "Write the day the council last confirmed this profile."
    ]


def test_product_used_for_a_capability_it_does_not_list_is_a_warning(content):
    problems = council_problems(content, STACK.replace("capability: website", "capability: planning"))
    assert problems == [
        f"{SHOWN}:8:17: warning: LocalGov Drupal is not listed as a product for planning. "
        "Check the capability, or ask for it to be added to content/products/localgov-drupal.yaml (it lists: website)."
    ]


def test_fund_target_only_on_fund_projects(content):
    content.write("projects/thing.yaml", "name: Thing\nkind: module\nstatus: active\nsummary: S\n"
                                         "funding_target_gbp: 1000\n")
    assert content.problems() == [
        "content/projects/thing.yaml:6:1: error: funding_target_gbp is only for projects whose kind is fund."
    ]


@pytest.mark.parametrize("kind, model", sorted(MODELS.items()))
def test_every_field_is_described(kind, model: type[Model]):
    undocumented = []

    def visit(current: type[Model]) -> None:
        for name, field in current.model_fields.items():
            if name != "id" or current.__name__ in ("Capability", "Topic", "CapabilityGroup"):
                if not field.description:
                    undocumented.append(f"{current.__name__}.{name}")
            for argument in (field.annotation, *getattr(field.annotation, "__args__", ())):
                for inner in (argument, *getattr(argument, "__args__", ())):
                    if isinstance(inner, type) and issubclass(inner, Model):
                        visit(inner)

    visit(model)
    assert undocumented == []


def test_stale_check_uses_the_given_day(content):
    content.council("test", reviewed="2025-06-01")
    assert content.check(today=date(2026, 5, 1)).problems == []


def test_a_council_with_errors_is_still_known_to_others_and_still_has_its_references_checked(content):
    content.write("reorganisations/cumbria.yaml", """\
        name: Cumbria
        stage: vested
        vesting: 2023-04-01
        predecessors: [test]
        successors: [cumberland]
        source: https://example.org/source
        """)
    problems = council_problems(content, STACK.replace("hosting: saas", "hosting: sass")
                                .replace("product: localgov-drupal", "product: localgov-drupl"))
    assert problems == [
        f"{SHOWN}:9:14: error: unknown product 'localgov-drupl'. Did you mean 'localgov-drupal'? "
        "Use one of the files in content/products/.",
        f"{SHOWN}:12:14: error: hosting is 'sass', which is not one of the allowed values. Did you mean 'saas'? "
        "Use one of: saas, cloud, on-premises, shared-service.",
    ]


def test_an_empty_value_is_called_empty_not_the_wrong_type(content):
    assert council_problems(content, "stack:\n  - capability: website\n    product:\n", name="") == [
        f"{SHOWN}:2:6: error: name is empty. Write its value after 'name:'. The council's official name.",
        f"{SHOWN}:9:13: error: product is empty. Write its value after 'product:'. "
        "The product used: the id of a file in content/products/.",
    ]


# ----------------------------------------------------------------------------------------------
# Contracts (council.contracts): from the council itself, or read from a notice or a decision

CONTRACT = """\
contracts:
  - capability: website
    product: localgov-drupal
    title: Website hosting and support
    starts: 2024-04-01
    ends: 2027-03-31
    value_gbp: 48732.42
    status: awarded
    ocid: ocds-b5fd17-aaaaaaaa-0000-4000-8000-000000000001
    source: https://www.contractsfinder.service.gov.uk/Notice/aaaaaaaa-0000-4000-8000-000000000001
"""


def test_a_contract_as_the_import_writes_it_checks_clean(content):
    assert council_problems(content, CONTRACT) == []


def test_a_contract_cannot_end_before_it_starts(content):
    assert council_problems(content, CONTRACT.replace("ends: 2027-03-31", "ends: 2023-03-31")) == [
        f"{SHOWN}:12:5: error: the contract ends (2023-03-31) before it starts (2024-04-01)."
    ]


def test_a_contracts_capability_and_product_are_ids_with_did_you_mean(content):
    assert council_problems(content, CONTRACT.replace("capability: website", "capability: websit")
                            .replace("product: localgov-drupal", "product: localgov-drupl")) == [
        f"{SHOWN}:8:17: error: unknown capability 'websit'. Did you mean 'website'? "
        "Use one of the ids in content/capabilities.yaml.",
        f"{SHOWN}:9:14: error: unknown product 'localgov-drupl'. Did you mean 'localgov-drupal'? "
        "Use one of the files in content/products/.",
    ]


def test_a_contract_read_from_the_public_record_needs_its_source(content):
    without_source = CONTRACT.replace(CONTRACT.splitlines()[-1] + "\n", "    buyer_inferred: true\n")
    assert council_problems(content, without_source) == [
        f"{SHOWN}:16:5: error: buyer_inferred is only for a contract read from the public record, and this one has "
        "no source: add source:, the page it was read from, or remove buyer_inferred."
    ]


def test_a_contract_listed_twice_is_an_error_on_the_second(content):
    assert council_problems(content, CONTRACT + CONTRACT.split("\n", 1)[1]) == [
        f"{SHOWN}:24:11: error: the contract ocds-b5fd17-aaaaaaaa-0000-4000-8000-000000000001 is listed twice: it is "
        "also on line 8. Keep one entry for each contract, with everything its sources say."
    ]
    declared = "contracts:\n  - capability: website\n    ends: 2027-03-31\n  - capability: website\n    ends: 2027-03-31\n"
    assert council_problems(content, declared) == [
        f"{SHOWN}:10:17: error: this website contract, with the same product and dates, is listed twice: it is also "
        "on line 8. Keep one entry for each contract, with everything its sources say."
    ]


DECLARED = CONTRACT.split("    status:")[0] + "\n"  # the same contract as the council states it: no source


def test_the_latest_declared_contract_for_a_capability_ended_long_ago_is_a_warning(content):
    assert council_problems(content, DECLARED.replace("ends: 2027-03-31", "ends: 2025-03-31")) == [
        f"{SHOWN}:12:11: warning: the latest contract listed for website ended on 2025-03-31, more than a year ago. "
        "Add the contract that followed it, or correct ends if this one was extended."
    ]
    followed = DECLARED.replace("ends: 2027-03-31", "ends: 2025-03-31") + \
        "  - capability: website\n    starts: 2025-04-01\n"  # its end not known: it may be the one in force
    assert council_problems(content, followed) == []
    in_the_stack = "stack:\n  - {capability: website, product: localgov-drupal, contract_ends: 2028-03-31}\n"
    assert council_problems(content, in_the_stack + DECLARED.replace("ends: 2027-03-31", "ends: 2025-03-31")) == []


def test_a_contract_from_the_public_record_that_ended_long_ago_is_history_not_a_warning(content):
    assert council_problems(content, CONTRACT.replace("ends: 2027-03-31", "ends: 2025-03-31")) == []
    abolished = {"status": "abolished", "ended": "2023-04-01", "replaced_by": "[cumberland]"}
    ended = CONTRACT.replace("starts: 2024-04-01", "starts: 2019-04-01").replace("ends: 2027-03-31", "ends: 2022-03-31")
    assert council_problems(content, ended, **abolished) == []


def test_a_contracts_product_that_does_not_serve_its_capability_is_a_warning(content):
    assert council_problems(content, CONTRACT.replace("capability: website", "capability: planning")) == [
        f"{SHOWN}:9:14: warning: LocalGov Drupal is not listed as a product for planning. Check the capability, or "
        "ask for it to be added to content/products/localgov-drupal.yaml (it lists: website)."
    ]


def test_a_value_is_written_in_pounds_as_digits(content):
    assert council_problems(content, CONTRACT.replace("48732.42", "£48,732")) == [
        f"{SHOWN}:13:16: error: value_gbp is '£48,732': it must be an amount in pounds written with digits only, "
        "such as 48732.42 (no £ sign, commas or 'k')."
    ]
