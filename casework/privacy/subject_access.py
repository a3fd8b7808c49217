"""The right of access (AVG art. 15): everything stored about one pupil, with the documents
and the access log, as one ZIP."""

import csv
import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import AccessLogEntry, Student
from .retention import related_objects


def _serialise(obj: models.Model) -> dict:
    row = {"model": obj._meta.label, "verbose_name": str(obj._meta.verbose_name), "pk": obj.pk}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        row[str(field.verbose_name)] = value
    for field in obj._meta.many_to_many:
        row[str(field.verbose_name)] = [str(o) for o in getattr(obj, field.name).all()]
    return row


def subject_access_export(*, student: Student) -> bytes:
    """Everything stored about one pupil: data, documents and access log, as one ZIP."""
    cases = list(student.cases.all())
    objects = [student, *student.guardians.all(), *related_objects(cases)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "gegevens.json",
            json.dumps(
                [_serialise(obj) for obj in objects],
                cls=DjangoJSONEncoder,
                indent=2,
                ensure_ascii=False,
            ),
        )
        for obj in objects:
            for field in obj._meta.concrete_fields:
                if isinstance(field, models.FileField):
                    file = getattr(obj, field.attname)
                    if file and file.storage.exists(file.name):
                        with file.open("rb") as handle:
                            archive.writestr(
                                f"documenten/{obj._meta.model_name}-{obj.pk}-{file.name.rsplit('/', 1)[-1]}",
                                handle.read(),
                            )
        log = io.StringIO()
        writer = csv.writer(log, delimiter=";")
        writer.writerow(
            [
                "moment",
                "gebruiker",
                "rol",
                "organisatie",
                "namens",
                "handeling",
                "casus",
                "omschrijving",
                "resultaat",
                "IP-adres",
            ]
        )
        entries = AccessLogEntry.objects.filter(student_pseudonym=student.pseudonym)
        for entry in entries.select_related("user").order_by("at"):
            writer.writerow(
                [
                    date_format(timezone.localtime(entry.at), "j F Y H:i:s"),
                    entry.user_label,
                    entry.get_role_display(),
                    entry.organisation,
                    entry.on_behalf_of,
                    entry.get_action_display(),
                    entry.case_id or "",
                    entry.detail,
                    entry.get_result_display(),
                    entry.ip_address or "",
                ]
            )
        archive.writestr("toegangslog.csv", log.getvalue())
        archive.writestr(
            "LEESMIJ.txt",
            _(
                "Inzage op grond van artikel 15 AVG: alle gegevens die Plusdossier over deze leerling bewaart, met de documenten en het toegangslog."
            ),
        )
    return buffer.getvalue()
