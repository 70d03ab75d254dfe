"""Every allowed value has its words: each Literal a model accepts is one of the vocabularies, so no page can
show a raw id for want of a label, and a label asked for a value it does not know fails the build."""
from __future__ import annotations

import typing

import pytest

from directory.content import vocabulary
from directory.content.models import MODELS


def _literals(annotation: object) -> list[tuple[str, ...]]:
    if typing.get_origin(annotation) is typing.Literal:
        return [typing.get_args(annotation)]
    found = []
    for argument in typing.get_args(annotation):
        found += _literals(argument)
    if hasattr(annotation, "model_fields"):
        for field in annotation.model_fields.values():
            found += _literals(field.annotation)
    return found


def _allowed_value_sets() -> dict[str, tuple[str, ...]]:
    found = {}
    for kind, model in MODELS.items():
        for name, field in model.model_fields.items():
            for values in _literals(field.annotation):
                found[f"{kind}.{name}: {values}"] = values
    return found


def test_the_models_allow_values():
    assert len(_allowed_value_sets()) >= 8  # the walk finds the Literals inside lists and nested models


@pytest.mark.parametrize("where, values", sorted(_allowed_value_sets().items()))
def test_every_allowed_value_has_its_words(where: str, values: tuple[str, ...]):
    vocabularies = [v for v in vocabulary.VOCABULARIES.values() if set(v.values) == set(values)]
    assert vocabularies, f"{where}: no vocabulary in directory/content/vocabulary.py has exactly these values"
    for value in values:
        assert vocabularies[0].label(value).strip()


def test_colours_and_headings_cover_every_value_where_given():
    for name, terms in vocabulary.VOCABULARIES.items():
        for extra in (terms.colours, terms.headings, terms.meanings):
            assert not extra or set(extra) == set(terms.values), name


def test_a_value_without_words_fails_instead_of_showing_the_id():
    with pytest.raises(ValueError, match="'teleport' has no words in the hosting vocabulary"):
        vocabulary.label("teleport", "hosting")
