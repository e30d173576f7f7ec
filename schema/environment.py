"""The `env` layer: `BRUMMER_<SECTION>_<SETTING>` environment variables.

A variable is matched to the longest section name it starts with, so that
`BRUMMER_PROCESS_MANAGER_MAX_CONCURRENT_STARTS` is `process_manager`, and the
rest names the setting. Names are case-sensitive, as Brummer's `os.Getenv` is:
only the upper-case name is a setting, and one that matches only in another
case is reported as `info` with the right name. An empty variable is unset, as
Brummer's loader skips it. A value that cannot be read for its setting's type
is an error on that variable alone; every other variable still applies. A name
close to a setting's variable is reported as a likely typo (`warning`); the
other `BRUMMER_*` variables, such as those Brummer itself sets, as `info`, and
they are otherwise left alone.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from schema.catalogue import SECTIONS, Setting, all_settings, get_setting, suggest_key
from schema.findings import Severity
from schema.layers import Entry, Layer
from schema.values import parse_env_value

__all__ = ["BRUMMER_OWN_VARIABLES", "ENV_PREFIX", "env_layer", "split_env_name"]

log = logging.getLogger(__name__)

ENV_PREFIX = "BRUMMER_"
"""Every variable brum-config reads starts with this."""

BRUMMER_OWN_VARIABLES = frozenset({"BRUMMER_MCP_URL", "BRUMMER_MCP_PORT"})
"""Variables Brummer sets for the processes it starts: never settings, nor typos."""

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
        if name.upper().startswith(ENV_PREFIX):
            _read_variable(layer, name, environ[name])
    return layer


def _read_variable(layer: Layer, name: str, text: str) -> None:
    split = split_env_name(name)
    setting = get_setting(".".join(split)) if split else None
    if setting is not None and name != setting.env_var:
        _report_wrong_case(layer, name, setting)
    elif not name.startswith(ENV_PREFIX):
        return  # brummer_... that names no setting: not Brummer's at all
    elif setting is None:
        _report_unknown(layer, name, split)
    elif text == "":
        # Brummer's loader only takes a variable whose value is not "".
        message = (
            "is empty, so it is treated as unset, as Brummer does;"
            " give it a value or unset it"
        )
        layer.finding(Severity.INFO, "env-empty", message, key=setting.key, source=name)
    else:
        _use_value(layer, name, text, setting)


def _use_value(layer: Layer, name: str, text: str, setting: Setting) -> None:
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


def _report_wrong_case(layer: Layer, name: str, setting: Setting) -> None:
    message = (
        f"names are case-sensitive: Brummer reads {setting.env_var}, not {name},"
        " so this variable is ignored; rename it"
    )
    layer.finding(Severity.INFO, "env-unknown", message, key=setting.key, source=name)


def _report_unknown(layer: Layer, name: str, split: tuple[str, str] | None) -> None:
    if name in BRUMMER_OWN_VARIABLES:
        message = "set by Brummer for the processes it starts; not a setting"
        layer.finding(Severity.INFO, "env-unknown", message, source=name)
        return
    suggestion = _near_setting_variable(name, split)
    if suggestion is None:
        message = "not a brum-config setting (Brummer may use it for something else)"
        layer.finding(Severity.INFO, "env-unknown", message, source=name)
        return
    message = f"not a setting; did you mean {suggestion}? This variable is ignored"
    layer.finding(Severity.WARNING, "env-typo", message, source=name)


def _near_setting_variable(name: str, split: tuple[str, str] | None) -> str | None:
    """The variable of the setting whose name is closest to `name`, if close.

    Within a known section the setting name alone is compared, as `unknown-key`
    does for files; otherwise the whole name, so that a misspelt section is
    found too. The stricter cutoff there keeps unrelated names from matching
    only because they share words such as `_max_` or `_enable_`.
    """
    import difflib  # only when a variable is not a setting

    if split is not None:
        close = suggest_key(*split)
        if close is not None:
            return f"{ENV_PREFIX}{split[0]}_{close}".upper()
    rests = [setting.env_var[len(ENV_PREFIX) :] for setting in all_settings()]
    rest = name[len(ENV_PREFIX) :].upper()
    matches = difflib.get_close_matches(rest, rests, n=1, cutoff=0.8)
    return ENV_PREFIX + matches[0] if matches else None
