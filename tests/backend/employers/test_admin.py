"""The employers' Django admin is the network's: employer admins and managers never see it."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["employer_admin_ed", "manager_cy", "network_admin_nina"])
def test_only_network_admins_open_the_employers_admin(role, request, client, employer_acme):
    user = request.getfixturevalue(role)
    user.is_staff = True
    user.save()
    client.force_login(user)

    changelist = client.get("/admin/employers/employer/")
    change = client.get(f"/admin/employers/employer/{employer_acme.pk}/change/")

    if role == "network_admin_nina":
        assert changelist.status_code == 200
        assert "Acme Occitanie" in changelist.text
        assert change.status_code == 200
        assert client.get("/admin/employers/bundleorder/add/").status_code == 403
    else:
        assert changelist.status_code == 403
        assert change.status_code in (302, 403)
