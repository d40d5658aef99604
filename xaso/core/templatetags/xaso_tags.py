import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    """`{{ mapping|get_item:key }}`: look a key up in a dict."""
    return mapping.get(key, "")


@register.filter
def menu_key(page: Any) -> int:
    """What the main menu's cached fragment varies on: it marks only the home page and the
    top-level categories as current (depth 2 and 3), so every deeper page shares one copy."""
    depth = getattr(page, "depth", None)
    return int(page.pk) if depth is not None and depth <= 3 else 0


@register.filter
def query_without(query: Any, name: str) -> str:
    """`{{ request.GET|query_without:"trang" }}`: the query string without one parameter, for
    links that change only that parameter (the pager)."""
    copy = query.copy()
    copy.pop(name, None)
    return str(copy.urlencode())


@register.filter
def html_datetime(value: Any) -> str:
    """`<time datetime="{{ value|html_datetime }}">`: a date, or a date and time to the second in
    the site's time zone, as HTML accepts them. Django's `date:"c"` writes the microseconds, six
    digits where HTML allows at most three."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.filter
def for_people(value: Any) -> Any:
    """`{{ value|for_people }}`: a value as a person reads it in the admin — yes or no for a
    boolean, a dash for nothing, dates as 07/12/2026 (a time after a date in the site's zone) —
    never Python's `True`, `False` or `None`."""
    if value is True:
        return gettext("Yes")
    if value is False:
        return gettext("No")
    if value is None or (isinstance(value, str) and not value.strip()):
        return "—"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value
