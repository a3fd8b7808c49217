"""Casework asks consent's rules and sends its closing signals without importing upward (issue 16):
the consent and followups apps plug in at ready."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from casework.signals import ConsentRules, case_closed, case_ended, consent_rules
from consent import selectors


def test_the_consent_app_plugs_its_rules_into_casework():
    assert consent_rules.intake_shared_with is selectors.intake_shared_with
    assert consent_rules.require_valid_consent is selectors.require_valid_consent


def test_a_rule_nobody_plugged_in_refuses_instead_of_guessing():
    with pytest.raises(ImproperlyConfigured):
        ConsentRules().cases_shared_with(None, None)


def test_consent_and_followups_listen_to_the_end_of_a_case():
    assert case_ended.has_listeners()
    assert case_closed.has_listeners()


def test_the_evaluations_app_plugs_its_plan_dates_into_casework():
    from casework.signals import PlanDates, plan_dates
    from evaluations import selectors as evaluation_selectors

    assert plan_dates.next_due_dates is evaluation_selectors.next_due_dates
    assert plan_dates.case_evaluation_dates is evaluation_selectors.case_evaluation_dates
    assert consent_rules.cases_shared_with is evaluation_selectors.cases_shared_with
    with pytest.raises(ImproperlyConfigured):
        PlanDates().next_due_dates([1])
