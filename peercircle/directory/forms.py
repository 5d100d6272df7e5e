"""The search form: the page and the API read their parameters through it, so both agree."""


from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.core.languages import language_choices
from peercircle.core.timezones import timezone_names
from peercircle.directory.search import Filters
from peercircle.experiences import lexicon

WEEKDAY_CHOICES = [
    ("1", _("Monday")), ("2", _("Tuesday")), ("3", _("Wednesday")), ("4", _("Thursday")),
    ("5", _("Friday")), ("6", _("Saturday")), ("7", _("Sunday")),
]
_WEEKDAY_NAMES = {"mo": 1, "tu": 2, "we": 3, "th": 4, "fr": 5, "sa": 6, "su": 7}
TIME_OF_DAY_CHOICES = [
    ("morning", _("Morning (6–12)")), ("afternoon", _("Afternoon (12–17)")),
    ("evening", _("Evening (17–21)")), ("night", _("Night (after 20)")),
]
FORMAT_CHOICES = [("", _("Any")), ("in_person", _("In person")), ("online", _("Online")),
                  ("hybrid", _("Both (hybrid)"))]
DISTANCE_CHOICES = [("", _("About 25 km")), ("5", "5 km"), ("10", "10 km"), ("25", "25 km"), ("50", "50 km"),
                    ("100", "100 km"), ("250", "250 km")]


class _WeekdayField(forms.MultipleChoiceField):
    """1–7, or a day's name in English ("tue", "tuesday"): the API is friendlier that way."""

    def to_python(self, value):
        values = []
        for item in super().to_python(value):
            for part in str(item).split(","):
                part = part.strip().lower()
                if part[:2] in _WEEKDAY_NAMES and not part.isdigit():
                    part = str(_WEEKDAY_NAMES[part[:2]])
                if part:
                    values.append(part)
        return values


class _CommaMultipleField(forms.MultipleChoiceField):
    def to_python(self, value):
        return [part.strip() for item in super().to_python(value) for part in str(item).split(",") if part.strip()]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=300)
    experience = forms.CharField(label=_("Experience or community"), required=False, max_length=64)
    near = forms.CharField(label=_("Near (town or city)"), required=False, max_length=100)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    # Any distance from the API; the page offers DISTANCE_CHOICES.
    distance_km = forms.FloatField(label=_("Distance"), required=False, min_value=1, max_value=500)
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    weekday = _WeekdayField(label=_("Day of the week"), choices=WEEKDAY_CHOICES, required=False)
    time_of_day = _CommaMultipleField(label=_("Time of day"), choices=TIME_OF_DAY_CHOICES, required=False)
    open = forms.BooleanField(label=_("Open to new members"), required=False)
    tz = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language")), *language_choices()]

    def clean_experience(self):
        code = self.cleaned_data["experience"].strip()
        if code and lexicon.node_info(code) is None:
            raise forms.ValidationError(_("That experience is not in our list."))
        return code

    def clean_tz(self):
        name = self.cleaned_data["tz"].strip()
        return name if name in timezone_names() else ""

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            experience=data.get("experience") or "",
            near=data.get("near") or "",
            distance_km=data.get("distance_km"),
            format=data.get("format") or "",
            language=data.get("language") or "",
            weekdays=tuple(int(day) for day in data.get("weekday") or ()),
            times_of_day=tuple(data.get("time_of_day") or ()),
            open_to_join=bool(data.get("open")),
        )

    def viewer_location(self) -> tuple[float, float] | None:
        lat, lng = self.cleaned_data.get("lat"), self.cleaned_data.get("lng")
        return (lat, lng) if lat is not None and lng is not None else None
