"""What is wrong in a workbook, and where: every problem is collected, none stops the reading,
and the file is refused whole with all of them (sheet, row, column, message in Vietnamese)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: a row (None for the whole file or sheet) and a column heading
    ("" for the whole row); the sheet where it matters."""

    row: int | None
    column: str
    message: str
    sheet: str = ""

    def __str__(self) -> str:
        values = {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }
        if self.row is None:
            return _("Sheet “%(sheet)s”: %(message)s") % values if self.sheet else self.message
        if self.sheet and self.column:
            return _("Sheet “%(sheet)s”, row %(row)s, column “%(column)s”: %(message)s") % values
        if self.sheet:
            return _("Sheet “%(sheet)s”, row %(row)s: %(message)s") % values
        if self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % values
        return _("Row %(row)s: %(message)s") % values


class WorkbookInvalid(ValidationError):
    """The workbook cannot be read; `problems` says every reason, with where it is."""

    def __init__(self, problems: list[Problem], code: str = "invalid_workbook") -> None:
        if len(problems) == 1:  # the code kept, as Django keeps it only for one message
            super().__init__(str(problems[0]), code=code)
        else:
            super().__init__([str(problem) for problem in problems], code=code)
        self.problems = problems


class Problems:
    """The problems found while reading, in the order given by each one's key (by default the
    order they were found in)."""

    def __init__(self) -> None:
        self._found: list[tuple[Any, int, Problem]] = []

    def add(self, problem: Problem, order: Any = ()) -> None:
        self._found.append((order, len(self._found), problem))

    def __bool__(self) -> bool:
        return bool(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def sorted(self) -> list[Problem]:
        return [problem for _order, _n, problem in sorted(self._found, key=lambda f: f[:2])]

    def messages(self) -> list[str]:
        return [str(problem) for problem in self.sorted()]

    def invalid(self) -> WorkbookInvalid:
        return WorkbookInvalid(self.sorted())
