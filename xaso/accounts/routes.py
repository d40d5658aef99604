"""Deny by default: the admin routes a commune's staff may reach at all, and what they may name.

Wagtail and xaso register about five hundred admin URLs. Each of Wagtail's generic views (copy,
bulk actions, settings, choosers, the admin API, reports, sites, groups, workflows, …) decides
permissions in its own way, and the ones xaso does not replace see every commune. So the gate
(`AdminRouteGateMiddleware`) lets a signed-in user who is not the province (a superuser) reach
only the routes listed in `STAFF_ROUTES`, each of which is scoped to the user's communes; any
other route, including one a new Wagtail version adds, answers "not found". On the listed
routes, a page, image, document or site named in the URL must belong to one of the user's
communes (`_GUARDS`), whatever the view behind it checks itself.

`accounts/tests/test_routes.py` walks every admin route with every role against another
commune's ids; a route added to `STAFF_ROUTES` must pass it.
"""

from __future__ import annotations

from collections.abc import Callable
from fnmatch import fnmatchcase
from typing import Any

from django.apps import apps
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from wagtail.models import Page

from .scoping import limit_choices, pages_of, user_commune_ids

# Closed to everyone, the province included: Wagtail's generic copy view saves its form over
# the object it copies (an account's password, e-mail and groups, a hamlet's name), around the
# services, their checks and their audit entries.
CLOSED = [
    "*:copy",
    # Snippet choosers have no creation form here: Wagtail answers with a server error, and a
    # record made there would not go through its service.
    "wagtailsnippetchoosers_*:create",
]

# Closed to commune staff although a pattern below matches them.
STAFF_CLOSED = ["wagtailadmin_pages:type_use*"]

# Open to commune staff. Patterns over the URL's namespaced name (fnmatch).
STAFF_ROUTES = [
    # Signing in and out, the dashboard, one's own account, the admin's own furniture.
    "wagtailadmin_home",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset*",
    "wagtailadmin_account",
    "wagtailadmin_dismissibles",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_block_preview",
    "wagtailadmin_tag_autocomplete",
    "wagtailadmin_tag_model_autocomplete",
    "wagtailadmin_editing_sessions:*",
    # The guide of the user's own roles (views/guide.py): none of another commune's data.
    "accounts_guide",
    "accounts_guide_detail",
    # Pages: Wagtail checks page permissions, which are granted on the commune's own tree; the
    # guards below refuse any other commune's page named in the URL first.
    "wagtailadmin_explore*",
    "wagtailadmin_pages:*",  # but not `type_use` (STAFF_CLOSED): every commune's pages of a type
    "wagtailadmin_api:pages:*",
    "wagtailadmin_choose_page*",
    "wagtailadmin_choose_*_link",
    "wagtail_bulk_action",  # the action itself is checked by `bulk_action_allowed`
    # Images and documents: collection permissions on the commune's own collection.
    "wagtailimages:*",
    "wagtailimages_chooser:*",
    "wagtaildocs:*",
    "wagtaildocs_chooser:*",
    "wagtailembeds:*",
    # Portal settings, per site (`GroupSitePermission` on the commune's site).
    "wagtailsettings:*",
    # Snippets and xaso's own viewsets, scoped by `scoping.CommuneScopedViewSetMixin`.
    "wagtailsnippets:index",
    "wagtailsnippets_portal_*",
    "wagtailsnippetchoosers_portal_*",
    "wagtailusers_users:*",
    "accounts_*",
    "unit:*",
    "hamlet:*",
    "official:*",
    "legaldocument:*",
    "draftcomment:*",
    "procedure:*",
    "issuer:*",
    "disclosure:*",
    "party_*",
    "ntm_*",
    "campaigns*",
    "feedback_*",
    "ratings_*",
    # Wagtail's reports whose entries are scoped by commune (`audit.scope_log_entries`).
    "wagtailadmin_reports:site_history*",
    # National reference data every commune reads (kinds of documents and disclosures, fields,
    # holidays); only the province may change it (model permissions).
    "documenttype:index*",
    "legalfield:index*",
    "disclosurekind:index*",
    "holiday:index*",
]

