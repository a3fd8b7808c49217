import pghistory
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models
from django.utils.translation import gettext_lazy as _


class DatabaseCheckedModel(models.Model):
    """A case record that leaves to PostgreSQL what PostgreSQL checks on the write.

    Django's full_clean (a service's, and a ModelForm's) asks the database about each
    CheckConstraint with a query in a savepoint, and looks up every foreign key, before the
    write that the database checks anyway. Here full_clean checks the fields, clean() and the
    unique constraints (those answer before the write, in the user's words), not the
    CheckConstraints, and not a foreign key as it was read from the database or set to an
    object loaded from it. A write the database refuses for one of the model's
    CheckConstraints raises that constraint's ValidationError: its violation_error_message,
    keyed by the first field the constraint names, which core.forms.form_errors_from puts
    beside that field (above the form when the form has no such field). Save inside the
    service's transaction.atomic, as every service does: a refused write leaves that
    transaction to be rolled back."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        try:
            super().save(*args, **kwargs)
        except IntegrityError as error:
            refusal = self.constraint_refusal(error)
            if refusal is None:
                raise
            raise refusal from error

    def get_constraints(self):
        # What full_clean validates in Python (Model.validate_constraints reads this).
        return [
            (model, [c for c in constraints if not isinstance(c, models.CheckConstraint)])
            for model, constraints in super().get_constraints()
        ]

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._read_from_db = (field_names, values)  # references, no copy
        return instance

    def clean_fields(self, exclude=None):
        # ForeignKey.validate's query could only find such a row (a key as read, or a
        # service's `by`); the database's foreign key checks the write anyway.
        exclude = set(exclude or ())
        names, values = getattr(self, "_read_from_db", ((), ()))
        read = dict(zip(names, values, strict=True))
        for field in self._meta.concrete_fields:
            if not field.is_relation or field.get_limit_choices_to():
                continue
            value = getattr(self, field.attname)
            cached = field.get_cached_value(self, None)
            loaded = cached is not None and not cached._state.adding and cached.pk == value
            if loaded or (field.attname in read and read[field.attname] == value):
                exclude.add(field.name)
        super().clean_fields(exclude=exclude)

    def constraint_refusal(self, error: IntegrityError) -> ValidationError | None:
        """The ValidationError of the model's CheckConstraint that the database reports in
        `error`; None for any other integrity error (a unique constraint's was asked before
        the write: a refusal now is a race, and stays an IntegrityError)."""
        name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
        checks = (c for c in self._meta.constraints if isinstance(c, models.CheckConstraint))
        constraint = next((c for c in checks if c.name == name), None)
        if constraint is None:
            return None
        fields = [ref[0] for ref in self._get_expr_references(constraint.condition)]
        message = ValidationError(
            constraint.get_violation_error_message(), code=constraint.violation_error_code
        )
        return ValidationError({fields[0] if fields else NON_FIELD_ERRORS: [message]})


class TimestampedModel(DatabaseCheckedModel):
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


def track_history(verbose_name, *, exclude: tuple[str, ...] = ()):
    """The change history of a case record, as django-pghistory documents it: an insert,
    update and delete event per statement (PGHISTORY_LEVEL), in an event model of the
    tracked model's own app, named "<model>Event". The row timestamps are never tracked (the
    event has its own), so touching a row without changing it records nothing; `exclude`
    names what else stays out (the BSN, derived fields). Fresh trackers per model: pghistory
    deep-copies shared ones, and pgtrigger then sees a changed trigger on every migrate."""
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        exclude=["created_at", "updated_at", *exclude],
        meta={"verbose_name": verbose_name},
    )


class OutboxEntry(models.Model):
    """A task to send to the broker, written in the transaction of the change that asks for it.

    Sent and deleted once that transaction commits; if the broker cannot be reached the row
    stays until the beat's drain sends it (core/outbox.py).
    """

    task_name = models.CharField(_("taak"), max_length=200)
    args = models.JSONField(_("argumenten"), default=list, blank=True)
    kwargs = models.JSONField(_("benoemde argumenten"), default=dict, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("mislukte pogingen"), default=0)
    last_attempt_at = models.DateTimeField(_("laatste poging"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("taak in de wachtrij")
        verbose_name_plural = _("taken in de wachtrij")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.task_name} #{self.pk}"
