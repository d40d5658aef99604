"""Old addresses of a commune's pages lead to the new ones; a "not found" in the admin, the
static files or the media costs no redirect lookup."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect

from xaso.accounts.choices import Role
from xaso.testing.clients import log_in_as

pytestmark = pytest.mark.django_db


def _redirect_queries(queries: list[dict[str, str]]) -> list[str]:
    return [q["sql"] for q in queries if "wagtailredirects_redirect" in q["sql"]]


def test_an_old_address_of_the_commune_leads_to_the_article(client, article, commune):
    Redirect.add_redirect("/tin-cu/gan-dan.html", redirect_to=article, site=commune.site)
    host = {"HTTP_HOST": commune.site.hostname}

    response = client.get("/tin-cu/gan-dan.html", **host)

    assert response.status_code == 301
    assert response["Location"] == article.get_url()
    # Another commune's site has no such redirect: its reader gets "not found".
    assert client.get("/tin-cu/khong-co.html", **host).status_code == 404


def test_a_not_found_in_the_admin_looks_up_no_redirect(client, commune):
    Redirect.add_redirect("/admin/sites/", redirect_to="/admin/", site=commune.site)
    log_in_as(client, commune, Role.EDITOR)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/sites/")  # closed to commune staff: the gate's 404

    assert response.status_code == 404
    assert _redirect_queries(queries.captured_queries) == []


@pytest.mark.parametrize("path", ["/static/css/khong-co.css", "/media/images/khong-co.jpg"])
def test_a_missing_file_looks_up_no_redirect(client, commune, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST=commune.site.hostname)

    assert response.status_code == 404
    assert _redirect_queries(queries.captured_queries) == []