# Bulk actions commune staff may use: (app label, model, action). Each checks every object
# against the user's permissions on it (page permissions, collection permissions, the
# commune-scoped policy of snippets, `users.manageable_users`).
STAFF_BULK_ACTIONS = {
    ("wagtailcore", "page", "delete"),
    ("wagtailcore", "page", "move"),
    ("wagtailcore", "page", "publish"),
    ("wagtailcore", "page", "unpublish"),
    ("wagtailimages", "image", "delete"),
    ("wagtailimages", "image", "add_tags"),
    ("wagtailimages", "image", "add_to_collection"),
    ("wagtaildocs", "document", "delete"),
    ("wagtaildocs", "document", "add_tags"),
    ("wagtaildocs", "document", "add_to_collection"),
    ("auth", "user", "delete"),
    ("auth", "user", "set_active_state"),
    ("auth", "user", "assign_role"),
    ("portal", "slogan", "delete"),
    ("portal", "linkbanner", "delete"),
}


# Routes an app above opens to some users beside the superuser (the province's roll-ups to the
# province's viewers), each with the check that decides (`register_province_route`). Commune
# staff who fail the check get "not found", as for any route not in `STAFF_ROUTES`.
_PROVINCE_ROUTES: list[tuple[str, Callable[[Any], bool]]] = []


def register_province_route(pattern: str, allowed: Callable[[Any], bool]) -> None:
    """Open the routes matching `pattern` to the users `allowed(user)` accepts."""
    if (pattern, allowed) not in _PROVINCE_ROUTES:
        _PROVINCE_ROUTES.append((pattern, allowed))


def _matches(name: str, patterns: list[str]) -> bool:
    return any(fnmatchcase(name, pattern) for pattern in patterns)


def route_open(name: str | None, user: Any) -> bool:
    """Whether `user` may reach the admin route called `name` at all."""
    if name is None or _matches(name, CLOSED):
        return False
    if user.is_superuser:
        return True
    if any(fnmatchcase(name, pattern) and allowed(user) for pattern, allowed in _PROVINCE_ROUTES):
        return True
    return _matches(name, STAFF_ROUTES) and not _matches(name, STAFF_CLOSED)


def bulk_action_allowed(kwargs: dict[str, Any], user: Any) -> bool:
    if user.is_superuser:
        return True
    key = (kwargs.get("app_label"), kwargs.get("model_name"), kwargs.get("action"))
    return key in STAFF_BULK_ACTIONS


# What an id in the URL must belong to.


def own_pages(user: Any) -> Q:
    """The pages of the user's communes (their home pages and everything below)."""
    return pages_of(user_commune_ids(user) or set())


def _page_ok(user: Any, value: Any) -> bool:
    # The tree's root is where the explorer and the chooser start: Wagtail shows under it only
    # the pages the user may explore.
    return Page.objects.filter(Q(pk=value) & (own_pages(user) | Q(depth=1))).exists()


def _media_ok(model_name: str) -> Callable[[Any, Any], bool]:
    def check(user: Any, value: Any) -> bool:
        if model_name == "image":
            from wagtail.images import get_image_model

            model: Any = get_image_model()
        else:
            from wagtail.documents import get_document_model

            model = get_document_model()
        return limit_choices(model.objects.filter(pk=value), user).exists()

    return check


def _bulk_objects_ok(user: Any, kwargs: dict[str, Any], ids: list[str]) -> bool:
    """Every object a bulk action names belongs to the user's communes (Wagtail's confirmation
    screens list by name even the objects the user may not act on)."""
    try:
        model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except (LookupError, KeyError):
        return False
    wanted = set(ids)
    # "all" would have Wagtail list every commune's objects, by name, as "not permitted".
    if not all(value.isdigit() for value in wanted):
        return False
    if not wanted:
        return True
    if issubclass(model, Page):
        found = Page.objects.filter(own_pages(user), pk__in=wanted)
    else:
        found = limit_choices(model._default_manager.filter(pk__in=wanted), user)
    return found.count() == len(wanted)


