"""Editing rules of `schema.document.Document`, checked on the exact text."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import schema.document as document_module
from schema.document import HEADER_COMMENT, Document, DocumentError, Operation

SAMPLE = """\
# Brummer configuration for this project
# (kept in version control)

[meta]
version = "1.0"

# Global resource limits
[resources]
# Maximum total goroutines across all components
max_goroutines = 64  # CPU cores * 8, min 32, max 512

# Memory limit in MB
memory_limit_mb = 512  # Default: 512MB
enable_resource_warnings = true

# Event bus tuning
[eventbus]
worker_pool_size = 'auto'  # "auto" or 4-32
# Queue sizes [high, medium, low]
queue_sizes = [
    100,  # high
    500,  # medium
    1000, # low
]
backpressure_strategy = "drop_oldest"

[debugging]
enable_race_detection = false
# enable_stack_traces = true

[plugins.custom]
name = "x"
"""


def doc_of(text: str, tmp_path: Path) -> Document:
    return Document.from_text(text, tmp_path / ".brum.toml")


@pytest.fixture
def sample(tmp_path: Path) -> Document:
    return doc_of(SAMPLE, tmp_path)


def replaced(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# -- changing values ---------------------------------------------------------


def test_changing_a_value_changes_only_its_text(sample: Document) -> None:
    sample.set("resources.max_goroutines", 128)
    assert sample.text() == replaced(
        SAMPLE, "max_goroutines = 64  #", "max_goroutines = 128  #"
    )
    assert sample.modified
    assert sample.operations == [Operation("set", "resources.max_goroutines", 128)]


def test_changing_a_string_keeps_its_single_quotes(sample: Document) -> None:
    sample.set("eventbus.worker_pool_size", "fixed")
    assert sample.text() == replaced(SAMPLE, "'auto'", "'fixed'")


def test_string_that_cannot_be_literal_becomes_basic(sample: Document) -> None:
    sample.set("eventbus.worker_pool_size", "it's")
    assert sample.text() == replaced(SAMPLE, "'auto'", '"it\'s"')


def test_changing_the_type_of_a_value_keeps_its_comment(sample: Document) -> None:
    sample.set("eventbus.worker_pool_size", 8)
    assert sample.text() == replaced(SAMPLE, "'auto'  #", "8  #")


def test_bool_replaces_int_of_equal_value(tmp_path: Path) -> None:
    """`True == 1` in Python, which once made this set a no-op."""
    doc = doc_of("[debugging]\nlevel = 1\n", tmp_path)
    doc.set("debugging.level", True)
    assert doc.text() == "[debugging]\nlevel = true\n"


def test_setting_the_same_value_changes_nothing(sample: Document) -> None:
    sample.set("resources.max_goroutines", 64)
    assert sample.text() == SAMPLE
    assert not sample.modified


def test_array_of_the_same_length_keeps_element_comments(sample: Document) -> None:
    sample.set("eventbus.queue_sizes", [200, 500, 2000])
    expected = replaced(SAMPLE, "    100,  # high", "    200,  # high")
    expected = replaced(expected, "    1000, # low", "    2000, # low")
    assert sample.text() == expected


def test_longer_array_keeps_element_comments(sample: Document) -> None:
    sample.set("eventbus.queue_sizes", [100, 500, 1000, 5000])
    assert sample.text() == replaced(
        SAMPLE, "    1000, # low\n", "    1000, # low\n    5000,\n"
    )


def test_shorter_array_drops_the_last_elements(sample: Document) -> None:
    sample.set("eventbus.queue_sizes", [100, 500])
    assert sample.text() == replaced(SAMPLE, "    1000, # low\n", "")


def test_single_line_array(tmp_path: Path) -> None:
    doc = doc_of("[eventbus]\nqueue_sizes = [50, 100, 200]  # small\n", tmp_path)
    doc.set("eventbus.queue_sizes", [50, 100])
    assert doc.text() == "[eventbus]\nqueue_sizes = [50, 100]  # small\n"


def test_crlf_file_gets_crlf_on_changed_and_new_lines(tmp_path: Path) -> None:
    doc = doc_of(SAMPLE.replace("\n", "\r\n"), tmp_path)
    doc.set("resources.max_goroutines", 128)
    doc.set("eventbus.queue_sizes", [1, 2, 3, 4])
    doc.set("resources.max_file_descriptors", 1000)
    doc.set("log_store.max_entries", 5000)
    reference = doc_of(SAMPLE, tmp_path)
    for op in doc.operations:
        reference.set(op.key, op.value)
    assert doc.text() == reference.text().replace("\n", "\r\n")
    assert "\n" not in doc.text().replace("\r\n", "")


def test_file_without_final_newline_keeps_it_that_way(tmp_path: Path) -> None:
    doc = doc_of("[resources]\nmax_goroutines = 64", tmp_path)
    doc.set("resources.memory_limit_mb", 256)
    doc.set("resources.max_goroutines", 32)
    assert doc.text() == "[resources]\nmax_goroutines = 32\nmemory_limit_mb = 256"


# -- adding keys -------------------------------------------------------------


def test_new_key_goes_before_the_next_sections_comments(sample: Document) -> None:
    sample.set("resources.max_file_descriptors", 1000)
    assert sample.text() == replaced(
        SAMPLE,
        "enable_resource_warnings = true\n",
        "enable_resource_warnings = true\nmax_file_descriptors = 1000\n",
    )


def test_new_key_goes_before_trailing_comment_lines(sample: Document) -> None:
    sample.set("debugging.enable_stack_traces", True)
    assert sample.text() == replaced(
        SAMPLE,
        "enable_race_detection = false\n",
        "enable_race_detection = false\nenable_stack_traces = true\n",
    )


def test_new_key_copies_the_indentation_of_its_neighbour(tmp_path: Path) -> None:
    doc = doc_of("[resources]\n  max_goroutines = 64\n", tmp_path)
    doc.set("resources.memory_limit_mb", 256)
    assert doc.text() == "[resources]\n  max_goroutines = 64\n  memory_limit_mb = 256\n"


def test_new_key_in_empty_section_goes_below_its_own_comment(tmp_path: Path) -> None:
    text = "[eventbus]\n# Event bus settings\n\n# Debugging\n[debugging]\n"
    doc = doc_of(text, tmp_path)
    doc.set("eventbus.worker_pool_size", 8)
    assert doc.text() == replaced(
        text, "settings\n", "settings\nworker_pool_size = 8\n"
    )


def test_new_key_in_empty_section_goes_right_under_its_header(tmp_path: Path) -> None:
    doc = doc_of("[eventbus]\n# Debugging\n[debugging]\n", tmp_path)
    doc.set("eventbus.worker_pool_size", 8)
    assert doc.text() == "[eventbus]\nworker_pool_size = 8\n# Debugging\n[debugging]\n"


def test_new_key_goes_above_sub_tables(tmp_path: Path) -> None:
    text = "[eventbus]\nworker_pool_size = 8\n\n[eventbus.extra]\nx = 1\n"
    doc = doc_of(text, tmp_path)
    doc.set("eventbus.queue_sizes", [1, 2, 3])
    assert doc.text() == replaced(text, "= 8\n", "= 8\nqueue_sizes = [1, 2, 3]\n")


def test_new_string_key_is_quoted_and_escaped(tmp_path: Path) -> None:
    doc = doc_of("[log_store]\n", tmp_path)
    doc.set("log_store.directory", 'C:\\logs\\"brum"')
    assert doc.text() == '[log_store]\ndirectory = "C:\\\\logs\\\\\\"brum\\""\n'
    assert doc.get("log_store.directory") == 'C:\\logs\\"brum"'


# -- adding sections ---------------------------------------------------------


def test_missing_section_goes_between_its_neighbours_in_spec_order(
    tmp_path: Path,
) -> None:
    text = (
        "[resources]\nmax_goroutines = 64\n\n[debugging]\nenable_stack_traces = true\n"
    )
    doc = doc_of(text, tmp_path)
    doc.set("log_store.max_entries", 5000)
    assert doc.text() == replaced(
        text, "= 64\n\n", "= 64\n\n[log_store]\nmax_entries = 5000\n\n"
    )


def test_missing_section_leaves_the_next_sections_comment_above_it(
    sample: Document,
) -> None:
    sample.set("process_manager.max_concurrent_starts", 5)
    assert sample.text() == replaced(
        SAMPLE,
        '"drop_oldest"\n\n',
        '"drop_oldest"\n\n[process_manager]\nmax_concurrent_starts = 5\n\n',
    )
    sample.set("proxy_server.enabled", True)
    assert "max_concurrent_starts = 5\n\n[proxy_server]\nenabled = true\n\n" in (
        sample.text()
    )


def test_missing_section_before_a_commented_header(tmp_path: Path) -> None:
    """The comment over `[debugging]` must stay over it, not over the new table."""
    text = "[resources]\nmax_goroutines = 64\n\n# Debug switches\n[debugging]\n"
    doc = doc_of(text, tmp_path)
    doc.set("eventbus.worker_pool_size", 4)
    assert doc.text() == (
        "[resources]\nmax_goroutines = 64\n\n"
        "[eventbus]\nworker_pool_size = 4\n\n"
        "# Debug switches\n[debugging]\n"
    )


def test_missing_section_without_blank_lines_around(tmp_path: Path) -> None:
    doc = doc_of("[resources]\nx = 1\n# Debug switches\n[debugging]\n", tmp_path)
    doc.set("eventbus.worker_pool_size", 4)
    assert doc.text() == (
        "[resources]\nx = 1\n\n[eventbus]\nworker_pool_size = 4\n\n"
        "# Debug switches\n[debugging]\n"
    )


def test_missing_first_section_goes_after_meta(tmp_path: Path) -> None:
    text = "# top\n\n[meta]\nversion = 1\n\n[debugging]\nx = 1\n"
    doc = doc_of(text, tmp_path)
    doc.set("resources.max_goroutines", 64)
    assert doc.text() == replaced(
        text, "version = 1\n\n", "version = 1\n\n[resources]\nmax_goroutines = 64\n\n"
    )


def test_missing_section_before_every_other(tmp_path: Path) -> None:
    doc = doc_of("# My settings\n\n[debugging]\nx = true\n", tmp_path)
    doc.set("resources.max_goroutines", 64)
    assert doc.text() == (
        "# My settings\n\n[resources]\nmax_goroutines = 64\n\n[debugging]\nx = true\n"
    )


def test_missing_section_at_the_end(tmp_path: Path) -> None:
    doc = doc_of("[resources]\nmax_goroutines = 64\n", tmp_path)
    doc.set("fallback.enabled", False)
    assert (
        doc.text()
        == "[resources]\nmax_goroutines = 64\n\n[fallback]\nenabled = false\n"
    )


def test_comments_at_the_end_of_the_file_stay_above_a_new_last_section(
    tmp_path: Path,
) -> None:
    doc = doc_of("[resources]\nx = 1\n\n# the end\n", tmp_path)
    doc.set("fallback.enabled", False)
    assert doc.text() == (
        "[resources]\nx = 1\n\n# the end\n\n[fallback]\nenabled = false\n"
    )


def test_missing_section_goes_before_unknown_sections(sample: Document) -> None:
    sample.set("fallback.enabled", False)
    assert sample.text() == replaced(
        SAMPLE,
        "# enable_stack_traces = true\n\n",
        "# enable_stack_traces = true\n\n[fallback]\nenabled = false\n\n",
    )


def test_unknown_new_section_goes_last(sample: Document) -> None:
    sample.set("zzz.key", 1)
    assert sample.text() == SAMPLE + "\n[zzz]\nkey = 1\n"


def test_brand_new_file_starts_with_a_header_comment(tmp_path: Path) -> None:
    doc = Document.load(tmp_path / ".brum.toml")
    assert not doc.exists
    assert doc.text() == ""
    doc.set("eventbus.worker_pool_size", 8)
    doc.set("resources.max_goroutines", 64)
    assert doc.text() == (
        f"{HEADER_COMMENT}\n\n"
        "[resources]\nmax_goroutines = 64\n\n"
        "[eventbus]\nworker_pool_size = 8\n"
    )


def test_section_implied_by_a_sub_table_gets_its_own_header(tmp_path: Path) -> None:
    doc = doc_of("[eventbus.extra]\nx = 1\n", tmp_path)
    doc.set("eventbus.worker_pool_size", 8)
    assert tomllib.loads(doc.text()) == {
        "eventbus": {"worker_pool_size": 8, "extra": {"x": 1}}
    }
    assert doc.text().startswith("[eventbus.extra]\nx = 1\n")


# -- unsetting ---------------------------------------------------------------


def test_unset_removes_the_line_and_its_inline_comment_only(
    sample: Document,
) -> None:
    assert sample.unset("resources.max_goroutines")
    assert sample.text() == replaced(
        SAMPLE, "max_goroutines = 64  # CPU cores * 8, min 32, max 512\n", ""
    )
    assert sample.operations == [Operation("unset", "resources.max_goroutines")]


def test_unset_of_a_multiline_array_removes_all_its_lines(sample: Document) -> None:
    sample.unset("eventbus.queue_sizes")
    start = SAMPLE.index("queue_sizes")
    end = SAMPLE.index("]\n", start) + 2
    assert sample.text() == SAMPLE[:start] + SAMPLE[end:]


def test_emptied_section_keeps_its_header(sample: Document) -> None:
    sample.unset("debugging.enable_race_detection")
    assert sample.text() == replaced(SAMPLE, "enable_race_detection = false\n", "")
    assert sample.get("debugging.enable_race_detection") is None
    assert sample.values().keys() >= {"resources.max_goroutines"}


def test_unset_of_a_missing_key_records_nothing(sample: Document) -> None:
    assert not sample.unset("resources.nothing")
    assert not sample.unset("log_store.max_entries")
    assert sample.operations == []
    assert sample.text() == SAMPLE


def test_unset_then_set_with_other_edits_between_adds_the_key_back_at_the_end(
    sample: Document,
) -> None:
    sample.unset("resources.max_goroutines")
    sample.set("eventbus.worker_pool_size", 8)
    sample.set("resources.max_goroutines", 64)
    assert "enable_resource_warnings = true\nmax_goroutines = 64\n" in sample.text()


def test_clearing_a_value_then_typing_a_new_one_edits_it_in_place(
    sample: Document,
) -> None:
    sample.unset("resources.max_goroutines")  # the field emptied
    for value in (9, 96):  # then typed key by key
        sample.set("resources.max_goroutines", value)
    assert sample.text() == replaced(
        SAMPLE, "max_goroutines = 64 ", "max_goroutines = 96 "
    )
    assert sample.operations == [Operation("set", "resources.max_goroutines", 96)]


def test_a_run_of_edits_to_one_key_is_one_operation_undone_at_once(
    sample: Document,
) -> None:
    sample.set("eventbus.worker_pool_size", 8)
    for value in (1, 12, 128):
        sample.set("resources.max_goroutines", value)
    assert len(sample.operations) == 2
    assert sample.undo_last() == Operation("set", "resources.max_goroutines", 128)
    assert sample.get("resources.max_goroutines") == 64
    assert sample.text() == replaced(SAMPLE, "'auto'", "8")
    sample.undo_last()
    assert sample.text() == SAMPLE and not sample.modified
    assert sample.undo_last() is None


def test_a_run_that_adds_then_removes_a_key_leaves_nothing(sample: Document) -> None:
    sample.set("resources.max_file_descriptors", 4096)
    assert sample.unset("resources.max_file_descriptors")
    assert sample.operations == [] and sample.text() == SAMPLE


# -- dotted keys and inline tables ------------------------------------------

DOTTED = """\
# dotted style
eventbus.worker_pool_size = 8  # workers
eventbus.queue_sizes = [1, 2]
other = "top"

