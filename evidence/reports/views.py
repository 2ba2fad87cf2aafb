"""The report pages and their Excel downloads: permission, form, one read, render."""

from __future__ import annotations

import re
import tempfile
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from evidence.reports.base import REPORT_PERMISSION, Report
from evidence.reports.catalogue import BY_SLUG, reports_for
from evidence.reports.filters import ReportFilters
from evidence.workbook import write_workbook
from satpas.access import UnitRequest, permission_required, require_unit
from satpas.db_router import replica_reads
from satpas.privacy import may_see_personal_data
from satpas.querystrings import canonical_query, paginate, period_form_data

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(request: HttpRequest, report: Report) -> ReportFilters:
    unit = require_unit(request)
    today = timezone.localdate(timezone=ZoneInfo(unit.time_zone))
    return report.filters(period_form_data(request.GET), unit=unit, today=today)


def _allowed(request: HttpRequest, report: Report) -> None:
    if not request.user.has_perms(report.all_permissions):
        raise PermissionDenied(_("Anda tidak berwenang membuka laporan ini."))
    require_unit(request)


@require_safe
@permission_required(REPORT_PERMISSION)
def index(request: UnitRequest) -> HttpResponse:
    return render(request, "reports/index.html", {"reports": reports_for(request.user)})


@require_safe
@canonical_query()
@replica_reads()
def report_page(request: HttpRequest, slug: str) -> HttpResponse:
    report = BY_SLUG[slug]
    _allowed(request, report)
    filters = _filters(request, report)
    period = filters.period()
    masked = not may_see_personal_data(request.user)
    content = report.content(period, filters)
    page = paginate(request, content.rows, PAGE_SIZE)
    rows = content.describe(list(page.object_list)) if content.describe else page.object_list
    return render(
        request,
        report.template,
        {
            "report": report,
            "form": filters.form,
            "period": period,
            "masked": masked,
            "page": page,
            "rows": rows,
            "excel_url": reverse(f"reports:{report.slug}_excel"),
            **content.summary,
        },
    )


@require_safe
@canonical_query()
@replica_reads()
def report_excel(request: HttpRequest, slug: str) -> FileResponse:
    """The report's register for the chosen period and filters, written row by row to a
    temporary file (constant memory), then streamed; masked unless the user may see NIKs."""
    report = BY_SLUG[slug]
    _allowed(request, report)
    filters = _filters(request, report)
    period = filters.period()
    masked = not may_see_personal_data(request.user)
    handle = tempfile.TemporaryFile(prefix="satpas-report-")  # noqa: SIM115 (FileResponse closes it)
    try:
        with translation.override("id"):  # registers are Indonesian documents
            write_workbook(
                handle,
                report.register.sheets(period, masked=masked, filters=filters),
                zone=period.zone,
            )
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    code = re.sub(r"[^A-Za-z0-9-]", "", period.unit.code)
    name = f"{report.register.slug}-{code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX)
