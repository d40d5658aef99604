"""xaso's own search index: one row per searchable item, folded full text kept by the backend.

On SQLite the folded text lives in the FTS5 table `search_fts` (rowid = document id); on
PostgreSQL in the `search_vector` tsvector column of `search_searchdocument` (matching), with a
small `rank_vector` of title and lead (ranking). They are created by migrations 0002 and 0003 and
written only through `xaso.search.backends`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    PAGE = "page", _("Information page")
    LEGAL = "legal", _("Legal document")
    QUESTION = "question", _("Question and answer")


class SearchDocument(models.Model):
    commune = models.ForeignKey(
        "communes.Commune", on_delete=models.CASCADE, related_name="+", verbose_name=_("commune")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    title = models.CharField(_("title"), max_length=500)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("address"), max_length=500)
    category_title = models.CharField(_("category"), max_length=255, blank=True)
    category_path = models.CharField(max_length=255, blank=True, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    source_id = models.CharField(_("source identifier"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchdocument_unique"),
        ]
        indexes = [models.Index(fields=["commune", "kind"])]

    def __str__(self) -> str:
        return self.title


class SearchTerm(models.Model):
    """Every folded word in the index with its document frequency, for typo correction."""

    term = models.CharField(max_length=100, primary_key=True)
    documents = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term} ({self.documents})"


class PopularQuery(models.Model):
    """How often residents searched for something that found results (no personal data)."""

    commune = models.ForeignKey("communes.Commune", on_delete=models.CASCADE, related_name="+")
    folded = models.CharField(max_length=100)
    text = models.CharField(max_length=100)
    count = models.PositiveIntegerField(default=0)
    last_searched_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "folded"], name="popularquery_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.count})"
