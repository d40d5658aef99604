"""Deny by default, checked route by route: every admin URL Wagtail or xaso registers, asked by
every role of one commune with the ids of another commune's records, neither shows nor changes
the other commune's data.

The other commune is the demo (Liên Khê, with records in every module); ours is a second commune
with one account per role. For each route the test fills the URL with Liên Khê's ids (its pages,
revisions, images, documents, site, users, groups, workflow, records of the route's own model,
…), then GETs it and POSTs to it (an empty form, and for bulk actions Liên Khê's ids). It fails
on:
- an answer that names Liên Khê (its name, its host, the names of its people and households);
- a file (a spreadsheet, a PDF) served for a URL holding one of Liên Khê's ids;
- any change to the database made by these requests (compared per role, table by table).

On SQLite every role walks every route. On PostgreSQL the administrator walks them: the widest
role of a commune, it reaches the most views and through them the most queries, and what differs
between the databases is in the queries; what differs between the roles is Python (the gate,
permissions, the scoping selectors), walked for each role on SQLite. The province viewer walks
on both.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import (
    Collection,
    Page,
    Revision,
    Site,
    Task,
    TaskState,
    Workflow,
    WorkflowState,
)

from xaso.accounts.choices import Role
from xaso.accounts.models import CommuneRole
from xaso.accounts.tests.factories import make_staff
from xaso.legal.tests.factories import make_pdf
from xaso.portal.tests.factories import make_image
from xaso.testing.routes import admin_routes

pytestmark = pytest.mark.django_db
# Every role on SQLite; the administrator on PostgreSQL (see above).
ROLES = (
    list(Role)
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    else [Role.ADMINISTRATOR]
)


# Models of the routes whose views do not say it themselves.
ROUTE_MODELS = {
    "campaigns_move": "campaigns.Household",
    "campaigns_visit": "campaigns.Household",
    "accounts_second_factor_reset": "auth.User",
    "feedback_classify": "feedback.Submission",
    "feedback_forward": "feedback.Submission",
    "feedback_answer": "feedback.Submission",
    "feedback_close": "feedback.Submission",
    "feedback_publish_question": "feedback.Submission",
    "feedback_attachment": "feedback.Attachment",
    "ratings_comment_hide": "ratings.Rating",
    "party_task_resolve": "party.Task",
    "ntm_sets:export": "ntm.CriteriaSet",
    "wagtailadmin_collections:*": "wagtailcore.Collection",
    "wagtailadmin_workflows:*task*": "wagtailcore.Task",
    "wagtailadmin_workflows:*": "wagtailcore.Workflow",
    "wagtailadmin_pages:revisions_compare": "wagtailcore.Page",
    "wagtailadmin_api:pages:*": "wagtailcore.Page",
    "wagtailadmin_api:images:*": "wagtailimages.Image",
    "wagtailadmin_api:documents:*": "wagtaildocs.Document",
    "wagtailimages_chooser:*": "wagtailimages.Image",
    "wagtaildocs_chooser:*": "wagtaildocs.Document",
}


class Theirs:
    """Liên Khê's ids, by what a URL names."""

    def __init__(self, commune: Any) -> None:
        self.commune = commune
        home = commune.site.root_page
        pages = Page.objects.descendant_of(home)
        self.page = pages.filter(depth__gt=home.depth).order_by("-latest_revision_created_at")[0]
        self.home = home
        self.revision = Revision.page_revisions.filter(object_id=str(self.page.pk)).first()
        self.collection = commune.collection
        role = CommuneRole.objects.filter(commune=commune)
        self.group = role.get(role=Role.ADMINISTRATOR).group
        self.admin = get_user_model().objects.filter(groups=self.group).first()
        self.workflow = Workflow.objects.filter(workflow_pages__page=home).first()
        self.task = Task.objects.filter(workflow_tasks__workflow=self.workflow).first()
        states = WorkflowState.objects.filter(object_id=str(self.page.pk))
        self.workflow_state = (
            states.first()
            or WorkflowState.objects.filter(
                object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)]
            ).first()
        )
        self.task_state = TaskState.objects.filter(workflow_state=self.workflow_state).first()
        self._records: dict[Any, Any] = {}

    def owns(self, model: Any) -> bool:
        """Whether records of `model` belong to a commune (else they are shared)."""
        from xaso.accounts.scoping import _has_collection, _has_commune

        return (
            issubclass(model, Page | Group | Site | Collection | Workflow | Task)
            or model is get_user_model()
            or _has_commune(model)
            or _has_collection(model)
        )

    def of(self, model: Any) -> Any:
        """One of Liên Khê's records of `model`, or a shared one (looked up once: every URL is
        filled before the first request)."""
        if model not in self._records:
            self._records[model] = self._of(model)
        return self._records[model]

    def _of(self, model: Any) -> Any:
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        from xaso.accounts.scoping import _commune_lookup, _has_commune

        if issubclass(model, Page):
            return self.page
        if model is get_user_model():
            return self.admin
        if model is Group:
            return self.group
        if model is Site:
            return self.commune.site
        if model is Collection:
            return self.collection
        if issubclass(model, Workflow):
            return self.workflow
        if issubclass(model, Task):
            return self.task
        if model in (get_image_model(), get_document_model()):
            return model.objects.filter(collection__path__startswith=self.collection.path).first()
        if _has_commune(model):
            lookup = _commune_lookup(model)
            return model._default_manager.filter(**{lookup: self.commune}).first()
        return model._default_manager.first()  # shared (national) data


