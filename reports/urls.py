from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("rapportages/", views.index, name="index"),
    path("rapportages/export/", views.export, name="export"),
    path("casussen/<int:pk>/documenten/", views.case_documents, name="case_documents"),
    path("casussen/<int:pk>/pdf/<str:document>/", views.case_pdf, name="case_pdf"),
]
