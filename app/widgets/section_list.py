"""The list of the ten sections, plus the findings list, with their badges."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from app.badges import counts_badge
from app.session_view import FINDINGS, SectionSummary

__all__ = ["SectionList"]


class SectionList(OptionList):
    """Chooses the section the form shows; each entry carries its badges.

    An entry's second line counts the section's findings by severity and the
    settings set somewhere other than the defaults.

    Args:
        sections: The section names, in order; `findings` last.
        summaries: Each section's badges.
        id: The ID of the widget in the DOM.
    """

    @dataclass
    class Highlighted(Message):
        """A section was highlighted: the form should show it."""

        section_list: SectionList
        """The list."""
        section: str
        """The section's name (or `findings`)."""

        @property
        def control(self) -> SectionList:
            """The list that posted the message."""
            return self.section_list

    def __init__(
        self,
        sections: list[str],
        summaries: dict[str, SectionSummary],
        *,
        id: str | None = None,
    ) -> None:
        self._prompts = {s: self._prompt(s, summaries[s]) for s in sections}
        options = [Option(prompt, id=s) for s, prompt in self._prompts.items()]
        super().__init__(*options, id=id)

    @property
    def section(self) -> str | None:
        """The highlighted section."""
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def show_summaries(self, summaries: dict[str, SectionSummary]) -> None:
        """Update the badges whose counts changed.

        Args:
            summaries: Section name -> badges.
        """
        for section, summary in summaries.items():
            prompt = self._prompt(section, summary)
            if prompt != self._prompts.get(section):
                self._prompts[section] = prompt
                self.replace_option_prompt(section, prompt)

    def select_section(self, section: str) -> None:
        """Highlight a section, which shows it in the form.

        Args:
            section: A section name.
        """
        self.highlighted = self.get_option_index(section)

    @on(OptionList.OptionHighlighted)
    def _announce(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Highlighted(self, event.option.id))

    @staticmethod
    def _prompt(section: str, summary: SectionSummary) -> Content:
        title = Content.styled(section, "bold")
        if section == FINDINGS:
            title = Content.styled("all findings", "bold italic")
        badges = counts_badge(summary.counts, zeros=False)
        changed = Content.styled(f" · {summary.changed} set", "$foreground-muted")
        return Content.assemble(title, "\n  ", badges, changed)
