"""The README documents every rule and every command-line option."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.cli import build_parser
from schema.rules import RULES

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_rule_is_listed(rule) -> None:
    assert f"| `{rule.id}` | {rule.kind} | {rule.severity} |" in README


def test_every_option_is_documented() -> None:
    options = {
        option
        for action in build_parser()._actions
        for option in action.option_strings
        if option.startswith("--")
    }
    table = README.split("## Command line", 1)[1].split("### ", 1)[0]
    missing = sorted(o for o in options if not re.search(rf"{o}(?![\w-])", table))
    assert missing == []


def test_the_two_setup_commands_are_there() -> None:
    assert "uv run brum-config" in README
    assert "uv run pytest" in README
