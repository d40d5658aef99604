"""The base view for an admin operation: one form calling one service, its refusals answered."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from ..admin import ServiceOperationView


class NumberForm(forms.Form):
    number = forms.IntegerField()


class Double(ServiceOperationView):
    form_class = NumberForm
    page_title = "Double"
    calls: list[int] = []

    def call_service(self, data: dict[str, Any]) -> int:
        if data["number"] < 0:
            raise ValidationError({"number": "No negative numbers."})
        if data["number"] == 13:
            raise PermissionDenied
        self.calls.append(data["number"])
        return data["number"] * 2

    def get_success_message(self) -> str:
        return f"Doubled: {self.result}"

    def get_success_url(self) -> str:
        return "/done/"


class Closed(Double):
    permission_required = "nobody.has_this"


def _request(method: str = "get", data: dict[str, Any] | None = None, path: str = "/x/") -> Any:
    request = getattr(RequestFactory(), method)(path, data or {})
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_get_shows_the_form_without_calling_the_service():
    Double.calls = []
    response = Double.as_view()(_request())
    assert response.status_code == 200
    assert isinstance(response.context_data["form"], NumberForm)
    assert response.context_data["action_url"] == "/x/"
    assert response.context_data["breadcrumbs_items"][-1]["label"] == "Double"
    assert Double.calls == []


def test_a_valid_form_calls_the_service_then_says_so_and_redirects():
    Double.calls = []
    request = _request("post", {"number": "21"})
    response = Double.as_view()(request)
    assert (response.status_code, response["Location"]) == (302, "/done/")
    assert Double.calls == [21]
    assert [str(m).strip() for m in get_messages(request)] == ["Doubled: 42"]


def test_an_invalid_form_never_reaches_the_service():
    Double.calls = []
    response = Double.as_view()(_request("post", {"number": "many"}))
    assert response.status_code == 200
    assert response.context_data["form"].errors["number"]
    assert Double.calls == []


def test_the_services_refusal_comes_back_on_the_form():
    request = _request("post", {"number": "-1"})
    response = Double.as_view()(request)
    assert response.status_code == 200
    assert response.context_data["form"].errors["number"] == ["No negative numbers."]
    assert list(get_messages(request)) == []


@pytest.mark.django_db
def test_a_refusal_by_the_service_or_the_permission_is_a_403_page():
    assert Double.as_view()(_request("post", {"number": "13"})).status_code == 403
    assert Closed.as_view()(_request()).status_code == 403
    assert Closed.as_view()(_request("post", {"number": "2"})).status_code == 403


def test_next_is_followed_only_when_the_view_says_so_and_it_is_safe():
    class Following(Double):
        follow_next = True

        def get_success_url(self) -> str:
            return self.next_url or "/done/"

    safe = _request("post", {"number": "1"}, path="/x/?next=/admin/elsewhere/")
    assert Following.as_view()(safe)["Location"] == "/admin/elsewhere/"
    away = _request("post", {"number": "1"}, path="/x/?next=https://evil.example/")
    assert Following.as_view()(away)["Location"] == "/done/"
    ignored = _request("post", {"number": "1"}, path="/x/?next=/admin/elsewhere/")
    assert Double.as_view()(ignored)["Location"] == "/done/"
