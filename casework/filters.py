"""Filters of the case list (django-filter). Choices come from the user's own region."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import PlainSelect

from .constants import CaseKind, ClockLevel, Scenario
from .models import Case
from .selectors import (
    DEFAULT_SORT,
    LIST_SORTS,
    clock_level_q,
    region_casemanagers,
    regions_for,
    schools_for,
)
from .workflow import Status

NO_CASEMANAGER = "none"


class CasemanagerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class CaseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        empty_label=_("alle statussen"),
        widget=PlainSelect,
    )
    school = django_filters.ChoiceFilter(
        label=_("School"),
        method="filter_school",
        empty_label=_("alle scholen"),
        choices=(),
        widget=PlainSelect,
    )
    casemanager = django_filters.ChoiceFilter(
        label=_("Casemanager"),
        method="filter_casemanager",
        empty_label=_("alle casemanagers"),
        choices=(),
        widget=PlainSelect,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Soort"),
        choices=CaseKind.choices,
        empty_label=_("alle soorten"),
        widget=PlainSelect,
    )
    scenario = django_filters.ChoiceFilter(
        label=_("Scenario"),
        choices=Scenario.choices,
        empty_label=_("alle scenario's"),
        widget=PlainSelect,
    )
    clock = django_filters.ChoiceFilter(
        label=_("Termijn"),
        choices=ClockLevel.choices,
        method="filter_clock",
        empty_label=_("alle termijnen"),
        widget=PlainSelect,
    )

    sorteer = django_filters.ChoiceFilter(
        label=_("Sorteren"),
        choices=[(key, sort.label) for key, sort in LIST_SORTS.items() if key != DEFAULT_SORT],
        method="keep",  # the order is the keyset page's (selectors.keyset_page), not a filter
        empty_label=LIST_SORTS[DEFAULT_SORT].label,
        widget=PlainSelect,
    )

    class Meta:
        model = Case
        fields = ["status", "school", "casemanager", "kind", "scenario", "clock", "sorteer"]

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data=data, queryset=queryset, request=request, **kwargs)
        user = request.user
        # Evaluated once here: the choices are rendered and validated from these lists.
        self.filters["school"].extra["choices"] = [
            (str(school.pk), str(school)) for school in schools_for(user)
        ]
        self._casemanagers = list(region_casemanagers(user.region_id))
        self.filters["casemanager"].extra["choices"] = [
            (NO_CASEMANAGER, _("nog niet toegewezen"))
        ] + [(str(cm.pk), str(cm)) for cm in self._casemanagers]
        self._regions = regions_for(user)

    def filter_casemanager(self, queryset, name, value):
        if value == NO_CASEMANAGER:
            return queryset.filter(casemanager__isnull=True)
        return queryset.filter(casemanager_id=int(value))

    def filter_school(self, queryset, name, value):
        return queryset.filter(school_id=int(value))

    def keep(self, queryset, name, value):
        return queryset

    @property
    def sort(self) -> str:
        """The chosen order of the list (a key of selectors.LIST_SORTS)."""
        if self.is_bound and self.form.is_valid():
            return self.form.cleaned_data.get("sorteer") or DEFAULT_SORT
        return DEFAULT_SORT

    def filter_clock(self, queryset, name, value):
        return queryset.filter(clock_level_q(value, self._regions, timezone.localdate()))

    @property
    def active(self) -> bool:
        """True when at least one valid filter narrows the list."""
        return self.is_bound and any(
            value not in (None, "")
            for name, value in self.form.cleaned_data.items()
            if name != "sorteer"
        )
