"""The notice that the ontwikkelingsperspectief is missing, for the belastbaarheidsprofiel and
the plan van aanpak: `{% development_perspective_notice case %}`."""

from django import template

from casework.models import Case

from ..selectors import development_perspective_gap

register = template.Library()


@register.inclusion_tag("evaluations/includes/development_perspective_notice.html")
def development_perspective_notice(case: Case) -> dict:
    return {"gap": development_perspective_gap(case)}
