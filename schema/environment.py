"""The `env` layer: `BRUMMER_<SECTION>_<SETTING>` environment variables.

A variable is matched to the longest section name it starts with, so that
`BRUMMER_PROCESS_MANAGER_MAX_CONCURRENT_STARTS` is `process_manager`, and the
rest names the setting. A value that cannot be read for its setting's type is
an error on that variable alone; every other variable still applies. Brummer
itself sets a few `BRUMMER_*` variables that are not settings; those are
reported as `info` and otherwise left alone.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from schema.catalogue import SECTIONS, get_setting, suggest_key
from schema.findings import Severity
from schema.layers import Entry, Layer
from schema.values import parse_env_value

__all__ = ["ENV_PREFIX", "env_layer", "split_env_name"]

log = logging.getLogger(__name__)

ENV_PREFIX = "BRUMMER_"
"""Every variable brum-config reads starts with this."""

_BY_LENGTH = sorted(SECTIONS, key=len, reverse=True)


def split_env_name(name: str) -> tuple[str, str] | None:
    """Split a variable name into (section, setting name).

    Args:
        name: A variable name such as `BRUMMER_EVENTBUS_WORKER_POOL_SIZE`.

    Returns:
        ("eventbus", "worker_pool_size"), or None when no section matches.
    """
    rest = name[len(ENV_PREFIX) :].lower()
    for section in _BY_LENGTH:
        if rest.startswith(section + "_") and len(rest) > len(section) + 1:
            return section, rest[len(section) + 1 :]
    return None


def env_layer(environ: Mapping[str, str]) -> Layer:
    """Build the `env` layer from the environment.

    Args:
        environ: The environment variables.

    Returns:
        The layer, with a finding for each variable that could not be used.
    """
    layer = Layer("env", "env")
    for name in sorted(environ):
        if name.startswith(ENV_PREFIX):
            _read_variable(layer, name, environ[name])
    return layer


def _read_variable(layer: Layer, name: str, text: str) -> None:
    split = split_env_name(name)
    setting = get_setting(".".join(split)) if split else None
    if setting is None:
        layer.finding(Severity.INFO, "env-unknown", _not_a_setting(split), source=name)
        return
    try:
        value = parse_env_value(setting, text)
    except ValueError as error:
        message = f"{error}; the variable is ignored until it is fixed"
        layer.finding(
            Severity.ERROR, "env-value", message, key=setting.key, source=name
        )
        return
    layer.entries[setting.key] = Entry(setting.key, value, name)
    log.debug("env variable %s sets %s", name, setting.key)


def _not_a_setting(split: tuple[str, str] | None) -> str:
    message = "not a brum-config setting (Brummer may use it for something else)"
    if split is None:
        return message
    suggestion = suggest_key(*split)
    if suggestion:
        variable = f"BRUMMER_{split[0]}_{suggestion}".upper()
        message += f"; did you mean {variable}?"
    return message
