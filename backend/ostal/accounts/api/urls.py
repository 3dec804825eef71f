from django.urls import path

from ostal.accounts.api.commute import CommuteDeclarationApi
from ostal.accounts.api.views import MeApi

urlpatterns = [
    path("me/", MeApi.as_view(), name="me"),
    path("me/commute/", CommuteDeclarationApi.as_view(), name="me-commute"),
]
