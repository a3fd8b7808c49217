"""The right of access (AVG art. 15): everything stored about one pupil, with the documents
and the access log, as one ZIP."""

import csv
import io
import json
import zipfile

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.formats import display_value

from ..models import AccessLogEntry, Student
from .retention import related_objects


def _shown(obj: models.Model, field: models.Field):
    """A stored value as the pages show it: a choice's label, a person's or an organisation's
    name, ja/nee, a date in words, a moment in local time; null for nothing."""
    value = getattr(obj, field.attname)
    if value is None or value == "":
        return None
    if isinstance(field, models.FileField):
        return value.name.rsplit("/", 1)[-1]
    if field.is_relation:
        return str(getattr(obj, field.name))
    return display_value(field, value)


def _serialise(obj: models.Model) -> dict:
    row = {"model": obj._meta.label, "soort": str(obj._meta.verbose_name), "pk": obj.pk}
    for field in obj._meta.concrete_fields:
        row[str(field.verbose_name)] = _shown(obj, field)
    for field in obj._meta.many_to_many:
        row[str(field.verbose_name)] = [str(o) for o in getattr(obj, field.name).all()]
    return row


def _readme(documents: list[str]) -> str:
    lines = [
        _(
            "Inzage op grond van artikel 15 AVG: alle gegevens die Plusdossier over deze leerling bewaart."
        ),
        "",
        _("Dit archief bevat:"),
        _(
            "- gegevens.json: de gegevens van de leerling, de ouders/verzorgers en de casussen, met de namen van de velden zoals het dossier ze toont;"
        ),
        _(
            "- toegangslog.csv: wie het dossier wanneer heeft ingezien of gewijzigd (puntkomma-gescheiden, Nederlandse tijd);"
        ),
    ]
    if documents:
        lines.append(_("- documenten/: %(count)d document(en):") % {"count": len(documents)})
        lines += [f"  - {name}" for name in documents]
    else:
        lines.append(_("- geen documenten: bij deze leerling zijn geen documenten opgeslagen."))
    return "\n".join(lines) + "\n"


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
                indent=2,
                ensure_ascii=False,
            ),
        )
        documents = []
        for obj in objects:
            for field in obj._meta.concrete_fields:
                if isinstance(field, models.FileField):
                    file = getattr(obj, field.attname)
                    if file and file.storage.exists(file.name):
                        name = f"{obj._meta.model_name}-{obj.pk}-{file.name.rsplit('/', 1)[-1]}"
                        with file.open("rb") as handle:
                            archive.writestr(f"documenten/{name}", handle.read())
                        documents.append(name)
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
        archive.writestr("LEESMIJ.txt", _readme(documents))
    return buffer.getvalue()
