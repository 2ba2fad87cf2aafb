"""The duty roster as a spreadsheet (django-import-export): import with a dry run and
row-by-row errors, scoped to one unit. A row that names an officer or a counter of another
unit is an error like any other."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import tablib
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from openpyxl import Workbook

from personnel.models import DutyShift, Officer
from satpas.models import Unit
from satpas.spreadsheets import safe_cell
from service_timing.models import ServicePoint

COLUMNS = ["tanggal", "nrp_nip", "loket", "sif", "mulai", "selesai"]


class _DateWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> dt.date | None:
        if value in (None, ""):
            raise ValueError(_("Tanggal wajib diisi."))
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(str(value).strip(), pattern).date()  # noqa: DTZ007 (a date)
            except ValueError:
                continue
        raise ValueError(_("Tanggal %(value)s tidak dikenal; tulis YYYY-MM-DD.") % {"value": value})

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.isoformat() if value else ""


class _TimeWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> dt.time | None:
        if value in (None, ""):
            raise ValueError(_("Jam wajib diisi."))
        if isinstance(value, dt.datetime):
            return value.time()
        if isinstance(value, dt.time):
            return value
        for pattern in ("%H:%M", "%H.%M", "%H:%M:%S"):
            try:
                return dt.datetime.strptime(str(value).strip(), pattern).time()  # noqa: DTZ007 (a time of day)
            except ValueError:
                continue
        raise ValueError(_("Jam %(value)s tidak dikenal; tulis HH:MM.") % {"value": value})

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.strftime("%H:%M") if value else ""


class _OfficerWidget(widgets.ForeignKeyWidget):
    def __init__(self, unit: Unit | None) -> None:
        super().__init__(Officer, field="number")
        self.unit = unit

    def get_queryset(self, value: Any, row: Any, *args: Any, **kwargs: Any) -> Any:
        return Officer.objects.filter(unit=self.unit, is_active=True)

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Officer:
        number = str(value or "").strip()
        if not number:
            raise ValueError(_("NRP/NIP wajib diisi."))
        try:
            return self.get_queryset(value, row).get(number=number)
        except Officer.DoesNotExist as exc:
            raise ValueError(
                _("Tidak ada petugas aktif dengan NRP/NIP %(number)s di satuan ini.")
                % {"number": number}
            ) from exc

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.number if value else ""


class _PointWidget(widgets.ForeignKeyWidget):
    def __init__(self, unit: Unit | None) -> None:
        super().__init__(ServicePoint, field="number")
        self.unit = unit

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> ServicePoint:
        try:
            number = int(str(value).strip())
            return ServicePoint.objects.get(unit=self.unit, number=number, is_active=True)
        except (TypeError, ValueError, ServicePoint.DoesNotExist) as exc:
            raise ValueError(
                _("Loket %(value)s tidak ada di satuan ini.") % {"value": value or "–"}
            ) from exc

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return str(value.number) if value else ""


class _ShiftWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        shift = str(value or "").strip().upper()
        if shift not in DutyShift.Shift.values:
            raise ValueError(_("Sif harus PAGI, SIANG atau PENUH."))
        return shift


class DutyShiftResource(resources.ModelResource):
    """One row per officer, day and shift; importing a row again updates it."""

    tanggal = fields.Field(attribute="date", column_name="tanggal", widget=_DateWidget())
    nrp_nip = fields.Field(attribute="officer", column_name="nrp_nip")
    loket = fields.Field(attribute="service_point", column_name="loket")
    sif = fields.Field(attribute="shift", column_name="sif", widget=_ShiftWidget())
    mulai = fields.Field(attribute="starts_at", column_name="mulai", widget=_TimeWidget())
    selesai = fields.Field(attribute="ends_at", column_name="selesai", widget=_TimeWidget())

    class Meta:
        model = DutyShift
        fields = COLUMNS
        import_id_fields = ["tanggal", "nrp_nip", "sif"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def __init__(self, unit: Unit | None = None, **kwargs: Any) -> None:
        # The admin's export form builds a bare resource only to list its columns; every
        # import and export is given the operator's unit.
        super().__init__(**kwargs)
        self.unit = unit
        self.fields["nrp_nip"].widget = _OfficerWidget(unit)
        self.fields["loket"].widget = _PointWidget(unit)

    def get_queryset(self) -> Any:
        if self.unit is None:
            return DutyShift.objects.none()
        return DutyShift.objects.filter(unit=self.unit)

    def init_instance(self, row: Any = None) -> DutyShift:
        return DutyShift(unit=self.unit)

    def get_instance(self, instance_loader: Any, row: Any) -> DutyShift | None:
        try:
            return self.get_queryset().get(
                date=self.fields["tanggal"].clean(row),
                officer=self.fields["nrp_nip"].clean(row),
                shift=self.fields["sif"].clean(row),
            )
        except (DutyShift.DoesNotExist, ValueError, KeyError):
            # A bad key is reported by the field itself when the row is imported.
            return None


class RosterFileError(ValueError):
    """The file cannot be read as a roster sheet at all."""


def dataset_from_file(name: str, content: bytes) -> tablib.Dataset:
    """A CSV (UTF-8, comma or semicolon) or .xlsx sheet as a dataset with the known columns."""
    try:
        if name.lower().endswith(".xlsx"):
            dataset = tablib.Dataset().load(content, format="xlsx")
        else:
            text = content.decode("utf-8-sig")
            delimiter = (
                ";"
                if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",")
                else ","
            )
            dataset = tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except Exception as exc:  # any parser failure means the same to the user
        raise RosterFileError(_("Berkas tidak dapat dibaca sebagai CSV atau Excel.")) from exc
    headers = [str(h or "").strip().lower() for h in (dataset.headers or [])]
    missing = [column for column in COLUMNS if column not in headers]
    if missing:
        raise RosterFileError(
            _("Kolom tidak lengkap; yang belum ada: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    dataset.headers = headers
    # Blank lines at the end of a sheet are not rows.
    blank = [i for i, row in enumerate(dataset) if not any(str(v or "").strip() for v in row)]
    for index in reversed(blank):
        del dataset[index]
    return dataset


class SafeXLSX(base_formats.XLSX):
    """The roster exported as .xlsx with every cell through `safe_cell`: a value that looks
    like a formula stays text (tablib's own writer stores it as a formula)."""

    def export_data(self, dataset: tablib.Dataset, **kwargs: Any) -> bytes:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(str(dataset.title or "jadwal")[:31])
        if dataset.headers:
            sheet.append([safe_cell(sheet, header) for header in dataset.headers])
        for row in dataset:
            sheet.append([safe_cell(sheet, value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