def route_model(name: str | None, callback: Any) -> Any:
    from fnmatch import fnmatchcase

    for pattern, label in ROUTE_MODELS.items():
        if name and fnmatchcase(name, pattern):
            return apps.get_model(label)
    initkwargs = getattr(callback, "view_initkwargs", None) or {}
    view_class = getattr(callback, "view_class", None)
    model = initkwargs.get("model") or getattr(view_class, "model", None)
    return model if isinstance(model, type) else None


CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")


def fill(route: str, name: str | None, callback: Any, theirs: Theirs) -> tuple[str, bool]:
    """The route with Liên Khê's ids; whether one of them is in it."""
    model = route_model(name, callback)
    values: dict[str, Any] = {
        "page_id": theirs.page.pk,
        "parent_page_id": theirs.page.pk,
        "page_to_move_id": theirs.page.pk,
        "destination_id": theirs.home.pk,
        "page_pk": theirs.home.pk,
        "revision_id": theirs.revision.pk if theirs.revision else 1,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "task_state_id": theirs.task_state.pk if theirs.task_state else 1,
        "workflow_state_id": theirs.workflow_state.pk if theirs.workflow_state else 1,
        "task_id": theirs.task.pk if theirs.task else 1,
        "workflow_pk": theirs.workflow.pk if theirs.workflow else 1,
        "collection_id": theirs.collection.pk,
        "uploaded_file_id": 1,
        "session_id": 1,
        "redirect_id": 1,
        "filter_spec": "original",
        "content_type_app_name": "portal",
        "content_type_model_name": "articlepage",
        "app_name": "portal",
        "app_label": "wagtailcore",
        "model_name": "portalsettings" if name and name.startswith("wagtailsettings") else "page",
        "object_id": theirs.admin.pk if route.startswith("django-admin/") else theirs.page.pk,
        "scope": "commune",
        "role": "editor",  # a guide (accounts_guide_detail)
        "year": 2025,
        "period": "q3",
        "fmt": "xlsx",
        "uidb64": "MQ",
        "token": "x",
        "action_name": "approve",
        "action": "delete",
        # Django's own admin
        "content_type_id": 1,
        "id": theirs.admin.pk,
        "url": "x",
    }
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    values["image_id"] = theirs.of(get_image_model()).pk
    values["document_id"] = values["doc_id"] = theirs.of(get_document_model()).pk
    for kwarg, label in (("campaign_id", "campaigns.Campaign"), ("programme_id", "ntm.Programme")):
        values[kwarg] = theirs.of(apps.get_model(label)).pk
    owned_pk = False
    if name and name.startswith("wagtailsettings"):
        values["pk"] = theirs.commune.site.pk
        owned_pk = True
    elif model is not None:
        record = theirs.of(model)
        values["pk"] = record.pk if record is not None else 1
        owned_pk = theirs.owns(model)
    if name == "wagtailadmin_workflows:add_task":
        values.update(app_label="wagtailcore", model_name="groupapprovaltask")

    named_ids = {"page_id", "parent_page_id", "page_to_move_id", "image_id", "document_id"}
    if owned_pk:
        named_ids.add("pk")
    holds_their_id = False
    url = route.replace("^", "").replace("$", "").replace("\\.", ".")

    def replace(match: re.Match[str]) -> str:
        nonlocal holds_their_id
        key = match.group("name") or match.group("rname")
        if key not in values:
            raise AssertionError(f"{route}: no value for <{key}>; add one to this test")
        holds_their_id = holds_their_id or key in named_ids | {"campaign_id", "programme_id"}
        return str(values[key])

    url = CONVERTER.sub(replace, url)
    return "/" + url, holds_their_id


