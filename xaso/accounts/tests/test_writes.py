"""Every create and edit screen of the admin saves through a service (permission, validation,
audit entry): walks the viewsets registered at runtime, whatever app or module defines them."""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator
from typing import Any

from django.apps import apps
from django.urls import reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.chooser import ChooserViewSet

from xaso.core.admin import ServiceFormMixin, ServiceOperationView

# (model label, screen): why its writes do not go through a xaso service. Keep it short.
ALLOWED: dict[tuple[str, str], str] = {
    # Wagtail's own content and accounts: Wagtail's actions save them and write the audit
    # entry; the route gate (accounts/routes.py) and accounts/users.py scope them.
    ("wagtailcore.page", "add"): "the page editor: Wagtail's page actions, revisions and log",
    ("wagtailcore.page", "edit"): "the page editor: Wagtail's page actions, revisions and log",
    ("wagtailcore.site", "add"): "sites are the province's (superusers); Wagtail logs them",
    ("wagtailcore.site", "edit"): "sites are the province's (superusers); Wagtail logs them",
    ("auth.user", "add"): "Wagtail's user screens, scoped by accounts/users.py; Wagtail logs them",
    ("auth.user", "edit"): "Wagtail's user screens, scoped by accounts/users.py; Wagtail logs them",
    ("auth.group", "add"): "role groups are made by commune_roles_ensure; by hand, the province's",
    ("auth.group", "edit"): "role groups are made by commune_roles_ensure; by hand, the province's",
    ("wagtailimages.image", "create"): "uploads from the chooser: Wagtail's, into a collection",
    ("wagtaildocs.document", "create"): "uploads from the chooser: Wagtail's, into a collection",
    # Residents write these through public forms (their services); no role may add them here.
    ("legal.draftcomment", "add"): "comments come from residents (draft_comment_submit)",
    ("feedback.submission", "add"): "submissions come from residents (feedback services)",
    ("feedback.submission", "edit"): "handled through the submission's own action screens",
    ("ntm.criteriaset", "add"): "sets are imported (criteria_set_import), never edited here",
    ("ntm.criteriaset", "edit"): "sets are imported (criteria_set_import), never edited here",
}


def registered_viewsets() -> list[Any]:
    reverse("wagtailadmin_home")  # loading the admin's URLs registers every viewset
    return list(viewsets.viewsets)


def model_of(viewset: Any) -> Any:
    model = getattr(viewset, "model", None)
    return apps.get_model(model) if isinstance(model, str) else model


def write_screens(viewset: Any) -> Iterator[tuple[str, type]]:
    """(screen, view class) of each create or edit screen the viewset serves."""
    if isinstance(viewset, ChooserViewSet):
        if getattr(viewset, "creation_form_class", None) is not None or model_of(viewset) in (
            _image_model(),
            _document_model(),
        ):
            yield "create", viewset.create_view_class
        return
    for screen, attribute in (("add", "add_view_class"), ("edit", "edit_view_class")):
        view_class = getattr(viewset, attribute, None)
        if view_class is not None:
            yield screen, view_class


def _image_model() -> Any:
    from wagtail.images import get_image_model

    return get_image_model()


def _document_model() -> Any:
    from wagtail.documents import get_document_model

    return get_document_model()


def calls_service(function: Callable[..., Any], depth: int = 2) -> bool:
    """Whether the function names a `services` module or one of its functions, directly or
    through a helper of its own module."""
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    names = set(code.co_names)
    for constant in code.co_consts:  # names used in nested functions and comprehensions
        if isinstance(constant, types.CodeType):
            names |= set(constant.co_names)
    for name in names:
        found = function.__globals__.get(name)
        if isinstance(found, types.ModuleType) and found.__name__.endswith(".services"):
            return True
        if isinstance(found, types.FunctionType):
            if found.__module__.endswith(".services"):
                return True
            same_module = found.__module__ == function.__module__
            if depth and same_module and calls_service(found, depth - 1):
                return True
    return False


def takes_no_submission(view_class: type) -> bool:
    return "post" not in getattr(view_class, "http_method_names", ["post"])


def reaches_service(view_class: type) -> bool:
    if issubclass(view_class, ServiceOperationView):  # e.g. a plan generated, not typed in
        call_service = view_class.call_service
        return call_service.__module__.startswith("xaso.") and calls_service(call_service)
    save_instance = getattr(view_class, "save_instance", None)
    return (
        issubclass(view_class, ServiceFormMixin)
        and save_instance is not None
        and save_instance.__module__.startswith("xaso.")
        and calls_service(save_instance)
    )


def test_every_create_and_edit_screen_saves_through_a_service() -> None:
    missing = []
    seen = 0
    for viewset in registered_viewsets():
        model = model_of(viewset)
        if model is None:
            continue
        label = model._meta.label_lower
        for screen, view_class in write_screens(viewset):
            seen += 1
            if (label, screen) in ALLOWED or takes_no_submission(view_class):
                continue
            if not reaches_service(view_class):
                missing.append(f"{label} {screen}: {view_class.__module__}.{view_class.__name__}")
    assert seen > 40  # the walk found the admin
    assert not missing, "Saved without a service:\n" + "\n".join(missing)


def test_the_walk_catches_a_screen_saving_on_its_own() -> None:
    from wagtail.admin.views.generic.models import CreateView

    class Plain(ServiceFormMixin, CreateView):
        def save_instance(self) -> Any:
            return self.form.save()

    assert not reaches_service(CreateView)
    assert not reaches_service(Plain)
    from xaso.communes.views.units import UnitCreateView

    assert reaches_service(UnitCreateView)
