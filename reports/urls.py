from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export, name="export"),
    path("<int:pk>/documenten/", views.case_documents, name="case_documents"),
    path("<int:pk>/pdf/<str:document>/", views.case_pdf, name="case_pdf"),
]
