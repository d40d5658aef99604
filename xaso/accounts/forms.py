"""The admin's login form, labelled in Vietnamese, saying when sign-ins are locked out."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .lockout import lockout_message


class LoginForm(WagtailLoginForm):
    """Wagtail's password field has no label of its own: Django's made-up "Password" would
    show in English."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
        self.fields["remember"].label = _("Remember me")

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError:
            # Refused by the lockout (`lockout`), not by the password: say so, whatever the
            # name typed (an unknown one reads the same).
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(lockout_message(), code="locked_out") from None
            raise
