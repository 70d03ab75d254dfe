"""Reports for people, written either as plain text for a terminal or as Markdown for a GitHub job summary.

`diff` and `freshness` say what they found through one of these, so both read the same either way. Text
taken from the content (names, titles) is escaped in Markdown: a council's name cannot turn into a link,
an image or a table.
"""
from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


class Report:
    def __init__(self, markdown: bool):
        self.markdown = markdown
        self._blocks: list[str] = []

    def escape(self, text: str) -> str:
        text = " ".join(str(text).split())  # one line: a newline in a value must not start a new block
        return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;") if self.markdown else text

    def heading(self, text: str, level: int = 2) -> None:
        if self.markdown:
            self._blocks.append(f"{'#' * level} {self.escape(text)}")
        else:
            underline = "=" if level <= 2 else "-"
            self._blocks.append(f"{text}\n{underline * len(text)}")

    def paragraph(self, text: str) -> None:
        self._blocks.append(self.escape(text))

    def bullets(self, items: list[str], limit: int = 200) -> None:
        shown = [f"- {self.escape(item)}" if self.markdown else f"  - {item}" for item in items[:limit]]
        if len(items) > limit:
            shown.append(f"- … and {len(items) - limit} more" if self.markdown else f"  … and {len(items) - limit} more")
        if shown:
            self._blocks.append("\n".join(shown))

    def table(self, header: list[str], rows: list[list[str]], limit: int = 200) -> None:
        if not rows:
            return
        shown = rows[:limit]
        if self.markdown:
            lines = ["| " + " | ".join(self.escape(cell) for cell in header) + " |",
                     "|" + "|".join("---" for _ in header) + "|"]
            lines += ["| " + " | ".join(self.escape(cell) for cell in row) + " |" for row in shown]
        else:
            widths = [max(len(str(row[i])) for row in [header, *shown]) for i in range(len(header))]
            lines = ["  " + "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip()
                     for row in [header, *shown]]
        if len(rows) > limit:
            lines += ["", f"… and {len(rows) - limit} more"]  # the blank line ends a Markdown table
        self._blocks.append("\n".join(lines))

    def text(self) -> str:
        return "\n\n".join(self._blocks) + "\n"
