"""Forms of the New Rural programme's admin: every choice limited to what the user may see, the
value field fitted to the indicator's kind, the services' refusals shown on the form."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents import get_document_model
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser
from wagtail.permissions import policy_registry

from xaso.accounts.scoping import CommuneScopedForm, scope
from xaso.communes.models import Official
from xaso.core.uploads import validate_upload

from . import spreadsheet
from .choices import GROUPS, REGIONS, IndicatorKind
from .models import Assessment, CriteriaSet, Indicator, Programme, Threshold

ALL = "*"
FIRST_YEAR, LAST_YEAR = 2000, 2100


MET = pgettext_lazy("new rural assessment", "Met")
NOT_MET = pgettext_lazy("new rural assessment", "Not met")


class DecimalInput(forms.DecimalField):
    """A number typed the Vietnamese way (92,5 — 1.234,5) or the English way (92.5)."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = "".join(value.split())
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)


class DecimalTextInput(forms.TextInput):
    """Shows a stored number the Vietnamese way: 92,5."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal):
            value = (
                value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
            )
            return number_format(value, use_l10n=True)
        return super().format_value(value)


def decimal_input(model: Any, name: str, **kwargs: Any) -> forms.Field:
    field: forms.Field = model._meta.get_field(name).formfield(form_class=DecimalInput, **kwargs)
    field.widget = DecimalTextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    return field


def target_choices(*, with_all: bool) -> list[Any]:
    """The groups (2026–2030) and regions (2021–2025) a threshold or programme may name."""
    choices: list[Any] = [("", "---------")]
    if with_all:
        choices.append((ALL, spreadsheet.ALL_LABEL))
    choices += [
        (_("Commune groups (2026–2030)"), list(GROUPS.items())),
        (_("Regions (2021–2025)"), list(REGIONS.items())),
    ]
    return choices


def target_label(code: str) -> str:
    if code == ALL:
        return str(spreadsheet.ALL_LABEL)
    return str(GROUPS.get(code) or REGIONS.get(code) or code)


def indicator_label(indicator: Indicator, *, with_set: bool = False) -> str:
    label = Truncator(f"{indicator.code} {indicator.name}").chars(110)
    if with_set:
        return f"{indicator.criterion.criteria_set.code} · {label}"
    return label


class IndicatorChoiceField(forms.ModelChoiceField):
    with_set = True

    def label_from_instance(self, obj: Any) -> str:
        return indicator_label(obj, with_set=self.with_set)


# Criteria sets ---------------------------------------------------------------------------------


class CriteriaSetImportForm(forms.Form):
    file = forms.FileField(
        label=_("Workbook (.xlsx)"),
        help_text=_(
            "A workbook laid out like the one a set is downloaded as: sheets for the set, its "
            "criteria and indicators, and the thresholds."
        ),
    )
    code = forms.SlugField(
        label=_("Code of the new set"),
        max_length=40,
        help_text=_("Latin letters without accents, digits and hyphens, e.g. qd-tinh-2026."),
    )

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        validate_upload(file, file.name, allowed=["xlsx"], max_bytes=spreadsheet.MAX_BYTES)
        return file

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        problem = spreadsheet.code_problem(code)
        if problem:
            raise ValidationError(problem)
        return code


# Thresholds ------------------------------------------------------------------------------------


class ThresholdForm(WagtailAdminModelForm):
    """A threshold entered or confirmed by the province. Which indicator and which group or
    region never change once it exists: only its value, level, confirmation and source."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "applies_to" in self.fields:
            self.fields["applies_to"] = forms.ChoiceField(
                label=capfirst(_("group or region")), choices=target_choices(with_all=True)
            )
        if "indicator" in self.fields:
            field = IndicatorChoiceField(
                queryset=Indicator.objects.select_related("criterion__criteria_set").order_by(
                    "criterion__criteria_set__code", "criterion__number", "sort_order"
                ),
                label=capfirst(_("indicator")),
            )
            self.fields["indicator"] = field
        if "value" in self.fields:
            self.fields["value"] = decimal_input(Threshold, "value")
        if self.instance.pk:
            for name in ("indicator", "applies_to"):
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        indicator = data.get("indicator")
        if indicator is None:
            return data
        value, level = data.get("value"), (data.get("level") or "").strip()
        if indicator.kind == IndicatorKind.PASS_FAIL:
            self.add_error(None, _("A met / not met indicator has no threshold."))
        elif indicator.kind == IndicatorKind.LEVEL:
            if level not in indicator.level_list:
                self.add_error(
                    "level",
                    _("Choose one of the levels: %(levels)s.")
                    % {"levels": ", ".join(indicator.level_list)},
                )
            data["value"] = None
        else:
            if value is None and data.get("confirmed"):
                self.add_error("value", _("A confirmed threshold has a value."))
            if (
                value is not None
                and indicator.kind == IndicatorKind.PERCENT
                and not 0 <= value <= 100
            ):
                self.add_error("value", _("A percentage lies between 0 and 100."))
            data["level"] = ""
        return data


