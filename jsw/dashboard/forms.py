"""Forms: they only collect text; the services check it exactly as the CLI's input is
checked, and a service's refusal becomes the form's error."""

from __future__ import annotations

from django import forms


class DsForm(forms.Form):
    """Widgets styled as the design system's, each linked to its hint for screen readers."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                continue
            css = "ds_select" if isinstance(widget, forms.Select) else "ds_input"
            widget.attrs.setdefault("class", css)
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}-hint"


REPORT_KINDS = (("quarterly", "Quarterly board pack"), ("annual", "Annual report"))
FORMATS = (("pdf", "PDF"), ("html", "HTML"), ("xlsx", "Excel"))


class TargetForm(DsForm):
    period = forms.CharField(max_length=16, help_text="a financial year (2025-26) or a period")
    target = forms.CharField(max_length=30)
    amber = forms.CharField(max_length=30, required=False, help_text="tolerance, 0 or more")


class TargetWithPiForm(TargetForm):
    indicator_id = forms.CharField(max_length=64, label="PI")

    field_order = ["indicator_id", "period", "target", "amber"]


class CommentaryForm(DsForm):
    period = forms.CharField(max_length=16)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)


class ReturnForm(DsForm):
    indicator_id = forms.CharField(max_length=64, label="PI")
    period = forms.CharField(max_length=16)
    value = forms.CharField(max_length=30)
    note = forms.CharField(max_length=1000, required=False)


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
    period = forms.CharField(
        max_length=16, required=False, help_text="blank: the latest complete quarter or year"
    )
    format = forms.ChoiceField(choices=FORMATS)
    public = forms.BooleanField(required=False, label="Public (small numbers suppressed)")
