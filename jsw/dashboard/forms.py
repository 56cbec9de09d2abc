"""Forms: they only collect what is chosen or typed; the services check it exactly as the
CLI's input is checked, and a service's refusal becomes the form's error."""

from __future__ import annotations

from typing import Any

from django import forms

from jsw.analysis import checks
from jsw.analysis.checks import AnalysisProblem
from jsw.dashboard.choices import Choices, period_choices, pi_choices
from jsw.framework.catalogue import load_catalogue
from jsw.framework.kinds import kind_of
from jsw.records.importer.tables import RETURNS
from jsw.records.importer.values import ValueProblem


class DsForm(forms.Form):
    """Widgets styled as the design system's (`ds_field` links them to hints and errors)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                continue
            css = "ds_select" if isinstance(widget, forms.Select) else "ds_input"
            widget.attrs.setdefault("class", css)

    def offer(self, name: str, choices: Choices) -> None:
        """The choices of a select, known only when the form is made (the years with data)."""
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


REPORT_KINDS = (("quarterly", "Quarterly board pack"), ("annual", "Annual report"))
FORMATS = (("pdf", "PDF"), ("html", "HTML"), ("xlsx", "Excel"), ("docx", "Word"))
AMOUNT_HINT = "a number in the PI's unit, without % or units: 80 for 80%"


class TargetForm(DsForm):
    """A target for one PI (the PI page): its periods only."""

    period = forms.ChoiceField(
        help_text="a whole financial year, or one period that overrides the year's target"
    )
    target = forms.CharField(max_length=30, help_text=AMOUNT_HINT)
    amber = forms.CharField(
        max_length=30,
        required=False,
        label="Amber tolerance (optional)",
        help_text="how far short of the target still counts as within tolerance; blank: 0",
    )
    whole_year = forms.BooleanField(
        required=False,
        label="Whole year: judges the annual report's figure for the year, not each period",
    )

    def __init__(self, *args: Any, frequency: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        frequencies = [frequency] if frequency else ["A", "H", "Q"]
        self.offer("period", period_choices(frequencies, ahead=1))

    # The service checks everything again; these only put its number check's words beside
    # the field they are about.
    def clean_target(self) -> str:
        return _number(self.cleaned_data["target"], "target", negative=True)

    def clean_amber(self) -> str:
        amber = self.cleaned_data["amber"]
        return _number(amber, "amber", negative=False) if amber.strip() else amber


class TargetWithPiForm(TargetForm):
    indicator_id = forms.ChoiceField(label="PI")

    field_order = ["indicator_id", "period", "target", "amber", "whole_year"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer("indicator_id", pi_choices())


class RemoveTargetForm(forms.Form):
    indicator_id = forms.CharField(max_length=64)
    period = forms.CharField(max_length=16)
    scope = forms.CharField(max_length=10, required=False)


class CommentaryForm(DsForm):
    period = forms.ChoiceField()
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)

    def __init__(self, *args: Any, frequency: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        frequencies = [frequency] if frequency else ["A", "H", "Q"]
        self.offer("period", period_choices(frequencies))


def _number(text: str, what: str, *, negative: bool) -> str:
    try:
        checks.number(text, what, negative=negative)
    except AnalysisProblem as exc:
        raise forms.ValidationError(str(exc)) from None
    return text


class ReturnForm(DsForm):
    indicator_id = forms.ChoiceField(label="PI")
    period = forms.ChoiceField(help_text="the PI's own period: a quarter or a whole year")
    value = forms.CharField(max_length=30, help_text="digits, with an optional decimal point")
    note = forms.CharField(max_length=1000, required=False, label="Note (optional)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        returns = [pi for pi in load_catalogue().indicators if not kind_of(pi.kind).counted]
        self.offer("indicator_id", pi_choices(returns))
        frequencies = {pi.frequency for pi in returns}
        self.offer("period", period_choices(frequencies, whole_years=False))

    def clean_value(self) -> str:
        """The importer's own reading of a return's value, its words beside the field."""
        value = str(self.cleaned_data["value"])
        try:
            RETURNS.by_name["value"].parse(value)
        except ValueProblem as exc:
            raise forms.ValidationError(f"value {value!r}: {exc}") from None
        return value


class UploadForm(DsForm):
    extract = forms.FileField(
        label="Extract",
        help_text="a CSV folder as a .zip, one table's .csv, or an .xlsx workbook",
    )
    replace = forms.BooleanField(
        required=False,
        label="Replace: make the stored case records exactly this extract",
    )


class ReportForm(DsForm):
    kind = forms.ChoiceField(choices=REPORT_KINDS)
    period = forms.ChoiceField(
        required=False,
        help_text="a quarter for the board pack, a whole year for the annual report",
    )
    format = forms.ChoiceField(choices=FORMATS)
    public = forms.BooleanField(required=False, label="Public (small numbers suppressed)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer(
            "period", period_choices(["A", "Q"], blank="The latest complete quarter or year")
        )