def _site_ok(user: Any, value: Any) -> bool:
    from xaso.communes.models import Commune

    ids = user_commune_ids(user) or set()
    return Commune.objects.filter(pk__in=ids, site_id=value).exists()


def _account_ok(user: Any, value: Any) -> bool:
    """An account the user manages (`users.manageable_users`: their communes' staff)."""
    from django.contrib.auth import get_user_model

    from .users import manageable_users

    text = str(value)
    if not text.isdigit() or len(text) > 12:
        return False
    return manageable_users(get_user_model()._default_manager.filter(pk=int(text)), user).exists()


def _editing_session_ok(user: Any, kwargs: dict[str, Any]) -> bool:
    from .scoping import scope

    try:
        model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except (LookupError, KeyError):
        return False
    if issubclass(model, Page):
        return _page_ok(user, kwargs["object_id"]) if str(kwargs["object_id"]).isdigit() else False
    try:
        return scope(model._default_manager.filter(pk=kwargs["object_id"]), user).exists()
    except Exception:  # a model without a commune: not for commune staff
        return False


_PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")

# (route pattern, URL keyword, check(user, value)).
_GUARDS: list[tuple[str, str, Callable[[Any, Any], bool]]] = [
    *(("wagtailadmin_*", kwarg, _page_ok) for kwarg in _PAGE_KWARGS),
    ("wagtailadmin_pages:revisions_compare", "pk", _page_ok),
    ("wagtailadmin_api:pages:*", "pk", _page_ok),
    ("wagtailimages*", "image_id", _media_ok("image")),
    ("wagtailimages_chooser:chosen", "pk", _media_ok("image")),
    ("wagtaildocs*", "document_id", _media_ok("document")),
    ("wagtaildocs*", "doc_id", _media_ok("document")),
    ("wagtaildocs_chooser:chosen", "pk", _media_ok("document")),
    ("wagtailsettings:*", "pk", _site_ok),
    # Edit, delete, history, lockout release: the account must be one the user manages.
    ("wagtailusers_users:*", "pk", _account_ok),
]


def check_route(request: HttpRequest, name: str | None, kwargs: dict[str, Any]) -> None:
    """Raise Http404 unless the signed-in `request.user` may use this admin route with these
    URL arguments."""
    user: Any = request.user
    if not route_open(name, user):
        raise Http404
    if user.is_superuser or name is None:
        return
    if name == "wagtail_bulk_action" and not (
        bulk_action_allowed(kwargs, user)
        and _bulk_objects_ok(user, kwargs, request.GET.getlist("id"))
    ):
        raise Http404
    if name == "wagtailadmin_editing_sessions:ping" and not _editing_session_ok(user, kwargs):
        raise Http404
    for pattern, kwarg, check in _GUARDS:
        if kwarg in kwargs and fnmatchcase(name, pattern) and not check(user, kwargs[kwarg]):
            raise Http404


class AdminRouteGateMiddleware:
    """Applies `check_route` to every admin URL. (Django's own admin is not mounted: everything
    is managed in Wagtail's, behind this gate and the sign-in lockout.)"""

    prefixes = ("admin/",)

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: dict[str, Any]
    ) -> Any:
        match = request.resolver_match
        if match is None or not match.route.startswith(self.prefixes):
            return None
        if not request.user.is_authenticated:
            return None  # the admin sends them to its login page
        try:
            check_route(request, match.view_name if match.url_name else None, view_kwargs)
        except Http404:
            # The admin's own "not found" page, as for any other unknown admin address.
            return TemplateResponse(request, "wagtailadmin/404.html", status=404)
        return None
