"""The demo writes only e-mail addresses that the forms accept: a betrokkene with
contact@youth_care.example (an underscore in the domain) made its plan impossible to save."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.validators import EmailValidator
from django.db import models

from evaluations.models import Stakeholder


@pytest.mark.django_db(transaction=True)
def test_every_demo_email_is_valid_and_every_betrokkene_can_be_saved():
    call_command("seed_demo", cases=60, seed=7)
    validate = EmailValidator()
    checked, invalid = 0, []
    for model in apps.get_models():
        if model._meta.app_label == "quality" and model.__name__.endswith("Event"):
            continue  # history copies of the rows checked here
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.EmailField):
                continue
            values = model._default_manager.exclude(**{field.name: ""}).values_list(
                field.name, flat=True
            )
            for value in values.iterator():
                checked += 1
                try:
                    validate(value)
                except ValidationError:
                    invalid.append(f"{model.__name__}.{field.name}={value}")
    assert checked > 100
    assert invalid == []
    partners = Stakeholder.objects.filter(organisation__isnull=False)
    assert partners.exists()
    for stakeholder in Stakeholder.objects.all():
        stakeholder.full_clean()
