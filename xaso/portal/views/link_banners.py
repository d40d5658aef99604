"""Link banners of a commune, saved by `services.link_banner_save`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, scoped
from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import LinkBanner

scoped(LinkBanner)


class LinkBannerCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> LinkBanner:
        banner = self.form.save(commit=False)
        return services.link_banner_save(user=self.request.user, banner=banner)


class LinkBannerEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> LinkBanner:
        banner = self.form.save(commit=False)
        return services.link_banner_save(user=self.request.user, banner=banner)


class LinkBannerViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    model = LinkBanner
    icon = "link"
    menu_label = _("Link banners")
    add_view_class = LinkBannerCreateView
    edit_view_class = LinkBannerEditView
    list_display = ["title", "commune", "slot", "sort_order", "is_active"]
    list_filter = ["commune", "slot", "is_active"]
