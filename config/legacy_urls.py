"""Addresses that moved. Since issue 16 every page of a case lives under /casussen/<pk>/…,
and the meeting and follow-up pages under /overleg/ and /opvolging/; links in e-mails
already sent and bookmarks keep working through this one table.

A GET or HEAD gets 301 to the page's new address (with its query string); any other method
308, which keeps the method and the body, so a form opened before the move still posts. The
redirect does not look at the case: it answers the same for every id, and the new address
decides (404 for whoever may not see the case, and the access log).
"""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import path, reverse

# (old route, new URL name): the route's arguments are the new URL's.
MOVED = [
    ("aanmelding/<int:pk>/intake/", "intake:intake_edit"),
    ("toestemming/<int:pk>/", "consent:consent_detail"),
    ("toestemming/<int:pk>/vastleggen/", "consent:consent_create"),
    ("toestemming/<int:pk>/intrekken/", "consent:consent_withdraw"),
    ("toestemming/<int:pk>/bestand/<int:consent_pk>/", "consent:consent_file"),
    ("toestemming/<int:pk>/formulier.pdf", "consent:consent_form_pdf"),
    ("plannen/<int:pk>/plan/", "evaluations:plan_detail"),
    ("plannen/<int:pk>/plan/doel/", "evaluations:goal_add"),
    ("plannen/<int:pk>/plan/vaststellen/", "evaluations:plan_adopt"),
    ("plannen/<int:pk>/doel/<int:goal_pk>/", "evaluations:goal_edit"),
    ("plannen/<int:pk>/doel/<int:goal_pk>/verwijderen/", "evaluations:goal_delete"),
    ("plannen/<int:pk>/evaluaties/", "evaluations:evaluation_list"),
    ("plannen/<int:pk>/evaluaties/vervolg/", "evaluations:evaluation_followup"),
    ("plannen/<int:pk>/evaluaties/afsluiten/", "evaluations:evaluation_close"),
    ("plannen/<int:pk>/evaluaties/<int:evaluation_pk>/", "evaluations:evaluation_record"),
    (
        "plannen/<int:pk>/evaluaties/<int:evaluation_pk>/verzetten/",
        "evaluations:evaluation_reschedule",
    ),
    ("plannen/<int:pk>/belastbaarheidsprofiel/", "evaluations:load_profile"),
    ("plannen/<int:pk>/belastbaarheidsprofiel/school/", "evaluations:load_profile_school"),
    ("plannen/<int:pk>/belastbaarheidsprofiel/vergelijken/", "evaluations:load_profile_compare"),
    ("rapportages/<int:pk>/documenten/", "reports:case_documents"),
    ("rapportages/<int:pk>/pdf/<str:document>/", "reports:case_pdf"),
    ("kwaliteit/<int:pk>/geschiedenis/", "history:case_history"),
    ("plannen/overleg/", "meetings:meeting_list"),
    ("plannen/overleg/nieuw/", "meetings:meeting_create"),
    ("plannen/overleg/<int:meeting_pk>/", "meetings:meeting_detail"),
    ("plannen/overleg/<int:meeting_pk>/agenda/", "meetings:meeting_add_case"),
    ("plannen/overleg/<int:meeting_pk>/agenda/<int:item_pk>/", "meetings:meeting_minutes"),
    (
        "plannen/overleg/<int:meeting_pk>/agenda/<int:item_pk>/verwijderen/",
        "meetings:meeting_remove_case",
    ),
    ("rapportages/overleg/<int:meeting_pk>/bundel.pdf", "meetings:meeting_bundle"),
    ("overleg/<int:meeting_pk>/bundel.pdf", "meetings:meeting_bundle"),
    ("kwaliteit/<int:pk>/overleg/", "meetings:case_minutes"),
    ("kwaliteit/<int:pk>/notitie/", "casework:partner_note"),
    ("kwaliteit/opvolging/", "followups:follow_ups"),
    ("kwaliteit/opvolging/<int:follow_up_pk>/", "followups:follow_up_record"),
    ("kwaliteit/tevredenheid/", "followups:survey_report"),
]


class PermanentRedirectKeepMethod(HttpResponsePermanentRedirect):
    status_code = 308


def _moved_to(name: str):
    def view(request: HttpRequest, **kwargs) -> HttpResponse:
        url = reverse(name, kwargs=kwargs)
        if query := request.META.get("QUERY_STRING"):
            url = f"{url}?{query}"
        if request.method in ("GET", "HEAD"):
            return HttpResponsePermanentRedirect(url)
        return PermanentRedirectKeepMethod(url)

    view.__name__ = view.__qualname__ = f"moved_to_{name.replace(':', '_')}"
    return view


urlpatterns = [path(old, _moved_to(new)) for old, new in MOVED]