[debugging]
x = true
"""


def test_dotted_key_is_edited_in_place(tmp_path: Path) -> None:
    doc = doc_of(DOTTED, tmp_path)
    doc.set("eventbus.worker_pool_size", 16)
    assert doc.text() == replaced(DOTTED, "= 8  #", "= 16  #")


def test_new_key_in_dotted_section_is_dotted_too(tmp_path: Path) -> None:
    doc = doc_of(DOTTED, tmp_path)
    doc.set("eventbus.enable_monitoring", True)
    assert doc.text() == replaced(
        DOTTED, "[1, 2]\n", "[1, 2]\neventbus.enable_monitoring = true\n"
    )


def test_dotted_key_is_unset(tmp_path: Path) -> None:
    doc = doc_of(DOTTED, tmp_path)
    doc.unset("eventbus.worker_pool_size")
    assert doc.text() == replaced(
        DOTTED, "eventbus.worker_pool_size = 8  # workers\n", ""
    )
    doc.unset("eventbus.queue_sizes")
    assert not doc.has("eventbus.queue_sizes")
    assert "eventbus" not in tomllib.loads(doc.text())


def test_new_section_goes_after_top_level_values(tmp_path: Path) -> None:
    doc = doc_of(DOTTED, tmp_path)
    doc.set("resources.max_goroutines", 64)
    assert doc.text() == replaced(
        DOTTED, '"top"\n\n', '"top"\n\n[resources]\nmax_goroutines = 64\n\n'
    )


INLINE = "eventbus = { worker_pool_size = 8, queue_sizes = [1, 2] }  # tuned\n"


def test_inline_table_key_is_edited_in_place(tmp_path: Path) -> None:
    doc = doc_of(INLINE, tmp_path)
    doc.set("eventbus.worker_pool_size", 4)
    assert doc.text() == replaced(INLINE, "= 8,", "= 4,")


def test_new_key_goes_into_the_inline_table(tmp_path: Path) -> None:
    doc = doc_of(INLINE, tmp_path)
    doc.set("eventbus.enable_monitoring", False)
    assert doc.text() == replaced(
        INLINE, "[1, 2] }", "[1, 2], enable_monitoring = false }"
    )


def test_new_key_in_compact_inline_table_is_compact(tmp_path: Path) -> None:
    doc = doc_of("eventbus = {a=1}\n", tmp_path)
    doc.set("eventbus.b", 2)
    assert doc.text() == "eventbus = {a=1, b=2}\n"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("eventbus.worker_pool_size", "eventbus = { queue_sizes = [1, 2] }  # tuned\n"),
        ("eventbus.queue_sizes", "eventbus = { worker_pool_size = 8 }  # tuned\n"),
    ],
)
def test_inline_table_key_is_unset(tmp_path: Path, key: str, expected: str) -> None:
    doc = doc_of(INLINE, tmp_path)
    doc.unset(key)
    assert doc.text() == expected


def test_emptied_inline_table_stays(tmp_path: Path) -> None:
    doc = doc_of("eventbus = { a = 1 }  # c\n", tmp_path)
    doc.unset("eventbus.a")
    assert doc.text() == "eventbus = {}  # c\n"
    doc.set("eventbus.b", 2)
    assert doc.text() == "eventbus = { b = 2 }  # c\n"


# -- reading -----------------------------------------------------------------


def test_get_has_and_values_follow_pending_operations(sample: Document) -> None:
    assert sample.get("eventbus.queue_sizes") == [100, 500, 1000]
    sample.set("eventbus.queue_sizes", [1, 2, 3])
    sample.unset("debugging.enable_race_detection")
    sample.set("log_store.max_entries", 10)
    assert sample.get("eventbus.queue_sizes") == [1, 2, 3]
    assert not sample.has("debugging.enable_race_detection")
    assert sample.has("log_store.max_entries")
    assert sample.get("nowhere.key") is None
    assert sample.values() == {
        "meta.version": "1.0",
        "resources.max_goroutines": 64,
        "resources.memory_limit_mb": 512,
        "resources.enable_resource_warnings": True,
        "eventbus.worker_pool_size": "auto",
        "eventbus.queue_sizes": [1, 2, 3],
        "eventbus.backpressure_strategy": "drop_oldest",
        "log_store.max_entries": 10,
    }


def test_get_returns_a_copy(sample: Document) -> None:
    sizes = sample.get("eventbus.queue_sizes")
    assert isinstance(sizes, list)
    sizes.append(1)
    assert sample.get("eventbus.queue_sizes") == [100, 500, 1000]


def test_undo_all_restores_the_original(sample: Document) -> None:
    sample.set("resources.max_goroutines", 1)
    sample.set("fallback.enabled", True)
    sample.undo_all()
    assert sample.text() == sample.original_text() == SAMPLE
    assert sample.operations == []
    assert not sample.modified
    assert sample.get("resources.max_goroutines") == 64


def test_diff_is_a_unified_diff_with_a_and_b_names(sample: Document) -> None:
    sample.set("resources.max_goroutines", 128)
    assert sample.diff() == (
        "--- a/.brum.toml\n"
        "+++ b/.brum.toml\n"
        "@@ -7,7 +7,7 @@\n"
        " # Global resource limits\n"
        " [resources]\n"
        " # Maximum total goroutines across all components\n"
        "-max_goroutines = 64  # CPU cores * 8, min 32, max 512\n"
        "+max_goroutines = 128  # CPU cores * 8, min 32, max 512\n"
        " \n"
        " # Memory limit in MB\n"
        " memory_limit_mb = 512  # Default: 512MB\n"
    )


def test_diff_marks_a_missing_final_newline(tmp_path: Path) -> None:
    doc = doc_of("[resources]\nmax_goroutines = 64", tmp_path)
    doc.set("resources.max_goroutines", 32)
    assert doc.diff().endswith(
        "-max_goroutines = 64\n\\ No newline at end of file\n"
        "+max_goroutines = 32\n\\ No newline at end of file\n"
    )


def test_no_diff_without_changes(sample: Document) -> None:
    assert sample.diff() == ""


# -- refusals ----------------------------------------------------------------


@pytest.mark.parametrize("key", ["resources", ".x", "x.", "a.b.c", ""])
def test_key_must_be_section_dot_name(sample: Document, key: str) -> None:
    with pytest.raises(ValueError, match="section.name"):
        sample.set(key, 1)


@pytest.mark.parametrize("value", [None, {"a": 1}, [{"a": 1}], object()])
def test_value_must_be_a_toml_value(sample: Document, value: object) -> None:
    with pytest.raises(TypeError):
        sample.set("resources.max_goroutines", value)


def test_section_that_is_not_a_table_is_refused(tmp_path: Path) -> None:
    doc = doc_of("eventbus = 3\n", tmp_path)
    with pytest.raises(DocumentError, match="'eventbus' is not a table"):
        doc.set("eventbus.worker_pool_size", 8)


def test_key_holding_a_table_is_refused(sample: Document) -> None:
    with pytest.raises(DocumentError, match="plugins.custom' is a table"):
        sample.set("plugins.custom", 1)
    with pytest.raises(DocumentError, match="is a table"):
        sample.unset("plugins.custom")


def test_edit_giving_other_values_is_refused_and_not_recorded(
    sample: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document_module, "_edit", lambda text, op, nl: text)
    with pytest.raises(DocumentError, match="would not give the intended values"):
        sample.set("resources.max_goroutines", 1)
    assert sample.text() == SAMPLE
    assert sample.operations == []


def test_edit_giving_invalid_toml_is_refused(
    sample: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document_module, "_edit", lambda text, op, nl: text + "[x\n")
    with pytest.raises(DocumentError, match="invalid TOML"):
        sample.unset("resources.max_goroutines")
    assert sample.has("resources.max_goroutines")


def test_file_tomlkit_cannot_reproduce_is_not_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document_module, "_round_trips", lambda text: False)
    doc = doc_of(SAMPLE, tmp_path)
    with pytest.raises(DocumentError, match="cannot reproduce this file"):
        doc.set("resources.max_goroutines", 1)
    assert doc.text() == SAMPLE


# -- loading -----------------------------------------------------------------


def test_load_reads_bytes_without_newline_translation(tmp_path: Path) -> None:
    path = tmp_path / ".brum.toml"
    path.write_bytes(b"[resources]\r\nmax_goroutines = 64\r\n")
    doc = Document.load(path)
    assert doc.exists
    assert doc.text() == "[resources]\r\nmax_goroutines = 64\r\n"
    assert doc.encoded() == path.read_bytes()


def test_bom_is_read_and_kept(tmp_path: Path) -> None:
    path = tmp_path / ".brum.toml"
    path.write_bytes(b"\xef\xbb\xbf[resources]\nmax_goroutines = 64\n")
    doc = Document.load(path)
    assert doc.text() == "[resources]\nmax_goroutines = 64\n"
    doc.set("resources.max_goroutines", 32)
    assert doc.encoded() == b"\xef\xbb\xbf[resources]\nmax_goroutines = 32\n"


def test_from_text_keeps_a_bom(tmp_path: Path) -> None:
    doc = Document.from_text("\ufeff[a]\nb = 1\n", tmp_path / "x.toml")
    assert doc.text() == "[a]\nb = 1\n"
    assert doc.encoded() == b"\xef\xbb\xbf[a]\nb = 1\n"


def test_load_of_a_directory_fails_naming_it(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="is a directory") as info:
        Document.load(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_load_of_a_file_over_one_mebibyte_fails(tmp_path: Path) -> None:
    path = tmp_path / ".brum.toml"
    path.write_bytes(b"#" * (1024 * 1024) + b"\n")
    with pytest.raises(DocumentError, match="larger than 1024 KiB") as info:
        Document.load(path)
    assert str(path) in str(info.value)


def test_load_of_one_mebibyte_exactly_works(tmp_path: Path) -> None:
    path = tmp_path / ".brum.toml"
    path.write_bytes(b"#" * (1024 * 1024 - 1) + b"\n")
    assert Document.load(path).values() == {}


def test_load_of_non_utf8_names_line_and_offset(tmp_path: Path) -> None:
    path = tmp_path / ".brum.toml"
    path.write_bytes(b'[resources]\nname = "caf\xe9"\n')
    with pytest.raises(DocumentError) as info:
        Document.load(path)
    message = str(info.value)
    assert str(path) in message
    assert "not UTF-8" in message
    assert "line 2, column 12 (byte offset 23)" in message


def test_load_of_invalid_toml_fails_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / ".brum.toml"
    path.write_text("[resources\n")
    with pytest.raises(DocumentError, match="is not valid TOML") as info:
        Document.load(path)
    assert str(path) in str(info.value)


def test_load_of_an_unreadable_file_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / ".brum.toml"
    path.write_text("[a]\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(document_module, "open_regular_file", refuse)
    with pytest.raises(DocumentError, match="cannot read .*permission denied") as info:
        Document.load(path)
    assert str(path) in str(info.value)


def test_load_below_a_file_fails(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(DocumentError, match="not a directory"):
        Document.load(tmp_path / "file" / ".brum.toml")
