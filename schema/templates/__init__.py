"""The specification's three templates, shipped as TOML files beside this module.

A template is a partial configuration. On the command line it is a layer
(`--config production`); written into a file it is a set of edits.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["TEMPLATES", "ALIASES", "resolve_template_name", "template_text"]

TEMPLATES: tuple[str, ...] = ("development", "production", "testing")
"""The template names, as the specification's "Use:" lines give them."""

ALIASES: dict[str, str] = {
    "dev": "development",
    "development": "development",
    "prod": "production",
    "production": "production",
    "test": "testing",
    "testing": "testing",
}
"""Every accepted name, short and long, and the template it means."""


def resolve_template_name(name: str) -> str | None:
    """Return the template a name means, or None when it is not one.

    Args:
        name: A name such as `prod` or `production`.

    Returns:
        The template's long name, or None.
    """
    return ALIASES.get(name.strip().lower())


@cache
def template_text(name: str) -> str:
    """Return a template's TOML text, exactly as the specification gives it.

    Args:
        name: A long template name from `TEMPLATES`.

    Returns:
        The text.
    """
    # A plain path, not importlib.resources: that import alone costs a headless
    # command several milliseconds, and the package is always installed as files.
    return (Path(__file__).parent / f"{name}.toml").read_text("utf-8")
