"""'Did you mean' that knows names and words, not only spelling: each case at its line and column, with its hint."""
from __future__ import annotations

import pytest

from directory.content import suggest
from tests.conftest import CAPABILITIES, ContentTree

SHOWN = "content/councils/test.yaml"
PRODUCTS = "Use one of the files in content/products/."
CAPABILITY_IDS = "Use one of the ids in content/capabilities.yaml."
TOPIC_IDS = "Use one of the ids in content/topics.yaml."


def add_product(content: ContentTree, record_id: str, name: str, vendor: str, capability: str = "payments") -> None:
    content.write(f"products/{record_id}.yaml", f"""\
        name: {name}
        vendor: {vendor}
        capabilities: [{capability}]
        open_source: false
        website: https://www.example.com
        """)


@pytest.fixture
def tree(content: ContentTree) -> ContentTree:
    """The shared test tree, with waste collections and payments, and near misses of one another's products."""
    (content.root / "capabilities.yaml").write_text(CAPABILITIES + """\
  - id: waste-management
    name: Waste and recycling collections
    group: place
    description: Collection rounds, missed bins and bulky waste.
  - id: payments
    name: Online and telephone payments
    group: customer
    description: Taking card payments.
""", encoding="utf-8")
    add_product(content, "civica-pay", "Civica Pay", "Civica")
    add_product(content, "civica-openrevenues", "OpenRevenues", "Civica", "revenues")
    add_product(content, "whitespace-collections", "Whitespace Collections", "Whitespace Work Software",
                "waste-management")
    return content


def stack(capability: str, product: str) -> str:
    return f"stack:\n  - capability: {capability}\n    product: {product}\n"


def problems(tree: ContentTree, extra: str, **fields: str) -> list[str]:
    tree.council("test", extra, **fields)
    return tree.problems()


# ----------------------------------------------------------------------------------------------
# A name, or a word of it, finds the id


def test_a_product_written_as_vendor_and_name_is_not_an_id_but_names_one(tree):
    assert problems(tree, stack("planning", "Idox Uniform")) == [
        f"{SHOWN}:9:14: error: product is 'Idox Uniform', which is not an id. "
        f"Did you mean 'idox-uniform' (Uniform by Idox)? {PRODUCTS}"
    ]


def test_a_product_written_by_its_name_alone(tree):
    assert problems(tree, stack("planning", "uniform")) == [
        f"{SHOWN}:9:14: error: unknown product 'uniform'. Did you mean 'idox-uniform' (Uniform by Idox)? {PRODUCTS}"
    ]


def test_a_capability_written_as_a_word_of_its_name_not_the_closest_spelling(tree):
    # By spelling alone, 'waste' is closest to 'website'.
    assert problems(tree, stack("waste", "whitespace-collections")) == [
        f"{SHOWN}:8:17: error: unknown capability 'waste'. "
        f"Did you mean 'waste-management' (Waste and recycling collections)? {CAPABILITY_IDS}"
    ]


def test_a_capability_written_as_its_name(tree):
    assert problems(tree, stack("Waste and recycling collections", "whitespace-collections")) == [
        f"{SHOWN}:8:17: error: capability is 'Waste and recycling collections', which is not an id. "
        f"Did you mean 'waste-management' (Waste and recycling collections)? {CAPABILITY_IDS}"
    ]


def test_a_capability_written_as_the_words_of_its_name(tree):
    assert problems(tree, stack("planning-applications", "planx")) == [
        f"{SHOWN}:8:17: error: unknown capability 'planning-applications'. "
        f"Did you mean 'planning' (Planning applications)? {CAPABILITY_IDS}"
    ]


def test_a_capability_found_by_a_word_of_its_description(tree):
    assert problems(tree, stack("bins", "whitespace-collections")) == [
        f"{SHOWN}:8:17: error: unknown capability 'bins'. "
        f"Did you mean 'waste-management' (Waste and recycling collections)? {CAPABILITY_IDS}"
    ]


def test_topics_found_by_initials_and_by_a_plural_of_their_name(tree):
    assert problems(tree, "challenges:\n  - title: Merging\n    topics: [lgr, pdfs]\n    status: planning\n") == [
        f"{SHOWN}:9:14: error: unknown topic 'lgr'. Did you mean 'local-government-reorganisation'? {TOPIC_IDS}",
        f"{SHOWN}:9:19: error: unknown topic 'pdfs'. Did you mean 'pdf-reduction' (Fewer PDFs)? {TOPIC_IDS}",
    ]


def test_a_council_written_by_its_name(tree):
    assert problems(tree, "", status="abolished", ended="2023-04-01", replaced_by="[Cumberland Council]") == [
        f"{SHOWN}:9:15: error: replaced_by is 'Cumberland Council', which is not an id. Did you mean 'cumberland'? "
        "Use one of the files in content/councils/."
    ]


def test_a_projects_product_written_by_its_name(tree):
    tree.write("projects/thing.yaml", "name: Thing\nkind: module\nstatus: active\nsummary: S\n"
                                      "product: LocalGov Drupal\n")
    assert tree.problems() == [
        "content/projects/thing.yaml:6:10: error: product is 'LocalGov Drupal', which is not an id. "
        f"Did you mean 'localgov-drupal'? {PRODUCTS}"
    ]


