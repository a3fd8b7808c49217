"""Retention: a pupil's cases are anonymised after the region's term (AVG art. 5(1)(e)).

The walk over every record that hangs off the cases is Django's deletion collector, so a model
that a later app adds is covered without a list to keep up to date.
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.formats import long_date

from ..models import Case, Region, Student, TimelineEntry
from ..signals import case_anonymised
from ..workflow import Status

ANONYMOUS_NAME = "Geanonimiseerd"
# Kept for the aggregate reports: dates, choices, counts and booleans are never personal
# free text; names, addresses, contact details and every free-text answer go.
KEEP_FIELD_TYPES = (
    models.DateField,
    models.BooleanField,
    models.IntegerField,
    models.DecimalField,
    models.FloatField,
    models.UUIDField,
    models.ForeignKey,
    models.OneToOneField,
)


def related_objects(cases) -> list[models.Model]:
    collector = NestedObjects(using="default")
    collector.collect(list(cases))
    return [obj for model_objs in collector.data.values() for obj in model_objs]


def retention_deadline(case: Case) -> date | None:
    if case.closed_on is None:
        return None
    return case.closed_on + relativedelta(years=case.region.retention_years)


def cases_due_for_anonymisation(today: date):
    """Closed cases past their region's retention term, not yet anonymised. One query per region."""
    due = Case.objects.none()
    for region in Region.objects.all():
        cutoff = today - relativedelta(years=region.retention_years)
        due = due | Case.objects.filter(
            region=region,
            status__in=(Status.CLOSED, Status.NOT_STARTED),
            anonymised_at__isnull=True,
            closed_on__lt=cutoff,
        )
    return due.select_related("student", "region").order_by("closed_on", "pk")


def _blank(obj: models.Model) -> None:
    changed = []
    for field in obj._meta.concrete_fields:
        # A unique field holds no personal data here (a token's hash, a reference): blanking
        # two rows would make them collide.
        if (
            field.primary_key
            or field.unique
            or isinstance(field, KEEP_FIELD_TYPES)
            or field.choices
        ):
            continue
        if isinstance(field, models.FileField):
            file = getattr(obj, field.attname)
            if file:
                file.delete(save=False)
            setattr(obj, field.attname, "")
            changed.append(field.attname)
        elif isinstance(field, (models.CharField, models.TextField, models.EmailField)):
            if field.name in {"reference", "kind", "status", "code", "username"}:
                continue
            setattr(obj, field.attname, None if field.null else "")
            changed.append(field.attname)
    if changed:
        type(obj).objects.filter(pk=obj.pk).update(**{name: getattr(obj, name) for name in changed})


@transaction.atomic
def case_anonymise(*, case: Case, today: date) -> Case:
    """Remove everything personal of a closed case past its term; refused before that date.

    The access log keeps its rows (they name the pupil only by pseudonym); aggregate figures
    (dates, choices, signals) stay for the reports.
    """
    case = Case.objects.select_for_update().select_related("student", "region").get(pk=case.pk)
    deadline = retention_deadline(case)
    if case.anonymised_at is not None:
        return case
    if deadline is None or today <= deadline:
        raise ValidationError(
            _("Deze casus mag pas na %(date)s worden geanonimiseerd.")
            % {"date": long_date(deadline) if deadline else _("afsluiting plus de bewaartermijn")}
        )
    TimelineEntry.objects.filter(case=case).delete()
    for obj in related_objects([case]):
        if obj.pk == case.pk and isinstance(obj, Case):
            continue
        _blank(obj)
    Case.objects.filter(pk=case.pk).update(
        closing_agreements="",
        case_direction_by="",
        case_direction_email="",
        case_direction_phone="",
        anonymised_at=timezone.now(),
    )
    student = case.student
    if not student.cases.exclude(pk=case.pk).filter(anonymised_at__isnull=True).exists():
        student.guardians.all().delete()
        Student.objects.filter(pk=student.pk).update(
            first_name=ANONYMOUS_NAME,
            last_name="",
            bsn=None,
            bsn_digest="",
            class_name="",
            birth_date=date(student.birth_date.year, 1, 1),
        )
    transaction.on_commit(lambda: case_anonymised.send(sender=Case, case_id=case.pk))
    case.refresh_from_db()
    return case


def anonymise_expired(*, today: date, dry_run: bool = False) -> list[Case]:
    due = list(cases_due_for_anonymisation(today))
    if not dry_run:
        for case in due:
            case_anonymise(case=case, today=today)
    return due
