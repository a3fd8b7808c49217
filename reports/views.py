"""Management reports (region aggregates) and the case documents (PDF)."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from casework.access import can, deny, deny_case, get_case_for_user, log_access
from casework.models import AccessAction
from consent.selectors import require_valid_consent
from core.formats import long_date
from core.http import query_int
from core.pdf import pdf_response

from .charts import charts_for
from .documents import (
    DOCUMENTS,
    DocumentUnavailable,
    available_documents,
    document_pdf,
    shared_with_partners,
)
from .exports import AUDIENCES, CONTENT_TYPES, FORMATS, export_filename, render_export
from .forms import PeriodForm
from .selectors import (
    REPORTS,
    build_report,
    build_reports,
    linked_reports,
    may_see_reports,
    quarter_to_date,
)


def _period_form(request: HttpRequest) -> PeriodForm:
    if "start" in request.GET or "end" in request.GET:
        return PeriodForm(request.GET)
    default = quarter_to_date(timezone.localdate())
    return PeriodForm({"start": default.start.isoformat(), "end": default.end.isoformat()})


def _require_report_user(request: HttpRequest, what: str) -> None:
    # Only coördinatoren and beheerders have reports; others see the page as not there,
    # and the refusal is logged (one row, result geweigerd).
    if not may_see_reports(request.user):
        deny(request, what, _("Pagina niet gevonden."))


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    _require_report_user(request, "rapportages")
    form = _period_form(request)
    reports = []
    if form.is_valid():
        reports = build_reports(user=request.user, period=form.period)
        for report in reports:
            report.charts = charts_for(report)
    return render(
        request,
        "reports/index.html",
        {
            "form": form,
            "reports": reports,
            "period": form.period if form.is_valid() else None,
            "region": request.user.region,
        },
    )


@require_GET
def export(request: HttpRequest) -> HttpResponse:
    key = request.GET.get("report", "")
    fmt = request.GET.get("format", "xlsx")
    audience = request.GET.get("audience", "internal")
    _require_report_user(request, f"export rapportage {key[:40]} ({fmt[:10]})")
    if key not in REPORTS or fmt not in FORMATS or audience not in AUDIENCES:
        return HttpResponseBadRequest(_("Onbekende rapportage, bestandsvorm of doelgroep."))
    form = _period_form(request)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Kies een geldige periode."))
    period = form.period
    report = build_report(key, user=request.user, period=period)
    if audience == "external":
        report.linked = linked_reports(key, user=request.user, period=period)
    content = render_export(report, period, fmt=fmt, audience=audience, region=request.user.region)
    log_access(
        request,
        case=None,
        action=AccessAction.EXPORT,
        detail=f"rapportage {key} ({fmt}, {'extern' if audience == 'external' else 'intern'}) "
        f"{long_date(period.start)} t/m {long_date(period.end)}",
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{export_filename(report, period, fmt, audience)}"'
    )
    return response


# --- case documents ----------------------------------------------------------------------


def _documents_page(request, case, *, refusal=None, status=200) -> HttpResponse:
    from consent.selectors import consent_gaps

    user = request.user
    documents = available_documents(case)
    # Who prints which document: the access table's "document.<key>" rows.
    printable = {key: can(user, case, f"document.{key}") for key in DOCUMENTS}
    try:
        consent_form_url = (
            reverse("consent:consent_form_pdf", args=[case.pk])
            if can(user, case, "consent")
            else ""
        )
    except NoReverseMatch:
        consent_form_url = ""
    return render(
        request,
        "reports/case_documents.html",
        {
            "case": case,
            "active_tab": "documents",
            "documents": documents,
            "printable": printable,
            "consent_gaps": consent_gaps(case),
            "intake_for_partners": shared_with_partners("intake", case),
            "consent_form_url": consent_form_url,
            "refusal": refusal or [],
        },
        status=status,
    )


@require_GET
def case_documents(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, section="documents", detail="documenten")
    return _documents_page(request, case)


@require_GET
def case_pdf(request: HttpRequest, pk: int, document: str) -> HttpResponse:
    user = request.user
    if document not in DOCUMENTS:
        deny_case(request, pk, f"document {document}")
    # One row for a print: the PRINT row below, or the refusal; not a view row as well.
    case = get_case_for_user(
        request, pk, section=f"document.{document}", detail=f"document {document}", log=False
    )
    version = query_int(request, "version", minimum=1, invalid_404=True)
    is_partner = case.access.through_consent
    for_partner = request.GET.get("for") == "partner" or is_partner
    if for_partner:
        try:
            require_valid_consent(case)
        except ValidationError as error:
            refusal = [_("Dit document kan niet voor partners worden gemaakt."), *error.messages]
            log_access(
                request,
                case=case,
                action=AccessAction.DENIED,
                detail=f"document {document} voor partners: geen geldige toestemming",
            )
            return _documents_page(request, case, refusal=refusal, status=403)
    try:
        pdf = document_pdf(
            document,
            case,
            version=version,
            for_partner=for_partner,
            # A partner gets what is shared with their organisation; the coördinator's print
            # for partners what is shared with the partners the consent covers.
            organisation=user.organisation_id if is_partner else None,
        )
    except DocumentUnavailable as error:
        log_access(request, case=case, action=AccessAction.VIEW, detail=f"document {document}")
        return _documents_page(request, case, refusal=[str(error)], status=404)
    detail = f"{DOCUMENTS[document].title} (pdf{', voor partners' if for_partner else ''})"
    log_access(request, case=case, action=AccessAction.PRINT, detail=detail)
    filename = f"{document}-{case.reference}{'-partners' if for_partner else ''}.pdf"
    return pdf_response(pdf, filename)
