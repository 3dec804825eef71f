from django.urls import path
from rest_framework.routers import SimpleRouter

from ostal.spaces.api import manage_views, network_views, views

router = SimpleRouter()
router.register("manage/operators", manage_views.OperatorManageViewSet, basename="manage-operator")
router.register("manage/services", manage_views.ServiceManageViewSet, basename="manage-service")
router.register("manage/spaces", manage_views.SpaceManageViewSet, basename="manage-space")
children = {
    "resources": manage_views.ResourceManageViewSet,
    "opening-hours": manage_views.OpeningHoursManageViewSet,
    "closures": manage_views.ClosureManageViewSet,
    "special-openings": manage_views.SpecialOpeningManageViewSet,
    "stops": manage_views.ItineraryStopManageViewSet,
    "prices": manage_views.PriceManageViewSet,
    "photos": manage_views.SpacePhotoManageViewSet,
}
for prefix, viewset in children.items():
    router.register(rf"manage/spaces/(?P<space_id>\d+)/{prefix}", viewset,
                    basename=f"manage-space-{prefix}")

urlpatterns = [
    path("directory/spaces/", views.DirectorySpaceListApi.as_view(), name="directory-spaces"),
    path("directory/spaces.geojson", views.DirectoryGeoJsonApi.as_view(),
         name="directory-geojson"),
    path("directory/spaces/<slug:slug>/", views.DirectorySpaceDetailApi.as_view(),
         name="directory-space"),
    path("directory/services/", views.ServiceListApi.as_view(), name="directory-services"),
    path("directory/departments/", views.DepartmentListApi.as_view(),
         name="directory-departments"),
    path("directory/communes/", views.CommuneSearchApi.as_view(), name="directory-communes"),
    path("network/spaces/", network_views.NetworkSpaceListApi.as_view(), name="network-spaces"),
    path("network/spaces/<int:pk>/publish/", network_views.NetworkSpacePublishApi.as_view(),
         name="network-space-publish"),
    path("network/spaces/<int:pk>/unpublish/", network_views.NetworkSpaceUnpublishApi.as_view(),
         name="network-space-unpublish"),
    path("network/spaces/<int:pk>/security/", network_views.NetworkSecurityVerifyApi.as_view(),
         name="network-space-security"),
    path("network/spaces/<int:pk>/security/<slug:code>/",
         network_views.NetworkSecurityUnverifyApi.as_view(), name="network-space-unverify"),
    path("network/spaces/<int:pk>/charter/", network_views.NetworkCharterApi.as_view(),
         name="network-space-charter"),
    path("network/security-features/", network_views.NetworkSecurityFeatureListApi.as_view(),
         name="network-security-features"),
    *router.urls,
]
