"""Indented JSON, fast: the exact text of ``json.dumps(asdict(x), ensure_ascii=False, indent=2,
default=str)``, in a fraction of its time.

With ``indent`` set, the standard library encodes every value in Python; a 10k result (a dozen
megabytes, a million values) took longer than solving it. Here every container whose values are
all plain scalars — a match's components, a reason's parameters, a candidate pair — is encoded at
once by the C encoder (its item separator carries the newline and the indent of that depth), and
only the containers above them are walked in Python. Dataclasses are written as ``asdict`` would
give them (fields in order, the text before each value prepared once per class and depth), so a
:class:`~matching.result.Result` needs no ``to_dict`` first.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable
from functools import cache
from json import encoder as _json_encoder
from typing import Any

INDENT = 2
_PLAIN = frozenset({str, int, float, bool, type(None)})
_STR = frozenset({str})
_encode_string: Callable[[str], str] = _json_encoder.encode_basestring  # C, ensure_ascii=False


@cache
def _flat(depth: int) -> Callable[[Any], str]:
    """Encodes a container of plain scalars whose items sit at ``depth``, without its brackets'
    line breaks (the caller adds them)."""
    separator = ",\n" + " " * (INDENT * depth)
    make = getattr(_json_encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover  # CPython always has the C encoder
        slow = json.JSONEncoder(ensure_ascii=False, separators=(separator, ": "), default=str)
        return slow.encode
    c_encode = make(None, str, _encode_string, None, ": ", separator, False, False, True)
    return lambda value: "".join(c_encode(value, 0))


@cache
def _margin(depth: int) -> str:
    return "\n" + " " * (INDENT * depth)


@cache
def _prefixes(cls: Any, depth: int) -> tuple[tuple[str, str], ...]:
    """(field name, the text before its value) for a dataclass written at ``depth``."""
    inner = _margin(depth + 1)
    names = [f.name for f in dataclasses.fields(cls)]
    return tuple(
        (name, ("{" if k == 0 else ",") + inner + _encode_string(name) + ": ")
        for k, name in enumerate(names)
    )


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2, default=str)``, dataclasses as dicts."""
    out: list[str] = []
    _value(value, 0, out)
    return "".join(out)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return _encode_string(key)
    if key is None or isinstance(key, int | float):
        # The standard library writes these keys as the text of the value (true, 1.5, null).
        return _encode_string(json.dumps(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _scalar(value: Any) -> str:
    """A plain str, int, float, bool or None, as the standard library writes it."""
    kind = type(value)
    if kind is str:
        return _encode_string(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    if kind is int:
        return int.__repr__(value)
    return json.dumps(value)


def _is_flat(values: Any) -> bool:
    return _PLAIN.issuperset(map(type, values))


def _value(value: Any, depth: int, out: list[str]) -> None:
    kind = type(value)
    if kind in _PLAIN:
        out.append(_scalar(value))
    elif isinstance(value, dict):
        _dict(value, depth, out)
    elif isinstance(value, list | tuple):
        _list(value, depth, out)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        _dataclass(value, depth, out)
    else:
        # Subclasses of the scalars (enums …) and anything else: as the standard library does.
        out.append(json.dumps(value, ensure_ascii=False, default=str))


def _dataclass(value: Any, depth: int, out: list[str]) -> None:
    cls: Any = type(value)
    prefixes = _prefixes(cls, depth)
    if not prefixes:
        out.append("{}")
        return
    items = [getattr(value, name) for name, _ in prefixes]
    if _is_flat(items):
        # All fields plain (an unmet request, an offer's value): one call of the C encoder.
        flat = dict(zip((name for name, _ in prefixes), items, strict=True))
        out.append("{" + _margin(depth + 1) + _flat(depth + 1)(flat)[1:-1] + _margin(depth) + "}")
        return
    plain = _PLAIN
    for (_, prefix), item in zip(prefixes, items, strict=True):
        if type(item) in plain:
            out.append(prefix + _scalar(item))
        elif (
            type(item) is dict
            and item
            and _is_flat(item.values())
            and _STR.issuperset(map(type, item))
        ):
            # A flat dict (a reason's parameters, a match's components), written in place.
            text = _flat(depth + 2)(item)[1:-1]
            out.append(prefix + "{" + _margin(depth + 2) + text + _margin(depth + 1) + "}")
        else:
            out.append(prefix)
            _value(item, depth + 1, out)
    out.append(_margin(depth) + "}")


def _dict(value: dict[Any, Any], depth: int, out: list[str]) -> None:
    if not value:
        out.append("{}")
        return
    if _is_flat(value.values()) and _STR.issuperset(map(type, value)):
        out.append("{" + _margin(depth + 1) + _flat(depth + 1)(value)[1:-1] + _margin(depth) + "}")
        return
    inner = _margin(depth + 1)
    sep = "{" + inner
    for key, item in value.items():
        out.append(sep + _key(key) + ": ")
        sep = "," + inner
        _value(item, depth + 1, out)
    out.append(_margin(depth) + "}")


def _list(value: list[Any] | tuple[Any, ...], depth: int, out: list[str]) -> None:
    if not value:
        out.append("[]")
        return
    if _is_flat(value):
        text = _flat(depth + 1)(list(value))
        out.append("[" + _margin(depth + 1) + text[1:-1] + _margin(depth) + "]")
        return
    inner = _margin(depth + 1)
    sep = "[" + inner
    is_dataclass = dataclasses.is_dataclass
    for item in value:
        out.append(sep)
        sep = "," + inner
        if is_dataclass(item) and not isinstance(item, type):
            _dataclass(item, depth + 1, out)
        else:
            _value(item, depth + 1, out)
    out.append(_margin(depth) + "]")
