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
    # the file whose own error caused this one (a page that could not be read is
    # missing wherever it is linked): reported under that file, not on its own
    cause: str | None = None

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.field or "", self.message)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {self.severity}: {what}"


def report_lines(problems: list[Problem], severities: tuple[str, ...] = ("error", "warning")
                 ) -> list[str]:
    """Every problem as a line, each follow-on problem indented under the file
    whose error caused it, so the one cause is not buried under its effects."""
    shown = sorted((p for p in problems if p.severity in severities), key=Problem.sort_key)
    follow: dict[str, list[Problem]] = {}
    for problem in shown:
        if problem.cause:
            follow.setdefault(problem.cause, []).append(problem)
    own = [p for p in shown if not p.cause]
    lines: list[str] = []
    for n, problem in enumerate(own):
        lines.append(str(problem))
        last_of_file = n + 1 == len(own) or own[n + 1].file != problem.file
        if last_of_file and problem.file in follow:
            effects = follow.pop(problem.file)
            lines.append(f"  {len(effects)} more problem(s) follow from the error above; "
                         "they go away when it is fixed:")
            lines += [f"    {p}" for p in effects]
    for cause, effects in follow.items():  # a cause with no line of its own shown
        lines.append(f"{cause}: {len(effects)} problem(s) follow from this file:")
        lines += [f"    {p}" for p in effects]
    return lines


class ContentErrors(Exception):
    """Raised when the content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(f"{len(errors)} content error(s)")

    def __str__(self) -> str:
        count = sum(p.severity == "error" for p in self.problems)
        lines = report_lines(self.problems, ("error",))
        return f"{count} content error(s):\n" + "\n".join(lines)