class ThresholdFilterSet(WagtailFilterSet):
    criteria_set = django_filters.ModelChoiceFilter(
        label=_("criteria set"),
        queryset=CriteriaSet.objects.all(),
        field_name="indicator__criterion__criteria_set",
    )
    confirmed = django_filters.BooleanFilter(label=_("confirmed"))

    class Meta:
        model = Threshold
        fields = ["confirmed"]


# Programmes ------------------------------------------------------------------------------------


class ProgrammeForm(CommuneScopedForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "applies_to" in self.fields:
            self.fields["applies_to"] = forms.ChoiceField(
                label=capfirst(_("group or region")),
                choices=target_choices(with_all=False),
                help_text=_(
                    "The commune's group under a 2026–2030 set, its region under a 2021–2025 set."
                ),
            )
        if "target_year" in self.fields:
            self.fields["target_year"].validators += [
                MinValueValidator(FIRST_YEAR),
                MaxValueValidator(LAST_YEAR),
            ]


# Assessments -----------------------------------------------------------------------------------


class MultipleChooser(forms.Widget):
    """Several Wagtail choosers of one kind: one per item chosen and two empty ones, for a
    many-to-many field without a through model (Wagtail's own choosers pick one item each)."""

    extra = 2
    max_items = 30

    def __init__(self, chooser_class: type, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.chooser_class = chooser_class
        self.choosable: QuerySet[Any] | None = None  # set by the form: what the user may choose

    @property
    def media(self) -> forms.Media:
        return self.chooser_class().media

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        found = (data.get(f"{name}_{index}") for index in range(self.max_items))
        return [value for value in found if value]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_0" if id_ else id_

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        wanted = [str(item) for item in (value or []) if str(item).isdigit()]
        if wanted and self.choosable is not None:
            allowed = {
                str(pk) for pk in self.choosable.filter(pk__in=wanted).values_list("pk", flat=True)
            }
            wanted = [item for item in wanted if item in allowed]
        slots = [*wanted, *([None] * self.extra)][: self.max_items]
        base_id = (attrs or {}).get("id") or f"id_{name}"
        chooser = self.chooser_class()
        return format_html(
            '<ul class="ntm-choosers" id="{}">{}</ul>',
            base_id,
            format_html_join(
                "",
                "<li>{}</li>",
                (
                    (chooser.render(f"{name}_{index}", item, {"id": f"{base_id}_{index}"}),)
                    for index, item in enumerate(slots)
                ),
            ),
        )


def choosable_documents(user: Any) -> QuerySet[Any]:
    if user is None:
        return get_document_model().objects.none()
    policy = policy_registry.get_by_type(get_document_model())
    return policy.instances_user_has_any_permission_for(user, ["choose"])


def choosable_images(user: Any) -> QuerySet[Any]:
    if user is None:
        return get_image_model().objects.none()
    policy = policy_registry.get_by_type(get_image_model())
    return policy.instances_user_has_any_permission_for(user, ["choose"])


def programmes_for(user: Any) -> QuerySet[Programme]:
    return scope(Programme.objects.select_related("commune", "criteria_set"), user)


def indicators_for(user: Any) -> QuerySet[Indicator]:
    """The indicators of the sets the user's programmes follow."""
    return (
        Indicator.objects.filter(
            criterion__criteria_set__in=programmes_for(user).values("criteria_set")
        )
        .select_related("criterion__criteria_set")
        .order_by("criterion__criteria_set__code", "criterion__number", "sort_order", "code")
    )


_VALUE_FIELD = {IndicatorKind.PASS_FAIL: "passed", IndicatorKind.LEVEL: "level"}
_EMPTY = {"number": None, "passed": None, "level": ""}


def value_field(indicator: Indicator) -> str:
    """The field holding an indicator's value: `passed`, `level` or `number`."""
    return _VALUE_FIELD.get(IndicatorKind(indicator.kind), "number")


class AssessmentForm(CommuneScopedForm):
    """An indicator's value for a year. The programme and indicator are chosen among the
    user's; once the indicator is known (editing, or `?indicator=` on a new one) only the value
    field of its kind is shown. Evidence is chosen among the documents and photos the user may
    choose (their commune's collection)."""

    evidence = forms.ModelMultipleChoiceField(
        queryset=get_document_model().objects.none(),
        required=False,
        label=capfirst(_("evidence")),
        widget=MultipleChooser(AdminDocumentChooser),
    )
    photos = forms.ModelMultipleChoiceField(
        queryset=get_image_model().objects.none(),
        required=False,
        label=capfirst(_("photos")),
        widget=MultipleChooser(AdminImageChooser),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        fields = self.fields
        if "programme" in fields:
            fields["programme"].queryset = programmes_for(user)
        if "indicator" in fields:
            indicators = indicators_for(user)
            field = IndicatorChoiceField(queryset=indicators, label=capfirst(_("indicator")))
            field.with_set = indicators.values("criterion__criteria_set").distinct().count() > 1
            fields["indicator"] = field
        if "year" in fields:
            fields["year"].validators += [
                MinValueValidator(FIRST_YEAR),
                MaxValueValidator(LAST_YEAR),
            ]
            if not self.instance.pk:
                fields["year"].initial = timezone.localdate().year
        if "number" in fields:
            fields["number"] = decimal_input(Assessment, "number")
        current = self.instance.pk
        for name, choosable in (("evidence", choosable_documents), ("photos", choosable_images)):
            if name in fields:
                queryset = choosable(user)
                if current:  # what was chosen before stays, even if moved out of reach
                    queryset = queryset.model.objects.filter(
                        Q(pk__in=queryset.values("pk"))
                        | Q(pk__in=getattr(self.instance, name).values("pk"))
                    )
                fields[name].queryset = queryset
                fields[name].widget.choosable = queryset
        if "responsible" in fields:
            officials = scope(Official.objects.all(), user) if user else Official.objects.none()
            keep = Q(pk=self.instance.responsible_id) if self.instance.responsible_id else Q()
            fields["responsible"].queryset = officials.filter(Q(is_active=True) | keep).order_by(
                "sort_order", "full_name"
            )
        if current:
            for name in ("programme", "indicator", "year"):
                if name in fields:
                    fields[name].disabled = True
        self.fit_value_field(self.chosen_indicator())

    def chosen_indicator(self) -> Indicator | None:
        if self.instance.indicator_id:
            return self.instance.indicator
        field = self.fields.get("indicator")
        if field is None:
            return None
        if self.is_bound:
            raw = self.data.get(self.add_prefix("indicator"))
        else:
            raw = self.initial.get("indicator")
        if not raw:
            return None
        try:
            return field.queryset.get(pk=raw)
        except (ValueError, TypeError, Indicator.DoesNotExist):
            return None

    def fit_value_field(self, indicator: Indicator | None) -> None:
        fields = self.fields
        if indicator is None:
            if "number" in fields:
                fields["number"].help_text = _("For a percentage or a number with a unit.")
            if "passed" in fields:
                fields["passed"].help_text = _("For an indicator that is met or not met.")
            if "level" in fields:
                fields["level"].help_text = _("For a level indicator: one of its levels.")
            return
        keep = value_field(indicator)
        for name in _EMPTY:
            if name != keep:
                fields.pop(name, None)
        if keep == "passed" and "passed" in fields:
            fields["passed"] = forms.TypedChoiceField(
                label=capfirst(_("assessment")),
                choices=[("True", MET), ("False", NOT_MET)],
                coerce=lambda value: value == "True",
                widget=forms.RadioSelect,
            )
        elif keep == "level" and "level" in fields:
            fields["level"] = forms.ChoiceField(
                label=capfirst(_("level reached")),
                choices=[("", "---------"), *((level, level) for level in indicator.level_list)],
            )
        elif keep == "number" and "number" in fields:
            field = fields["number"]
            field.required = True
            if indicator.kind == IndicatorKind.PERCENT:
                field.label = _("Value (%)")
            elif indicator.unit:
                field.label = _("Value (%(unit)s)") % {"unit": indicator.unit}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        indicator = data.get("indicator") or (
            self.instance.indicator if self.instance.indicator_id else None
        )
        if indicator is not None:
            keep = value_field(indicator)
            for name, empty in _EMPTY.items():
                if name != keep and name in data:
                    data[name] = empty  # a value typed for another kind is not kept
        return data


def _programmes(request: Any) -> QuerySet[Programme]:
    return programmes_for(request.user) if request else Programme.objects.none()


class AssessmentFilterSet(WagtailFilterSet):
    programme = django_filters.ModelChoiceFilter(label=_("programme"), queryset=_programmes)
    year = django_filters.NumberFilter(label=_("year"))
    met = django_filters.BooleanFilter(label=_("met"))
    threshold_confirmed = django_filters.BooleanFilter(label=_("threshold confirmed"))

    class Meta:
        model = Assessment
        fields = ["programme", "year", "met", "threshold_confirmed"]
