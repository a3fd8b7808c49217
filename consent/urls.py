from django.urls import path

from . import views

app_name = "consent"

urlpatterns = [
    path("<int:pk>/toestemming/", views.consent_detail, name="consent_detail"),
    path("<int:pk>/toestemming/vastleggen/", views.consent_create, name="consent_create"),
    path("<int:pk>/toestemming/intrekken/", views.consent_withdraw_view, name="consent_withdraw"),
    path("<int:pk>/toestemming/bestand/<int:consent_pk>/", views.consent_file, name="consent_file"),
    path("<int:pk>/toestemming/formulier.pdf", views.consent_form_pdf, name="consent_form_pdf"),
]
