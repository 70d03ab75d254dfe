"""`serve` matches again only what a changed profile touches (matching.MatchMemory). These tests change profiles
at random, many times over, and after each change compare what the memory gives with matching the whole
directory afresh: they must be equal, reason for reason, in the same order.

The changes are made to the records themselves (model_copy), as `serve` sees them: a profile that changed is a
new record, every other one the very same object (content/cache.py).
"""
from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from directory.content.check import check
from directory.content.models import Council, Directory
from directory.demo import generate
from directory.derive import matching
from directory.derive.matching import MatchMemory, find_matches

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def shipped() -> Directory:
    """The shipped content: real councils, with every kind of reason (worked-together and done-before among
    them), forthcoming and abolished councils."""
    checked = check(ROOT / "content", date(2026, 11, 1), ROOT)
    assert checked.errors == []
    return checked.directory


def changed(council: Council, rng: random.Random, directory: Directory) -> Council:
    """The council with one of the things matching reads of it changed at random."""
    kind = rng.choice(["product", "drop-entry", "contract-end", "challenge-status", "seeking", "drop-challenge",
                       "name", "drop-project", "phase", "join-project"])
    stack, challenges, projects = list(council.stack), list(council.challenges), list(council.projects)
    if kind == "product" and stack:
        at = rng.randrange(len(stack))
        others = [p for p in directory.products.values() if stack[at].capability in p.capabilities]
        stack[at] = stack[at].model_copy(update={"product": rng.choice(others).id})
    elif kind == "drop-entry" and stack:
        del stack[rng.randrange(len(stack))]
    elif kind == "contract-end" and stack:
        at = rng.randrange(len(stack))
        stack[at] = stack[at].model_copy(update={"contract_ends": date(2027, 1, 1).replace(
            year=rng.randint(2027, 2030), month=rng.randint(1, 12))})
    elif kind in ("challenge-status", "seeking", "drop-challenge") and challenges:
        at = rng.randrange(len(challenges))
        if kind == "drop-challenge":
            del challenges[at]
        elif kind == "seeking":
            challenges[at] = challenges[at].model_copy(update={"seeking": rng.choice([[], ["partners"], ["advice"]])})
        else:
            status = "exploring" if challenges[at].status == "done" else "done"
            challenges[at] = challenges[at].model_copy(update={"status": status})
    elif kind == "name":
        return council.model_copy(update={"name": council.name + " (renamed)"})
    elif kind == "drop-project" and projects:
        del projects[rng.randrange(len(projects))]
    elif kind == "phase" and projects:
        at = rng.randrange(len(projects))
        phases = [phase.id for phase in directory.projects[projects[at].project].phases]
        projects[at] = projects[at].model_copy(update={"phase": rng.choice([None, *phases])})
    elif kind == "join-project":
        project = rng.choice(list(directory.projects.values()))
        phase = rng.choice([None, *(phase.id for phase in project.phases)])
        template = next(part for other in directory.councils.values() for part in other.projects)
        projects.append(template.model_copy(update={"project": project.id, "phase": phase, "pledge": None}))
    return council.model_copy(update={"stack": stack, "challenges": challenges, "projects": projects})


def with_councils(directory: Directory, councils: dict[str, Council]) -> Directory:
    return directory.model_copy(update={"councils": councils})


def assert_same_as_afresh(memory: MatchMemory, directory: Directory) -> list[matching.Match]:
    remembered, afresh = find_matches(directory, memory=memory), find_matches(directory)
    assert [m.councils for m in remembered] == [m.councils for m in afresh]  # first the pairs, for a readable diff
    assert remembered == afresh
    return remembered


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Directory:
    """A demo directory: many challenges, so topics and help, which the shipped content has few of."""
    root = generate(tmp_path_factory.mktemp("demo") / "content", 150, seed=4, start=date(2026, 11, 1))
    checked = check(root, date(2026, 11, 1))
    assert checked.errors == []
    return checked.directory


# What each directory must show the changes in, to be a test of every kind of reason.
KINDS_IN = {"shipped": {"same-product", "renewal-window", "same-project", "worked-together", "same-reorganisation",
                        "same-vesting-day", "done-before"},
            "demo": {"same-product", "shared-topic", "can-help", "renewal-window", "same-project",
                     "same-reorganisation", "same-vesting-day"}}


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("name", sorted(KINDS_IN))
def test_matching_again_after_random_changes_gives_what_matching_afresh_gives(name: str, seed: int, request):
    directory = request.getfixturevalue(name)
    rng = random.Random(seed)
    memory = MatchMemory()
    assert_same_as_afresh(memory, directory)
    kinds: set[str] = set()
    for _ in range(25):
        councils = dict(directory.councils)
        for council_id in rng.sample(sorted(councils), rng.choice([1, 1, 1, 2, 5])):
            councils[council_id] = changed(councils[council_id], rng, directory)
        directory = with_councils(directory, councils)
        found = assert_same_as_afresh(memory, directory)
        kinds |= {reason.kind for m in found for reason in m.reasons}
    assert kinds >= KINDS_IN[name]


def test_a_change_of_status_or_of_anything_else_matching_reads_matches_everything_again(shipped: Directory):
    memory = MatchMemory()
    assert_same_as_afresh(memory, shipped)
    active = next(c for c in shipped.councils.values() if c.status == "active" and c.stack)
    abolished = with_councils(shipped, {**shipped.councils,
                                        active.id: active.model_copy(update={"status": "abolished"})})
    assert_same_as_afresh(memory, abolished)  # it no longer takes part
    assert_same_as_afresh(memory, shipped)  # and back
    product = shipped.products[active.stack[0].product]
    renamed = shipped.model_copy(update={"products": {**shipped.products, product.id: product.model_copy(
        update={"name": "Another name"})}})
    found = assert_same_as_afresh(memory, renamed)
    assert any("Another name" in reason.sentence for m in found for reason in m.reasons)
    removed = with_councils(shipped, {k: v for k, v in shipped.councils.items() if k != active.id})
    assert_same_as_afresh(memory, removed)
    assert_same_as_afresh(memory, shipped)


def test_a_profile_changed_works_out_again_only_the_entries_it_is_in(shipped: Directory, monkeypatch):
    """One product changed in one stack: the pairs found again are those of the two products' entries and of the
    capability's help, not every pair in the directory."""
    memory = MatchMemory()
    find_matches(shipped, memory=memory)
    council = next(c for c in shipped.councils.values() if c.status == "active" and len(c.stack) > 1)
    entry = council.stack[0]
    other = next(p.id for p in shipped.products.values()
                 if entry.capability in p.capabilities and p.id != entry.product)
    stack = [entry.model_copy(update={"product": other}), *council.stack[1:]]
    directory = with_councils(shipped, {**shipped.councils, council.id: council.model_copy(update={"stack": stack})})
    worked_out: list[matching.Entries] = []
    within = matching.Pairs.within

    def noting(self, only):
        worked_out.append(only)
        return within(self, only)

    monkeypatch.setattr(matching.Pairs, "within", noting)
    assert_same_as_afresh(memory, directory)
    # The pairs as they were and as they are, in the touched entries only.
    assert len(worked_out) == 2
    assert worked_out[0] == worked_out[1] == matching.Entries(
        uses={(entry.capability, entry.product), (entry.capability, other)}, helped={entry.capability})
