"""The Office Open XML (SpreadsheetML) parts of a register, streamed straight into the ZIP.

Why not a library: a year's evidence pack holds some two million cells. Measured here on
390,000 cells shaped like the service-time register (processor seconds), openpyxl's
write-only mode took about 14 µs a cell and XlsxWriter's constant-memory mode about 7 µs,
each through several calls per cell; one formatted string per cell takes about 1 µs, and the
whole pack of a year went from 358 s to 75 s on the same data and the same (busy) machine
(bench/pack.py). The registers need only what this module writes: inline text, numbers,
dates, one header style, a frozen first row, a filter and column widths. The parts follow
what XlsxWriter writes for the same workbook (ECMA-376 part 1, the element order of
CT_Worksheet); the tests read them back with openpyxl.

Everything is fixed for the same data: the ZIP entries' dates, their order and the document's
creation date, so the same register always has the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from typing import IO

# The earliest date a ZIP can hold, as XlsxWriter stamps the files inside a workbook.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# The workbook's "created" property. The day a file was written is not evidence (the pack's
# record in the database keeps when it was built).
CREATED = "2000-01-01T00:00:00Z"

# Style indexes in styles.xml (cellXfs).
HEADER, DATE, DATETIME, QUOTED = 1, 2, 3, 4

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EPOCH = dt.datetime(1899, 12, 30)  # noqa: DTZ001 (the registers' times are naive office time)
_FIRST_SERIAL_DAY = dt.date(1900, 3, 1)  # Excel's 1900 leap-year bug lies before it
_ORDINAL_EPOCH = _EPOCH.toordinal()

# Excel's own escape "_xHHHH_" for control characters, which XML 1.0 cannot carry; a literal
# "_xHHHH_" in the text gets its underscore escaped so it reads back as typed.
_ESCAPE_OF_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_NEEDS_WORK = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def text(value: str) -> str:
    """Text as the content of <t>: XML-escaped, control characters as Excel escapes them."""
    if _NEEDS_WORK.search(value):
        value = _ESCAPE_OF_ESCAPE.sub(r"_x005F\1", value)
        value = _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", value)
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value


def attribute(value: str) -> str:
    return text(value).replace('"', "&quot;").replace("\n", "&#xA;")


def serial(value: dt.date) -> float | int | None:
    """Excel's day number of a naive date or time; None before 1 March 1900 (Excel counts a
    29 February 1900 that never was, so earlier days are written as text instead)."""
    if isinstance(value, dt.datetime):
        if value.date() < _FIRST_SERIAL_DAY:
            return None
        delta = value - _EPOCH
        return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    if value < _FIRST_SERIAL_DAY:
        return None
    return value.toordinal() - _ORDINAL_EPOCH


class SheetPart:
    """One worksheet being written: call `row` for each row in order, then `close`."""

    def __init__(
        self,
        stream: IO[bytes],
        widths: Sequence[float],
        filter_rows: int,
        selected: bool,
    ) -> None:
        self.stream = stream
        self.letters = [column_letter(i) for i in range(max(len(widths), 1))]
        self.filter_ref = f"A1:{self.letters[len(widths) - 1]}{filter_rows + 1}"
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{_stored_width(width)}" customWidth="1"/>'
            for i, width in enumerate(widths, start=1)
        )
        tab = ' tabSelected="1"' if selected else ""
        self._write(
            f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheetViews><sheetView{tab} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft"'
            ' state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
            '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
            f"<cols>{cols}</cols><sheetData>"
        )

    def _write(self, xml: str) -> None:
        self.stream.write(xml.encode())

    def row(self, number: int, cells: str) -> None:
        """`cells`: the row's <c> elements, made with `cell_*`."""
        self._write(f'<row r="{number}">{cells}</row>')

    def close(self) -> None:
        self._write(
            f'</sheetData><autoFilter ref="{self.filter_ref}"/>'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3"'
            ' footer="0.3"/></worksheet>'
        )
        self.stream.close()


def _stored_width(characters: float) -> float:
    """A width in characters as Excel stores it: with the cell's padding (5 px at 7 px per
    character), rounded down to 1/256 of a character."""
    return int((characters + 5 / 7) * 256) / 256 if characters else 0


class Package:
    """The workbook's ZIP: the sheets streamed one after the other, then the parts that list
    them. Memory does not grow with the number of rows."""

    def __init__(self, target: str | IO[bytes]) -> None:
        self.archive = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED)
        self.titles: list[str] = []
        self.filters: list[str] = []

    def sheet(self, title: str, widths: Sequence[float], filter_rows: int) -> SheetPart:
        self.titles.append(title)
        stream = self.archive.open(
            self._info(f"xl/worksheets/sheet{len(self.titles)}.xml"), "w", force_zip64=True
        )
        part = SheetPart(stream, widths, filter_rows, selected=len(self.titles) == 1)
        self.filters.append(part.filter_ref)
        return part

    def close(self) -> None:
        count = len(self.titles)
        sheets = "".join(
            f'<sheet name="{attribute(title)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, title in enumerate(self.titles, start=1)
        )
        names = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
            f"{text(_quoted(title))}!{_absolute(ref)}</definedName>"
            for i, (title, ref) in enumerate(zip(self.titles, self.filters, strict=True))
        )
        parts = {
            "[Content_Types].xml": _content_types(count),
            "_rels/.rels": (
                f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
                f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
                'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
                f'<Relationship Id="rId3" Type="{_REL}/extended-properties"'
                ' Target="docProps/app.xml"/></Relationships>'
            ),
            "docProps/app.xml": (
                f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
                '2006/extended-properties"><Application>Microsoft Excel</Application>'
                "</Properties>"
            ),
            "docProps/core.xml": (
                f'{_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
                'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/'
                '1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/'
                '2001/XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">'
                f'{CREATED}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">'
                f"{CREATED}</dcterms:modified></cp:coreProperties>"
            ),
            "xl/workbook.xml": (
                f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/>'
                f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>'
                f"<definedNames>{names}</definedNames></workbook>"
            ),
            "xl/_rels/workbook.xml.rels": (
                f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
                + "".join(
                    f'<Relationship Id="rId{i}" Type="{_REL}/worksheet"'
                    f' Target="worksheets/sheet{i}.xml"/>'
                    for i in range(1, count + 1)
                )
                + f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles"'
                ' Target="styles.xml"/></Relationships>'
            ),
            "xl/styles.xml": STYLES,
        }
        for name, xml in parts.items():
            self.archive.writestr(self._info(name), xml.encode())
        self.archive.close()

    @staticmethod
    def _info(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        return info


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _absolute(ref: str) -> str:
    """A1:M1001 → $A$1:$M$1001"""
    return ":".join(re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", part) for part in ref.split(":"))


def _content_types(count: int) -> str:
    sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    return (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{sheet}"/>'
            for i in range(1, count + 1)
        )
        + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml"'
        ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.extended-properties+xml"/></Types>'
    )


# 0 plain; 1 the header (bold white on dark blue, wrapped, top); 2 date; 3 date and time;
# 4 text that a spreadsheet would read as a formula, kept as text by Excel's quote prefix.
STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="DD-MM-YYYY"/>'
    '<numFmt numFmtId="165" formatCode="DD-MM-YYYY HH:MM"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="Calibri"/>'
    '<family val="2"/><scheme val="minor"/></font><font><b/><sz val="11"/>'
    '<color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'
    "</fonts>"
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill>'
    '<patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid">'
    '<fgColor rgb="FF0B2545"/><bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1"'
    ' applyFill="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9"'
    ' defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
)
