"""The downloadable template of an import: the sheet an office fills in.

A ``Template`` names its columns (heading, meaning, required or not, allowed values) and
one example row; ``build`` writes an .xlsx with the header row (required headings bold,
frozen), the example row marked 示例 in its first cell (``core.tabular`` skips it on
import), drop-down validation on the columns with allowed values (kept on a hidden
选项 sheet, so that a long list of units fits), and a 说明 sheet explaining every column.
The template's headings are the importer's own, so that a filled-in template always reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .tabular import EXAMPLE_MARK

# Rows of the sheet the drop-downs cover.
VALIDATED_ROWS = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class TemplateColumn:
    header: str
    meaning: str
    required: bool = False
    choices: Sequence[str] = ()
    width: int = 0


@dataclass
class Template:
    sheet: str
    columns: list[TemplateColumn]
    example: list = field(default_factory=list)


def _width(text: str) -> int:
    """Display width: a Chinese character counts double."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(text))


def build(template: Template) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = template.sheet[:31]
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(template.columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.fill = fill
        if column.required:
            cell.font = bold
        ws.column_dimensions[get_column_letter(index)].width = max(
            column.width, _width(column.header) + 4, 12
        )
    example = list(template.example)
    if example:
        example[0] = EXAMPLE_MARK
        for index, value in enumerate(example, start=1):
            ws.cell(row=2, column=index, value=value).font = Font(italic=True, color="808080")
    ws.freeze_panes = "A2"

    choices = [(i, c) for i, c in enumerate(template.columns, start=1) if c.choices]
    if choices:
        options = wb.create_sheet(_("Options"))
        options.sheet_state = "hidden"
        for n, (index, column) in enumerate(choices, start=1):
            options.cell(row=1, column=n, value=column.header)
            for r, value in enumerate(column.choices, start=2):
                options.cell(row=r, column=n, value=value)
            letter = get_column_letter(n)
            source = (
                f"{quote_sheetname(options.title)}!${letter}$2:${letter}${len(column.choices) + 1}"
            )
            validation = DataValidation(
                type="list",
                formula1=source,
                allow_blank=not column.required,
                showErrorMessage=False,  # a name written another way is still matched on import
                promptTitle=column.header[:32],
                prompt=_("Choose from the list or write the name.")[:255],
                showInputMessage=True,
            )
            target = get_column_letter(index)
            validation.add(f"{target}3:{target}{VALIDATED_ROWS}")
            ws.add_data_validation(validation)

    notes = wb.create_sheet(_("Instructions"), 1)
    notes.append([_("Column"), _("Required"), _("Meaning"), _("Allowed values")])
    for cell in notes[1]:
        cell.font = bold
        cell.fill = fill
    for column in template.columns:
        allowed = "、".join(column.choices[:30])
        if len(column.choices) > 30:
            allowed += _(" … (the drop-down lists all %(count)s)") % {"count": len(column.choices)}
        notes.append(
            [column.header, _("Yes") if column.required else _("No"), column.meaning, allowed]
        )
    notes.append([])
    notes.append(
        [
            _(
                "The row marked 示例 is an example and is not imported. "
                "Title rows above the header are allowed."
            )
        ]
    )
    for letter, width in zip("ABCD", (16, 8, 60, 50), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def response(template: Template, filename: str) -> HttpResponse:
    """The template as a download named ``filename`` (Chinese names kept, RFC 6266)."""
    from urllib.parse import quote

    reply = HttpResponse(build(template), content_type=XLSX)
    reply["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return reply


def from_columns(
    sheet: str,
    columns,
    *,
    meanings: dict[str, str] | None = None,
    choices: dict[str, Sequence[str]] | None = None,
    example: Sequence | None = None,
) -> Template:
    """A template from an importer's ``tabular.Column`` list: each column's heading, its
    other accepted headings in its meaning, required as the importer requires it;
    ``meanings`` and ``choices`` by column key."""
    meanings, choices = meanings or {}, choices or {}
    template_columns = []
    for column in columns:
        meaning = meanings.get(column.key, "")
        if column.aliases:
            also = _("Also accepted as heading: %(names)s.") % {"names": "、".join(column.aliases)}
            meaning = f"{meaning} {also}".strip()
        template_columns.append(
            TemplateColumn(
                column.header, meaning, column.required, choices=choices.get(column.key, ())
            )
        )
    return Template(sheet=sheet, columns=template_columns, example=list(example or []))
