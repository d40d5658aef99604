"""Slogans of a commune, saved by `services.slogan_save`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, scoped
from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import Slogan

scoped(Slogan)


class SloganCreateView(ServiceFormMixin, CreateView):
    def save_instance(self) -> Slogan:
        return services.slogan_save(user=self.request.user, slogan=self.form.save(commit=False))


class SloganEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> Slogan:
        return services.slogan_save(user=self.request.user, slogan=self.form.save(commit=False))


class SloganViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    model = Slogan
    icon = "pick"
    menu_label = _("Slogans")
    add_view_class = SloganCreateView
    edit_view_class = SloganEditView
    list_display = ["text", "commune", "starts_on", "ends_on", "scrolling"]
    list_filter = ["commune", "scrolling"]
