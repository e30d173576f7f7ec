"""brum-config's UI-free core: the catalogue, the layers, validation, editing.

Nothing in this package imports Textual or Rich, so the headless command line
starts fast and every part can be tested on its own.

Typical use::

    from schema import Sources, load_configuration

    resolution = load_configuration(Sources(cwd=Path.cwd(), home=Path.home()))
    resolution["eventbus.worker_pool_size"].value
"""

from schema.catalogue import (
    SECTIONS,
    Setting,
    all_settings,
    get_setting,
    section_doc,
    section_settings,
)
from schema.configuration import evaluate, load_configuration
from schema.findings import Finding, Severity
from schema.layers import (
    Entry,
    Layer,
    Resolution,
    Resolved,
    Sources,
    discover_files,
    load_layers,
)
from schema.rules import RULES, check_value
from schema.templates import TEMPLATES, resolve_template_name, template_text

__all__ = [
    "RULES",
    "SECTIONS",
    "TEMPLATES",
    "Entry",
    "Finding",
    "Layer",
    "Resolution",
    "Resolved",
    "Setting",
    "Severity",
    "Sources",
    "all_settings",
    "check_value",
    "discover_files",
    "evaluate",
    "get_setting",
    "load_configuration",
    "load_layers",
    "resolve_template_name",
    "section_doc",
    "section_settings",
    "template_text",
]
