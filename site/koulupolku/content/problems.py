"""Problems found in the content, reported to editors all at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in one file.

    `line` is 1-based and counts from the top of the file, front matter
    included, so an editor can jump straight to it.
    """

    file: str
    line: int | None
    field: str | None
    message: str
    severity: str = "error"  # "error" stops the site; "warning" is only reported

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.field or "", self.message)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {self.severity}: {what}"


class ContentErrors(Exception):
    """Raised when the content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(f"{len(errors)} content error(s)")

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems if p.severity == "error"]
        return f"{len(lines)} content error(s):\n" + "\n".join(lines)
