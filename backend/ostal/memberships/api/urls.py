from django.urls import path

from ostal.memberships.api import views

urlpatterns = [
    path("wallet/", views.WalletApi.as_view(), name="wallet"),
    path("wallet/entries/", views.WalletEntriesApi.as_view(), name="wallet-entries"),
    path("plans/", views.PlanCatalogueApi.as_view(), name="plans"),
    path("tariffs/", views.TariffListApi.as_view(), name="tariffs"),
    path("manage/plans/", views.PlanManageListApi.as_view(), name="manage-plans"),
    path("manage/plans/<int:plan_id>/", views.PlanManageDetailApi.as_view(),
         name="manage-plan"),
    path("network/tariffs/", views.NetworkTariffManageListApi.as_view(),
         name="network-tariffs"),
    path("network/tariffs/<int:tariff_id>/", views.NetworkTariffManageDetailApi.as_view(),
         name="network-tariff"),
    path("network/pass-spaces/", views.PassSpaceListApi.as_view(), name="network-pass-spaces"),
    path("network/pass-spaces/<int:space_id>/", views.PassSpaceDetailApi.as_view(),
         name="network-pass-space"),
]
