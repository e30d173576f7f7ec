"""The whole pipeline: discover and load layers, merge them, validate."""

from __future__ import annotations

from collections.abc import Iterable

from schema.layers import Layer, Resolution, Sources, load_layers, resolve
from schema.rules import validate

__all__ = ["evaluate", "load_configuration"]


def evaluate(layers: list[Layer]) -> Resolution:
    """Merge layers and validate the result.

    Args:
        layers: The layers, lowest priority first.

    Returns:
        The resolution, with the layers' findings and the rules' findings.
    """
    resolution = resolve(layers)
    resolution.findings.extend(validate(resolution))
    return resolution


def load_configuration(sources: Sources, extra: Iterable[Layer] = ()) -> Resolution:
    """Load every layer that `sources` describes and evaluate them.

    Args:
        sources: Working directory, home, environment and command line.
        extra: Layers to put on top of the command line's.

    Returns:
        The validated resolution.
    """
    return evaluate(load_layers(sources, extra))
