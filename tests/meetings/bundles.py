"""Getting a meeting's bundle as the coördinator does: ask for it (a BundleJob made by the
Celery task, here in the request: eager, with the commit hooks run), then download it."""

from contextlib import contextmanager

from django.test import TestCase
from django.urls import reverse

from meetings.models import BundleJob


@contextmanager
def tasks_in_process():
    """Celery tasks run where they are sent, once the sending transaction commits."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            yield
    finally:
        app.conf.task_always_eager = before


def ask_for_bundle(client, meeting):
    """POST the bundle button; returns the response (a redirect to the job's page)."""
    with tasks_in_process():
        return client.post(reverse("meetings:meeting_bundle", args=[meeting.pk]))


def bundle_pdf(client, meeting):
    """The bundle's download response, after asking for it."""
    response = ask_for_bundle(client, meeting)
    assert response.status_code == 302, response
    job = BundleJob.objects.filter(meeting=meeting).first()
    assert response["Location"] == reverse("meetings:meeting_bundle_job", args=[meeting.pk, job.pk])
    return client.get(reverse("meetings:meeting_bundle_download", args=[meeting.pk, job.pk]))
