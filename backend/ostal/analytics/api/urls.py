from django.urls import path

from ostal.analytics.api import views as v

urlpatterns = [
    path("analytics/manager/dashboard/", v.ManagerDashboardApi.as_view(),
         name="analytics-manager-dashboard"),
    path("analytics/manager/dashboard/<slug:table>.csv", v.ManagerDashboardCsvApi.as_view(),
         name="analytics-manager-dashboard-csv"),
    path("analytics/manager/today/", v.ManagerTodayApi.as_view(), name="analytics-manager-today"),
    path("analytics/manager/refresh/", v.ManagerRefreshApi.as_view(),
         name="analytics-manager-refresh"),
    path("analytics/network/dashboard/", v.NetworkDashboardApi.as_view(),
         name="analytics-network-dashboard"),
    path("analytics/network/dashboard/<slug:table>.csv", v.NetworkDashboardCsvApi.as_view(),
         name="analytics-network-dashboard-csv"),
    path("open-data/directory.csv", v.OpenDataDirectoryCsvApi.as_view(),
         name="open-data-directory-csv"),
    path("open-data/directory.geojson", v.OpenDataDirectoryGeoJsonApi.as_view(),
         name="open-data-directory-geojson"),
    path("open-data/occupancy-by-department.csv", v.OpenDataOccupancyCsvApi.as_view(),
         name="open-data-occupancy-by-department"),
]
