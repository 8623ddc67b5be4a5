"""Building frozen, slotted dataclasses on the hot path without one call per field.

A frozen dataclass's ``__init__`` stores each field with ``object.__setattr__`` (its
own ``__setattr__`` refuses): a Python-level call per field, ~0.1 µs each, so the 19
fields of a :class:`~jreject.detect.client.Client` cost ~2 µs, a tenth of an uncached
detection. :func:`unfrozen` gives a class with the same slots and no such
``__setattr__``: a builder fills one by plain attribute stores (which CPython
specialises to a direct slot write) and then sets its ``__class__`` to the frozen
class, which CPython allows because both have the very same slots. The object is then
an ordinary instance of the frozen class: type, equality, hash, repr, pickling and
immutability are the dataclass's own, and ``tests/detect/test_frozen.py`` checks each
builder against its class's constructor, field by field.
"""

from __future__ import annotations

from typing import Any

__all__ = ["unfrozen"]


def unfrozen(cls: type) -> Any:
    """A class with ``cls``'s slots (in order) and no frozen ``__setattr__``.

    ``cls`` must be a ``@dataclass(frozen=True, slots=True)`` with no ``__post_init__``
    (nothing would run it). Typed ``Any`` on purpose: a builder stores attributes on
    its instances that only the slots declare.
    """
    slots = cls.__dict__.get("__slots__")
    if not isinstance(slots, tuple) or "__post_init__" in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a slotted dataclass without __post_init__")
    return type(f"_Unfrozen{cls.__name__}", (), {"__slots__": slots, "__module__": cls.__module__})
