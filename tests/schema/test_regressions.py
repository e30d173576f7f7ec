"""Behaviour that was wrong once; each docstring says what went wrong."""

from __future__ import annotations

import pytest

from schema.catalogue import get_setting
from schema.values import parse_env_value


@pytest.mark.parametrize("text", ["1_000", "١٢", "0x10", "1e3", ""])
def test_env_numbers_take_plain_digits_only(text: str) -> None:
    """int() accepted "1_000" and Arabic-Indic digits, which Brummer rejects."""
    setting = get_setting("resources.memory_limit_mb")
    assert setting is not None
    with pytest.raises(ValueError, match="not a whole number"):
        parse_env_value(setting, text)


def test_env_numbers_keep_their_sign() -> None:
    setting = get_setting("fallback.critical_priority_boost")
    assert setting is not None
    assert parse_env_value(setting, "+7") == 7
    assert parse_env_value(setting, "-3") == -3


def test_misplaced_setting_names_its_section(workspace) -> None:
    """The testing template's misplaced key got an unrelated "did you mean"."""
    workspace.write(
        "work/repo/app", "[debugging]\nenable_goroutine_leak_detection = true\n"
    )
    resolution = workspace.load()
    finding = next(f for f in resolution.findings if f.rule == "unknown-key")
    assert "it is a setting of [performance]: move it there" in finding.message
    assert "did you mean" not in finding.message


def test_wrongly_typed_value_gets_no_no_effect_finding(workspace) -> None:
    """A mistyped value was reported twice: as a type error and as having no effect."""
    workspace.write("work/repo/app", "[eventbus]\npersistence_dir = false\n")
    rules = [
        f.rule for f in workspace.load().findings if f.key == "eventbus.persistence_dir"
    ]
    assert rules == ["type"]