def test_a_capability_group_written_by_its_name(tree):
    path = tree.root / "capabilities.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("group: place\n    description: Collection",
                                 "group: Planning and place\n    description: Collection"), encoding="utf-8")
    assert tree.problems() == [
        "content/capabilities.yaml:22:12: error: group is 'Planning and place', which is not an id. "
        "Did you mean 'place' (Planning and place)? Use one of the groups at the top of capabilities.yaml."
    ]


# ----------------------------------------------------------------------------------------------
# Curly quotes pasted from a document


@pytest.mark.parametrize("extra, expected", [
    (stack("planning", "“idox-uniform”"),
     "9:14: error: product is '“idox-uniform”', which is not an id. "
     "Remove the curly quotes, leaving idox-uniform."),
    (stack("‘website’", "localgov-drupal"),
     "8:17: error: capability is '‘website’', which is not an id. Remove the curly quotes, leaving website."),
    (stack("planning", "“idox-unifrom”"),
     "9:14: error: product is '“idox-unifrom”', which is not an id. Remove the curly quotes. "
     f"Did you mean 'idox-uniform' (Uniform by Idox)? {PRODUCTS}"),
    (stack("website", "localgov-drupal") + "    hosting: ‘saas’\n",
     "10:14: error: hosting is '‘saas’', which is not one of the allowed values. "
     "Remove the curly quotes, leaving saas. Use one of: saas, cloud, on-premises, shared-service."),
])
def test_an_id_in_curly_quotes_is_recognised(tree, extra, expected):
    assert problems(tree, extra) == [f"{SHOWN}:{expected}"]


# ----------------------------------------------------------------------------------------------
# Products: never another vendor's for a few letters in common; how to add one that is not listed

ADD = ("A product not listed yet needs its own file, content/products/{id}.yaml (see CONTRIBUTING.md), "
       "or ask for it with the issue form 'Propose a product, capability or topic'.")


def test_another_vendors_product_is_never_suggested_for_a_near_spelling(tree):
    # By spelling alone, capita-pay360 is closest to civica-pay.
    assert problems(tree, stack("payments", "capita-pay360")) == [
        f"{SHOWN}:9:14: error: unknown product 'capita-pay360'. {PRODUCTS} {ADD.format(id='capita-pay360')}"
    ]


def test_a_product_name_not_listed_says_how_to_add_it(tree):
    assert problems(tree, stack("payments", "Capita Pay360")) == [
        f"{SHOWN}:9:14: error: product is 'Capita Pay360', which is not an id. "
        f"Ids are lower-case words joined by hyphens, such as 'localgov-drupal'. {PRODUCTS} "
        f"{ADD.format(id='capita-pay360')}"
    ]


def test_a_distinctive_word_of_the_name_finds_the_product_across_vendors(tree):
    add_product(tree, "capita-pay360", "Pay360", "Capita")
    # civica-pay shares the vendor and is spelt closely, but capita-pay360 shares the product's own name.
    assert problems(tree, stack("payments", "civica-pay360")) == [
        f"{SHOWN}:9:14: error: unknown product 'civica-pay360'. Did you mean 'capita-pay360' (Pay360 by Capita)? "
        f"{PRODUCTS} {ADD.format(id='civica-pay360')}"
    ]


def test_the_same_vendors_product_for_a_close_spelling_and_perhaps_a_new_one(tree):
    assert problems(tree, stack("payments", "civica-payments")) == [
        f"{SHOWN}:9:14: error: unknown product 'civica-payments'. Did you mean 'civica-pay'? "
        f"{PRODUCTS} {ADD.format(id='civica-payments')}"
    ]


def test_a_vendor_alone_finds_its_products(tree):
    assert problems(tree, stack("waste-management", "whitespace")) == [
        f"{SHOWN}:9:14: error: unknown product 'whitespace'. Did you mean 'whitespace-collections'? {PRODUCTS}"
    ]


def test_a_mistyped_product_is_a_typing_error_not_a_new_product(tree):
    assert problems(tree, stack("planning", "idox-unifrom")) == [
        f"{SHOWN}:9:14: error: unknown product 'idox-unifrom'. Did you mean 'idox-uniform' (Uniform by Idox)? "
        f"{PRODUCTS}"
    ]


# ----------------------------------------------------------------------------------------------
# Check stays fast: nothing is indexed unless a reference does not resolve, and each list only once


def test_names_are_indexed_only_when_needed_and_once(tree, monkeypatch):
    indexed: list[str] = []
    records = suggest.Suggestions._records
    monkeypatch.setattr(suggest.Suggestions, "_records",
                        lambda self, noun: indexed.append(noun) or records(self, noun))
    tree.council("test", stack("planning", "idox-uniform"))
    assert tree.problems() == [] and indexed == []
    tree.council("test", stack("waste", "civica-payments") + "  - capability: bins\n    product: Idox Uniform\n")
    assert len(tree.problems()) == 4
    assert sorted(indexed) == ["capability", "product"]
