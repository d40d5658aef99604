"""The portal settings screen is Wagtail's own settings editor; its form saves through
`services.portal_settings_update` (`forms.PortalSettingsForm.save`), which checks permission,
validates and writes the audit entry. Wagtail's edit action would write a second entry for the
same change: registered for the settings model, this one saves through the form and logs nothing
of its own."""

from __future__ import annotations

from typing import Any

from wagtail.actions.edit import EditAction


class PortalSettingsEditAction(EditAction):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["log_action"] = None  # the service has logged the change
        super().__init__(*args, **kwargs)
