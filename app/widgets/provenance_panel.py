"""Where the focused setting's value comes from: every layer, the winner marked."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from app.badges import LAYER_STYLES, show_value
from app.session_view import SessionView
from schema.catalogue import get_setting
from schema.layers import Entry, Layer

__all__ = ["ProvenancePanel"]

WINNER = "▶"
"""Marks the layer whose value is in effect."""


class ProvenancePanel(Widget):
    """Lists every layer from the command line down to the defaults for one key.

    The winning value is marked and bold; shadowed values are struck through;
    the target file is marked with a pencil. Below the layers: the setting's
    environment variable and its `--set` form.

    Args:
        view: The session's view.
        id: The ID of the widget in the DOM.
    """

    def __init__(
        self, view: SessionView, key: str | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.key = key
        """The dotted key shown, or None."""
        self._view = view

    def show_key(self, key: str | None) -> None:
        """Show another key's provenance (or refresh the current one).

        Args:
            key: A dotted key, or None for the hint.
        """
        self.key = key
        self.refresh(layout=True)

    def render(self) -> Content:
        """Render one line per layer, then the names the setting goes by."""
        if self.key is None:
            return Content.styled(
                "Focus a setting to see where its value comes from.",
                "$foreground-muted",
            )
        session = self._view.session
        resolved = session.resolution.resolved.get(self.key)
        winner = resolved.layer if resolved else None
        layers = list(reversed(session.layers))
        width = max(len(layer.name) for layer in layers)
        lines = [self._title()]
        lines.extend(self._layer_line(layer, winner, width) for layer in layers)
        lines.extend(self._names())
        room = self.content_size.width
        return Content("\n").join(line.truncate(room, ellipsis=True) for line in lines)

    def _title(self) -> Content:
        return Content.assemble(
            ("provenance ", "bold $text-accent"), (str(self.key), "bold")
        )

    def _layer_line(self, layer: Layer, winner: Layer | None, width: int) -> Content:
        assert self.key is not None
        target = layer is self._view.session.target_layer()
        name = Content.styled(layer.name.ljust(width), LAYER_STYLES.get(layer.kind, ""))
        mark = Content.styled(f"{WINNER} " if layer is winner else "  ", "bold")
        edit = Content.styled("✎" if target else " ", "$text-primary")
        entry = layer.entries.get(self.key)
        if layer.broken:
            value = Content.styled("broken: left out", "$text-error")
        elif entry is None:
            value = Content.styled("·", "$foreground-muted")
        elif layer is winner:
            value = Content.styled(show_value(entry.value), "bold")
        else:
            value = Content.styled(show_value(entry.value), "strike $foreground-muted")
        where = self._where(layer, entry)
        return Content.assemble(mark, edit, " ", name, "  ", value, "  ", where)

    def _where(self, layer: Layer, entry: Entry | None) -> Content:
        view = self._view
        if entry is not None and layer.kind != "default":
            text = view.where(entry.source, entry.line)
        elif layer.path is not None:
            text = view.show_path(layer.path)
        else:
            text = ""
        return Content.styled(text, "$foreground-muted")

    def _names(self) -> list[Content]:
        assert self.key is not None
        setting = get_setting(self.key)
        lines = []
        if setting is not None:
            lines.append(Content.assemble(("env  ", "bold"), setting.env_var))
            value = self._view.session.resolution.resolved[self.key].value
            lines.append(Content.assemble(("cli  ", "bold"), setting.set_form(value)))
        return lines
