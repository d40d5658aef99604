"""Writes of the ratings: a resident's rating (anonymous) and a staff member hiding a comment."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from xaso.accounts.audit import COMMUNE_KEY
from xaso.communes.models import Commune

from . import selectors
from .models import MAX_COMMENT, MAX_PATH, MAX_SCORE, MIN_SCORE, Rating

CHANGE_PERMISSION = "ratings.change_rating"
HIDE_ACTION = "ratings.hide_comment"
MAX_TOKEN = 64
# Bidirectional overrides and isolates can make a comment read differently from what it says.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def voter_key(*, day: datetime.date, path: str, token: str) -> str:
    """A keyed hash that tells two ratings of one browser apart from others, and nothing else."""
    message = f"{day.isoformat()}|{path}|{token}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def clean_comment(value: str) -> str:
    """NFC, without control characters (line breaks and tabs kept), trimmed."""
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(char for char in text if char in "\n\t" or unicodedata.category(char) != "Cc")
    return _BIDI.sub("", text).strip()


def clean_path(value: str) -> str | None:
    """The local path of the address given (query and fragment dropped), or None."""
    if (
        not isinstance(value, str)
        or not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or len(value) > MAX_PATH
        or any(char.isspace() or unicodedata.category(char) == "Cc" for char in value)
    ):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return parts.path


def duplicate_error() -> ValidationError:
    return ValidationError(
        _("Thank you, you have already rated this page today. You can rate it again tomorrow."),
        code="duplicate",
    )


def rating_record(
    *,
    commune: Commune,
    path: str,
    page: Page | None,
    score: Any,
    comment: str,
    token: str,
    day: datetime.date | None = None,
) -> Rating:
    """Record one anonymous rating of a public page; refused if this browser (token) already
    rated the same path of the commune on the same day."""
    errors: dict[str, list[str]] = {}
    try:
        value = int(score)
    except (TypeError, ValueError):
        value = 0
    if isinstance(score, bool) or not MIN_SCORE <= value <= MAX_SCORE:
        errors["score"] = [_("Choose a rating from 1 to 5.")]
    text = clean_comment(comment or "")
    if len(text) > MAX_COMMENT:
        errors["comment"] = [
            _("The comment may be at most %(max)s characters long.") % {"max": MAX_COMMENT}
        ]
    local = clean_path(path)
    if local is None:
        errors["path"] = [_("The address of the rated page is not valid.")]
    if not token or len(token) > MAX_TOKEN:
        errors["token"] = [_("The rating could not be recorded. Please reload the page.")]
    if errors:
        raise ValidationError(errors)
    assert local is not None
    home = selectors.commune_home(commune)
    if page is not None and (home is None or not page.path.startswith(home.path)):
        page = None  # not the commune's: the rating keeps its path only
    day = day or timezone.localdate()
    voter = voter_key(day=day, path=local, token=token)
    if Rating.objects.filter(commune=commune, path=local, day=day, voter=voter).exists():
        raise duplicate_error()
    rating = Rating(
        commune=commune,
        page=page,
        path=local,
        section=selectors.section_for(commune=commune, page=page, path=local),
        score=value,
        comment=text,
        day=day,
        voter=voter,
    )
    rating.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError:
        # Two posts at once: the second one meets the unique constraint.
        raise duplicate_error() from None
    return rating


def rating_comment_hide(*, user: Any, rating: Rating, hidden: bool = True) -> Rating:
    """Hide (or show again) an abusive comment; the score still counts."""
    if not user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    if selectors.ratings_for(user).filter(pk=rating.pk).first() is None:
        raise PermissionDenied
    with transaction.atomic():
        rating.comment_hidden = hidden
        rating.save(update_fields=["comment_hidden"])
        log(
            instance=rating,
            action=HIDE_ACTION if hidden else "ratings.show_comment",
            user=user,
            data={COMMUNE_KEY: rating.commune_id},
        )
    return rating
