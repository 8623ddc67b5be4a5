from __future__ import annotations

import dataclasses

import pytest

from jreject.detect.client import Client, Sources, positional_builder


def _values() -> list[object]:
    return [
        "chrome",
        "Chrome",
        (131, 0),
        "131.0",
        "blink",
        (131, 0),
        "windows",
        "Windows",
        (10,),
        True,
        "desktop",
        False,
        None,
        "chrome",
        (131,),
        (131, 0),
        Sources("user-agent"),
        "UA",
    ]


def test_positional_builder_gives_the_value_init_gives():
    built = positional_builder(Client)(*_values())
    assert built == Client(*_values())
    assert hash(built) == hash(Client(*_values()))
    assert built.label == "Chrome 131.0"


def test_positionally_built_values_stay_frozen():
    built = positional_builder(Client)(*_values())
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.browser = "firefox"  # type: ignore[misc]


def test_positional_builder_needs_every_field():
    with pytest.raises(TypeError):
        positional_builder(Client)(*_values()[:-1])


def test_positional_builder_refuses_a_post_init():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("value must be ≥ 0")

    with pytest.raises(TypeError, match="__post_init__"):
        positional_builder(Checked)


def test_positional_builder_refuses_a_class_without_slots():
    @dataclasses.dataclass(frozen=True)
    class Loose:
        value: int

    with pytest.raises(TypeError, match="slotted"):
        positional_builder(Loose)