def telltales(commune: Any) -> list[str]:
    """What names Liên Khê in an answer."""
    from xaso.campaigns.models import Household
    from xaso.communes.models import Official
    from xaso.feedback.models import Submission

    words = [commune.name, commune.slug, commune.site.hostname]
    words += list(Official.objects.filter(commune=commune).values_list("full_name", flat=True))
    words += list(
        Household.objects.filter(commune=commune).values_list("head_name", flat=True)[:50]
    )
    words += list(
        Submission.objects.filter(commune=commune)
        .exclude(sender_name="")
        .values_list("sender_name", flat=True)[:20]
    )
    return sorted({word for word in words if word and len(word) > 4})


VOLATILE = {
    "sessions.session",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailadmin.editingsession",
    "wagtailusers.userprofile",
    "auth.user",  # last_login (the data of accounts is checked below)
    "wagtailimages.rendition",  # resized copies made when a screen shows a thumbnail
}


def fingerprint(ours: Any) -> dict[str, str]:
    """Every table's rows as stored, hashed; rows of our own commune's records left out (a
    screen may make what it needs, e.g. the commune's party rules), and accounts without their
    last login."""
    from django.db import connection

    from xaso.accounts.scoping import _commune_lookup, _has_commune

    prints = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            label = model._meta.label_lower
            if label in VOLATILE or not model._meta.managed:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            where, params = "", []
            direct = _has_commune(model) and _commune_lookup(model) == "commune"
            field = model._meta.get_field("commune") if direct else None
            if field is not None and getattr(field, "concrete", False):
                column = connection.ops.quote_name(field.column)
                where, params = f" WHERE {column} IS NULL OR {column} <> %s", [ours.pk]
            cursor.execute(f"SELECT * FROM {table}{where} ORDER BY {pk}", params)  # noqa: S608
            prints[label] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    users = (
        get_user_model()
        .objects.order_by("pk")
        .values_list(
            "pk", "username", "password", "email", "is_active", "is_superuser", "first_name"
        )
    )
    prints["auth.user"] = hashlib.sha256(repr(list(users)).encode()).hexdigest()
    return prints


def leaks(response: Any, words: list[str], holds_their_id: bool) -> str | None:
    if response.status_code != 200:
        return None
    kind = response.get("Content-Type", "")
    if getattr(response, "streaming", False) or not kind.startswith(
        ("text/html", "application/json", "text/plain", "text/javascript")
    ):
        return f"a file ({kind})" if holds_their_id else None
    text = response.content.decode("utf-8", "replace")
    if "application/json" in kind:
        import json

        text = json.dumps(json.loads(text), ensure_ascii=False)
    found = [word for word in words if word in text]
    return f"names {found[:3]}" if found else None


def bulk_urls(theirs: Theirs) -> list[tuple[str, str]]:
    bulk_action_registry._scan_for_bulk_actions()
    urls = []
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            model = apps.get_model(app_label, model_name)
            record = theirs.of(model)
            ids = [record.pk] if record is not None else []
            if model is get_user_model():
                ids.append(get_user_model().objects.get(username="tinh").pk)
            query = "&".join(f"id={pk}" for pk in ids)
            for action in actions:
                urls.append(
                    (
                        f"bulk {app_label}.{model_name} {action}",
                        f"/admin/bulk/{app_label}/{model_name}/{action}/?{query}&next=/admin/",
                    )
                )
    return urls


class _Staff:
    """Any commune role, as the gate's name checks see it (no province permission)."""

    is_superuser = False
    is_authenticated = True
    is_active = True

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return False


def closed_by_name(name: str | None, url: str) -> bool:
    """Whether the gate refuses the route to any commune role by its name alone."""
    from django.urls import resolve

    from xaso.accounts.routes import bulk_action_allowed, route_open

    if not route_open(name, _Staff()):
        return True
    if name == "wagtail_bulk_action":
        return not bulk_action_allowed(resolve(url.split("?")[0]).kwargs, _Staff())
    return False


