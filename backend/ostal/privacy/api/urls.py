from django.urls import path

from ostal.privacy.api import views

urlpatterns = [
    path("me/data-exports/", views.DataExportListApi.as_view(), name="me-data-exports"),
    path("me/erasure/", views.AccountErasureApi.as_view(), name="me-erasure"),
    path("me/data-exports/<uuid:reference>/", views.DataExportDetailApi.as_view(),
         name="me-data-export"),
    path("me/data-exports/<uuid:reference>/download/", views.DataExportDownloadApi.as_view(),
         name="me-data-export-download"),
    path("me/data-exports/<uuid:reference>/summary/", views.DataExportSummaryApi.as_view(),
         name="me-data-export-summary"),
]
