"""Satisfaction ratings of public pages (Decree 224/2026, Art. 10(3)(b)).

A rating keeps no identity: no address, no browser description, no account, no time of day.
`voter` is a keyed hash of the day, the path and a random browser token that is itself never
stored; it only lets the database refuse a second rating of the same page on the same day.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_COMMENT = 1000
MAX_PATH = 500
MIN_SCORE = 1
MAX_SCORE = 5


class Rating(models.Model):
    commune = models.ForeignKey(
        "communes.Commune",
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("commune"),
    )
    # Kept when the page goes: the statistics stay, by path and section.
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page"),
    )
    path = models.CharField(_("path"), max_length=MAX_PATH)
    section = models.CharField(_("section"), max_length=255, blank=True)
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True, max_length=MAX_COMMENT)
    comment_hidden = models.BooleanField(_("comment hidden"), default=False)
    day = models.DateField(_("day"))
    voter = models.CharField(_("voter key"), max_length=64)

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        ordering = ["-day", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE),
                name="ratings_rating_score_1_to_5",
            ),
            models.UniqueConstraint(
                fields=["commune", "path", "day", "voter"], name="ratings_rating_once_a_day"
            ),
        ]
        indexes = [models.Index(fields=["commune", "day"], name="ratings_commune_day")]

    def __str__(self) -> str:
        return f"{self.path} · {self.score} · {self.day:%d/%m/%Y}"
