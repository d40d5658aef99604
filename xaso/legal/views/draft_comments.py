"""Comments on drafts, moderated by `services.draft_comment_moderate`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from xaso.accounts.scoping import CommuneScopedViewSetMixin, scoped
from xaso.core.admin import ServiceFormMixin

from .. import services
from ..models import DraftComment

scoped(DraftComment)


class DraftCommentEditView(ServiceFormMixin, EditView):
    def save_instance(self) -> DraftComment:
        comment = self.form.save(commit=False)
        services.draft_comment_moderate(
            user=self.request.user, comment=comment, approve=comment.status == "approved"
        )
        return comment


class DraftCommentViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = DraftComment
    icon = "comment"
    menu_label = _("Comments on drafts")
    add_to_admin_menu = False
    edit_view_class = DraftCommentEditView
    list_display = ["content", "legal_document", "author_name", "status", "created_at"]
    list_filter = ["status"]
    form_fields = ["status"]
    inspect_view_enabled = True
