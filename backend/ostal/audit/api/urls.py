from django.urls import path

from ostal.audit.api import views

urlpatterns = [
    path("audit/", views.AuditEntryListApi.as_view(), name="audit-entries"),
]
