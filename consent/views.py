"""The Toestemming tab, the printable form and the access-checked download.

Consent details are for the case's casemanager and the region's coördinator only: every
view fetches the case with write=True (a gedragsdeskundige of the school gets a 404, and
the refusal is logged), and logs what it did (view, change, print, download).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework.access import get_case_for_user
from casework.models import AccessAction, Case
from core.forms import form_errors_from
from core.pdf import render_to_pdf

from .forms import ConsentForm, WithdrawForm
from .models import Consent
from .rules import YOUTH_CONSENTS_FROM, age_on
from .selectors import (
    consent_form_partners,
    consent_gaps,
    consent_history,
    consent_renewal,
    latest_consent,
)
from .services import consent_record, consent_withdraw
from .uploads import file_response


def _render_detail(
    request: HttpRequest,
    case: Case,
    *,
    form: ConsentForm | None = None,
    withdraw_form: WithdrawForm | None = None,
    status: int = 200,
) -> HttpResponse:
    history = list(consent_history(case))
    latest = history[0] if history and not history[0].is_superseded else None
    context = {
        "case": case,
        "active_tab": "consent",
        "consent": latest,
        "gaps": consent_gaps(case, consent=latest) if latest else consent_gaps(case),
        "renewal": consent_renewal(case, consent=latest) if latest else "",
        "history": history,
        "form": form or ConsentForm(case=case, user=request.user, previous=latest),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "can_withdraw": case.is_open
        and ((latest is not None and latest.ended_on is None) or withdraw_form is not None),
        "case_open": case.is_open,
    }
    return render(request, "consent/consent_detail.html", context, status=status)


@require_GET
def consent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk, section="consent", action=AccessAction.VIEW)
    return _render_detail(request, case)


@require_POST
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(
        request, pk, section="consent", write=True, detail="toestemming vastleggen"
    )
    form = ConsentForm(
        request.POST, request.FILES, case=case, user=request.user, previous=latest_consent(case)
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            consent = consent_record(
                case=case,
                by=request.user,
                given_on=data["given_on"],
                method=data["method"],
                organisations=data["organisations"],
                representative_1=data["representative_1"],
                representative_2=data["representative_2"],
                youth_consented=data["youth_consented"],
                missing_representative_reason=data["missing_representative_reason"],
                legal_basis=data["legal_basis"],
                shares_intake=data["shares_intake"],
                signed_file=data["signed_file"],
                request=request,
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            gaps = consent_gaps(case, consent=consent)
            if consent.is_complete and gaps:  # complete when given, not for today's age
                messages.warning(
                    request,
                    _("De toestemming is vastgelegd, maar geldt nu niet: %(gaps)s")
                    % {"gaps": " ".join(gaps)},
                )
            elif consent.is_complete:
                messages.success(request, _("De toestemming is vastgelegd en volledig."))
            else:
                messages.warning(
                    request,
                    _("De toestemming is vastgelegd, maar is onvolledig: %(missing)s")
                    % {"missing": " ".join(consent.missing)},
                )
            return redirect("consent:consent_detail", pk=case.pk)
    return _render_detail(request, case, form=form)


@require_POST
def consent_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(
        request, pk, section="consent", write=True, detail="toestemming intrekken"
    )
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            consent_withdraw(
                case=case,
                by=request.user,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("De toestemming is ingetrokken. Er wordt vanaf nu niets meer gedeeld."),
            )
            return redirect("consent:consent_detail", pk=case.pk)
    return _render_detail(request, case, withdraw_form=form)


@require_GET
def consent_file(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    case = get_case_for_user(
        request,
        pk,
        section="consent",
        action=AccessAction.DOWNLOAD,
        detail=f"toestemmingsformulier {consent_pk}",
    )
    consent = get_object_or_404(Consent, pk=consent_pk, case=case)
    if not consent.signed_file:
        raise Http404(_("Bij deze toestemming is geen bestand geüpload."))
    extension = consent.signed_file.name.rsplit(".", 1)[-1]
    return file_response(
        consent.signed_file,
        content_type=consent.signed_file_type or "application/octet-stream",
        download_name=f"toestemming-{case.reference}-v{consent.version}.{extension}",
    )


@require_GET
def consent_form_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(
        request, pk, section="consent", action=AccessAction.PRINT, detail="toestemmingsformulier"
    )
    today = timezone.localdate()
    guardians = [g for g in case.student.guardians.all() if g.has_custody]
    partners = consent_form_partners(case)
    context = {
        "case": case,
        "student": case.student,
        "guardians": guardians,
        "representative_1": guardians[0] if guardians else None,
        "representative_2": guardians[1] if len(guardians) > 1 else None,
        "youth_signs": age_on(case.student.birth_date, today) >= YOUTH_CONSENTS_FROM,
        "partners": partners,
        "partners_ticked": any(ticked for _org, ticked in partners),
        "today": today,
    }
    pdf = render_to_pdf("consent/consent_form_pdf.html", context, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="toestemmingsformulier-{case.reference}.pdf"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
