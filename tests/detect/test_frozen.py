"""The fast builders of frozen values give exactly what the dataclass constructors give."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable
from typing import Any

import pytest

from jreject.detect._frozen import unfrozen
from jreject.detect.client import Client, Sources, new_client
from jreject.detect.fixups import BrowserFacts, new_facts
from jreject.detect.platforms import Platform, new_platform

# A distinct value per field, so that two fields swapped in a builder show.
CASES: list[tuple[type, Callable[..., Any]]] = [
    (Client, new_client),
    (BrowserFacts, new_facts),
    (Platform, new_platform),
]


def _distinct_values(cls: type) -> list[object]:
    values: list[object] = []
    for index, field in enumerate(dataclasses.fields(cls)):
        if field.name == "sources":
            values.append(Sources("user-agent", "client-hints"))
        elif "bool" in str(field.type):
            values.append(index % 2 == 0)
        elif "tuple" in str(field.type):
            values.append((index, index + 1))
        else:
            values.append(f"value-{index}")
    return values


@pytest.mark.parametrize(("cls", "build"), CASES, ids=lambda case: getattr(case, "__name__", ""))
def test_a_builder_gives_the_constructors_value(cls, build):
    values = _distinct_values(cls)
    built, made = build(*values), cls(*values)
    assert type(built) is cls
    assert built == made
    assert hash(built) == hash(made)
    assert repr(built) == repr(made)
    assert [getattr(built, f.name) for f in dataclasses.fields(cls)] == values
    assert pickle.loads(pickle.dumps(built)) == made


@pytest.mark.parametrize(("cls", "build"), CASES, ids=lambda case: getattr(case, "__name__", ""))
def test_a_built_value_is_as_frozen_as_a_constructed_one(cls, build):
    values = _distinct_values(cls)
    first = dataclasses.fields(cls)[0].name
    for value in (build(*values), cls(*values)):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, first, "changed")
        # Neither takes a new attribute (CPython's slotted frozen dataclasses say
        # so with a TypeError from their __setattr__'s super() call).
        with pytest.raises((AttributeError, TypeError)):
            value.not_a_field = 1


def test_only_slotted_dataclasses_without_post_init_have_an_unfrozen_twin():
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            pass

    for cls in (NoSlots, Checked):
        with pytest.raises(TypeError, match="not a slotted dataclass"):
            unfrozen(cls)
