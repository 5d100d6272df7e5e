from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.safety.crisis_services import PLAN_MAX_LENGTH


class CrisisLineForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    text = forms.CharField(label=_("Text number"), max_length=40, required=False)
    url = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(label=_("What it offers"), max_length=500, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    hours = forms.CharField(label=_("Hours"), max_length=120, required=False)
    country = forms.CharField(label=_("Country code"), max_length=2, required=False,
                              help_text=_("Two letters, for example GB. Blank: shown to your people everywhere."))
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", _("Any language")), ("en", "English"), ("es", "Español")])
    key = forms.SlugField(label=_("Replaces bundled line"), max_length=60, required=False,
                          help_text=_("Optional: the key of a bundled line to show this one instead (for example gb-samaritans)."))
    source = forms.URLField(label=_("Source"), required=False, assume_scheme="https",
                            help_text=_("Where you checked the number."))
    checked = forms.DateField(label=_("Checked on"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=1000, initial=0, required=False)

    def clean_country(self):
        country = (self.cleaned_data.get("country") or "").strip().upper()
        if country and not (len(country) == 2 and country.isalpha()):
            raise forms.ValidationError(_("Use the two-letter country code, for example GB."))
        return country

    def clean(self):
        data = super().clean()
        if not (data.get("phone") or data.get("text") or data.get("url")):
            raise forms.ValidationError(_("Give a phone number, a text number or a website, so people can reach the line."))
        data["position"] = data.get("position") or 0
        return data


class CrisisPlanForm(forms.Form):
    warning_signs = forms.CharField(
        label=_("My warning signs"), required=False, max_length=PLAN_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Thoughts, feelings or situations that tell me things are getting harder."))
    coping_steps = forms.CharField(
        label=_("Things I can do to help myself"), required=False, max_length=PLAN_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Small steps that have helped before: a walk, music, a shower, somewhere I feel safe."))
    people_to_contact = forms.CharField(
        label=_("People I can contact"), required=False, max_length=PLAN_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Friends, family or peers, with how to reach them."))
    professional_contacts = forms.CharField(
        label=_("Professionals I can contact"), required=False, max_length=PLAN_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("My doctor, care team or therapist, and when I can reach them."))
    shared_with_supporter = forms.BooleanField(
        label=_("Let my peer supporter read my plan"), required=False,
        help_text=_("Only the peer supporter of your current match. You can stop sharing at any time."))
