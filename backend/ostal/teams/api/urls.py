from django.urls import path

from ostal.teams.api import views

T = "manage/operators/<int:operator_id>/team/"

urlpatterns = [
    path(T, views.TeamApi.as_view(), name="manage-team"),
    path(T + "invitations/", views.TeamInvitationListApi.as_view(),
         name="manage-team-invitations"),
    path(T + "invitations/<int:invitation_id>/", views.TeamInvitationDetailApi.as_view(),
         name="manage-team-invitation"),
    path(T + "managers/<int:user_id>/", views.TeamManagerApi.as_view(),
         name="manage-team-manager"),
    path(T + "front-desk/<int:user_id>/", views.TeamFrontDeskApi.as_view(),
         name="manage-team-front-desk"),
    path("front-desk/spaces/", views.StaffedSpaceListApi.as_view(), name="front-desk-spaces"),
    path("team-invitations/accept/", views.TeamInvitationAcceptApi.as_view(),
         name="team-invitation-accept"),
    path("team-invitations/<str:token>/", views.TeamInvitationPreviewApi.as_view(),
         name="team-invitation-preview"),
]
