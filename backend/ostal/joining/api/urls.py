from django.urls import path

from ostal.joining.api import views

urlpatterns = [
    path(
        "joining/applications/",
        views.ApplicationSubmitApi.as_view(),
        name="joining-application-submit",
    ),
    path("network/applications/", views.ApplicationListApi.as_view(), name="network-applications"),
    path(
        "network/applications/observatory/",
        views.ApplicationCountsApi.as_view(),
        name="network-application-counts",
    ),
    path(
        "network/applications/<int:pk>/",
        views.ApplicationDetailApi.as_view(),
        name="network-application",
    ),
    path(
        "network/applications/<int:pk>/transition/",
        views.ApplicationTransitionApi.as_view(),
        name="network-application-transition",
    ),
    path(
        "network/applications/<int:pk>/notes/",
        views.ApplicationNoteApi.as_view(),
        name="network-application-notes",
    ),
    path(
        "network/applications/<int:pk>/messages/",
        views.ApplicationMessageApi.as_view(),
        name="network-application-messages",
    ),
    path(
        "network/applications/<int:pk>/documents/<int:document_id>/",
        views.ApplicationDocumentApi.as_view(),
        name="network-application-document",
    ),
    path("network/census-imports/", views.CensusImportListApi.as_view(),
         name="network-census-imports"),
    path("network/census-imports/<int:pk>/", views.CensusImportDetailApi.as_view(),
         name="network-census-import"),
    path("network/census-imports/<int:pk>/apply/", views.CensusImportApplyApi.as_view(),
         name="network-census-import-apply"),
    path("network/inbox/", views.NetworkInboxApi.as_view(), name="network-inbox"),
    path("network/coverage/", views.CoverageApi.as_view(), name="network-coverage"),
]
