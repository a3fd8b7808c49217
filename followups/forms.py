"""Forms of the followups screens: the school's follow-up answer and the public survey. They
only clean and validate; services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SURVEY_QUESTIONS, ExamResult, Outflow, Progression

COMMENT_MAX_LENGTH = 2000


class FollowUpForm(forms.Form):
    outflow = forms.ChoiceField(
        label=_("Uitstroom: waar is de leerling nu?"),
        choices=Outflow.choices,
        widget=forms.RadioSelect,
    )
    progression = forms.ChoiceField(
        label=_("Doorstroom"),
        choices=[("", _("niet ingevuld")), *Progression.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Verplicht als de leerling nog op school zit."),
    )
    exam_result = forms.ChoiceField(
        label=_("Examenresultaat"),
        choices=ExamResult.choices,
        initial=ExamResult.NOT_APPLICABLE,
        widget=forms.RadioSelect,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outflow") == Outflow.SCHOOL and not cleaned.get("progression"):
            self.add_error("progression", _("Kies de doorstroom: de leerling zit nog op school."))
        return cleaned


SCORE_CHOICES = [
    ("1", _("1 — heel slecht")),
    ("2", _("2 — slecht")),
    ("3", _("3 — gaat wel")),
    ("4", _("4 — goed")),
    ("5", _("5 — heel goed")),
]


class SurveyForm(forms.Form):
    comment = forms.CharField(
        label=_("Wilt u nog iets zeggen? (niet verplicht)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX_LENGTH}),
        help_text=_("Schrijf hier geen namen. Dan blijft uw antwoord anoniem."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        questions = {
            name: forms.TypedChoiceField(
                label=question,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies een cijfer van 1 tot 5.")},
            )
            for name, question in SURVEY_QUESTIONS
        }
        # The questions first, the comment last.
        self.fields = {**questions, "comment": self.fields["comment"]}
