from __future__ import annotations

import dataclasses

import pytest

from jreject._frozen import fast_constructor


@dataclasses.dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int = 0


def test_builds_an_instance_of_the_frozen_class_itself():
    point = fast_constructor(Point)(1, y=2)
    assert type(point) is Point
    assert point == Point(1, 2)
    assert hash(point) == hash(Point(1, 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 3  # type: ignore[misc]


def test_refuses_a_class_without_slots():
    @dataclasses.dataclass(frozen=True)
    class Loose:
        x: int

    with pytest.raises(TypeError, match="not a slots dataclass"):
        fast_constructor(Loose)


def test_an_instance_built_so_pickles_and_copies_as_any_other():
    import copy
    import pickle

    point = fast_constructor(Point)(1, 2)
    assert pickle.loads(pickle.dumps(point)) == point
    assert copy.deepcopy(point) == point
