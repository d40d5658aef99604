from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from xaso.accounts.scoping import CommuneScopedViewSetMixin, scoped

from .models import LinkBanner, Slogan

scoped(Slogan, LinkBanner)


class SloganViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    model = Slogan
    icon = "pick"
    menu_label = _("Slogans")
    list_display = ["text", "commune", "starts_on", "ends_on", "scrolling"]
    list_filter = ["commune", "scrolling"]


class LinkBannerViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    model = LinkBanner
    icon = "link"
    menu_label = _("Link banners")
    list_display = ["title", "commune", "slot", "sort_order", "is_active"]
    list_filter = ["commune", "slot", "is_active"]


class PortalViewSetGroup(SnippetViewSetGroup):
    items = (SloganViewSet, LinkBannerViewSet)
    menu_icon = "site"
    menu_label = _("Portal")
    menu_name = "portal"


register_snippet(PortalViewSetGroup)