def walk(client: Any, theirs: Theirs, words: list[str]) -> tuple[list[str], int]:
    problems = []
    checked = 0
    targets = []
    for route, name, callback in admin_routes():
        if route.endswith(("^.*/$", "(?P<url>.*)$")) or name in (
            "wagtailadmin_logout",
            "admin:logout",
        ):
            continue  # the admin's catch-all "not found"; signing out
        url, holds = fill(route, name, callback, theirs)
        targets.append((name or route, name, url, holds))
    targets += [(label, "wagtail_bulk_action", url, True) for label, url in bulk_urls(theirs)]
    for label, _name, url, holds in targets:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            checked += 1
            found = leaks(response, words, holds) or (
                "a server error" if response.status_code >= 500 else None
            )
            if found:
                problems.append(f"{method.upper()} {url} ({label}): {found}")
    return problems, checked


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_route_shows_or_changes_another_communes_data(
    client, demo_commune, other_commune, role
):
    ours = other_commune
    staff = make_staff(commune=ours, role=role, first_name="Người", last_name="thử")
    # Media of Liên Khê's own, not published anywhere.
    document = make_pdf(title=f"Biên bản nội bộ {demo_commune.name}")
    document.collection = demo_commune.collection
    document.save()
    make_image(title=f"Ảnh nội bộ {demo_commune.name}", collection=demo_commune.collection)
    theirs = Theirs(demo_commune)
    words = telltales(demo_commune)
    assert demo_commune.name in words and len(words) > 10
    client.force_login(staff)
    before = fingerprint(ours)
    problems, checked = walk(client, theirs, words)
    after = fingerprint(ours)
    changed = sorted(label for label in before if before[label] != after.get(label))
    assert not problems, "\n".join(problems)
    assert not changed, f"changed by {role.label}: {changed}"
    assert checked > 900  # every route, twice


def test_the_gate_opens_every_listed_route_to_some_role():
    """A pattern in STAFF_ROUTES that matches nothing is a typo hiding a route."""
    from fnmatch import fnmatchcase

    from xaso.accounts.routes import STAFF_ROUTES

    names = [name for _route, name, _callback in admin_routes() if name]
    unused = [p for p in STAFF_ROUTES if not any(fnmatchcase(n, p) for n in names)]
    assert not unused


def test_the_province_viewer_walks_every_admin_route_and_changes_nothing(
    client, demo_commune, other_commune
):
    """The province viewer reads every commune: no route is walked for another commune's data
    here, but every admin route, GET and POST (an empty form; bulk actions with Liên Khê's
    ids), must change no row, answer no server error, and show no account (the communes' staff,
    the province's own) nor any resident's personal data (a household's, a feedback sender's),
    which reading reports does not need.
    """
    from types import SimpleNamespace

    from xaso.accounts.tests.factories import make_province_viewer
    from xaso.campaigns.models import Household
    from xaso.feedback.models import Submission

    viewer = make_province_viewer()
    theirs = Theirs(demo_commune)
    accounts = get_user_model().objects.exclude(pk=viewer.pk)
    words = [email for email in accounts.values_list("email", flat=True) if email]
    words += [name for name in accounts.values_list("username", flat=True) if len(name) > 5]
    words += list(Household.objects.values_list("head_name", flat=True)[:50])
    senders = Submission.objects.values_list(
        "sender_name", "sender_phone", "sender_email", "sender_address"
    )
    words += [detail for sender in senders[:50] for detail in sender]
    words = sorted({word for word in words if word and len(word) > 4})
    assert len(words) > 10 and Submission.objects.exclude(sender_phone="").exists()
    client.force_login(viewer)
    from django.db import connection

    every_route = connection.vendor == "sqlite"
    targets = []
    for route, name, callback in admin_routes():
        if route.endswith(("^.*/$", "(?P<url>.*)$")) or name in (
            "wagtailadmin_logout",
            "admin:logout",
        ):
            continue
        url, _holds = fill(route, name, callback, theirs)
        targets.append((name or route, name, url))
    targets += [(label, "wagtail_bulk_action", url) for label, url in bulk_urls(theirs)]
    if not every_route:
        targets = [t for t in targets if not closed_by_name(t[1], t[2])]
    nobody = SimpleNamespace(pk=-1)  # no commune's rows left out of the comparison
    before = fingerprint(nobody)
    problems = []
    for label, _name, url in targets:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            found = leaks(response, words, False) or (
                "a server error" if response.status_code >= 500 else None
            )
            if found:
                problems.append(f"{method.upper()} {url} ({label}): {found}")
    after = fingerprint(nobody)
    changed = sorted(label for label in before if before[label] != after.get(label))
    assert not problems, "\n".join(problems)
    assert not changed, f"changed by the province viewer: {changed}"
    assert len(targets) > (450 if every_route else 350)
