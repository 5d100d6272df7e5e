"""Forms of the matching pages. They check only the shape of what was sent and keep it for the
page to show again; the services decide (so pages and the API refuse with the same words).

Availability is asked as a week grid — days × parts of the day — in the person's own time zone,
and turned into the windows the services take (`windows_from_cells`)."""

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from peercircle.core.languages import language_choices
from peercircle.core.timezones import timezone_choices
from peercircle.matching.models import AgeBand, Format, Gender, SupporterStatus, Urgency

# Parts of the day in the grid, with the local hours they cover (the same boundaries the
# explanations use, so "free Tuesday evening" means what the person ticked).
PARTS = (
    ("morning", pgettext_lazy("part of the day", "Morning"), "06:00", "12:00"),
    ("afternoon", pgettext_lazy("part of the day", "Afternoon"), "12:00", "17:00"),
    ("evening", pgettext_lazy("part of the day", "Evening"), "17:00", "22:00"),
    ("night", pgettext_lazy("part of the day", "Night"), "22:00", "00:00"),
)
WEEKDAYS = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"))
PART_NAMES = [name for name, _label, _start, _end in PARTS]
CELL_CHOICES = [(f"{day}-{name}", f"{day}-{name}") for day in range(7) for name in PART_NAMES]


def _minutes(value: str) -> int:
    hours, minutes = value.split(":")[:2]
    return int(hours) * 60 + int(minutes)


def _span(start: str, end: str) -> tuple[int, int]:
    first, last = _minutes(start), _minutes(end)
    return first, (last if last else 24 * 60)


def cells_from_windows(windows) -> list[str]:
    """The grid cells a person's windows touch (any overlap ticks the cell)."""
    cells = []
    for window in windows or []:
        try:
            day = int(window["day"])
            first, last = _span(str(window["start"]), str(window["end"]))
        except (KeyError, TypeError, ValueError):
            continue
        for name, _label, start, end in PARTS:
            part_first, part_last = _span(start, end)
            if first < part_last and part_first < last:
                cells.append(f"{day}-{name}")
    return sorted(set(cells), key=_cell_order)


def _cell_order(cell: str) -> tuple[int, int]:
    day, name = cell.split("-", 1)
    return int(day), PART_NAMES.index(name)


def windows_from_cells(cells) -> list[dict]:
    """Ticked cells as windows, neighbouring parts of a day joined ("12:00"–"22:00")."""
    windows: list[dict] = []
    for day in range(7):
        run_start = run_end = None
        for name, _label, start, end in PARTS:
            if f"{day}-{name}" in cells:
                run_start = run_start or start
                run_end = end
            elif run_start:
                windows.append({"day": day, "start": run_start, "end": run_end})
                run_start = run_end = None
        if run_start:
            windows.append({"day": day, "start": run_start, "end": run_end})
    return windows


class AvailabilityMixin:
    """The week grid: `availability` holds ticked cells; `windows()` gives the service its
    windows, and keeps the person's own precise windows when they left the grid as it was."""

    def _setup_availability(self, windows):
        self.initial_windows = list(windows or [])
        self.fields["availability"].initial = cells_from_windows(self.initial_windows)

    def windows(self) -> list[dict]:
        cells = set(self.cleaned_data.get("availability") or [])
        if cells == set(cells_from_windows(self.initial_windows)):
            return self.initial_windows
        return windows_from_cells(cells)

    def grid(self) -> list[dict]:
        """Rows for the template: a day with its four cells, each ticked or not."""
        field = self["availability"]
        chosen = set(field.value() or [])
        rows = []
        for day in range(7):
            rows.append({"day": WEEKDAYS[day], "cells": [
                {"value": f"{day}-{name}", "checked": f"{day}-{name}" in chosen,
                 "label": gettext("%(day)s, %(part)s") % {"day": WEEKDAYS[day], "part": str(label).lower()}}
                for name, label, _start, _end in PARTS]})
        return rows

    def parts(self):
        return [{"label": label, "start": start, "end": "24:00" if end == "00:00" else end}
                for _name, label, start, end in PARTS]


def _experience_choices():
    from peercircle.experiences.models import NodeKind
    from peercircle.experiences.selectors import leaf_nodes

    groups: dict[str, list] = {}
    for node in leaf_nodes(kind=NodeKind.EXPERIENCE):
        groups.setdefault(node.parent.label, []).append((node.code, node.label))
    return list(groups.items())


def _community_choices():
    from peercircle.experiences.models import NodeKind
    from peercircle.experiences.selectors import leaf_nodes

    return [(node.code, node.label) for node in leaf_nodes(kind=NodeKind.COMMUNITY)]


ADULT_BANDS = [(value, label) for value, label in AgeBand.choices if value != AgeBand.UNDER_18]


class RequestForm(AvailabilityMixin, forms.Form):
    """Asking for a peer supporter in one program."""

    experiences = forms.MultipleChoiceField(
        label=_("What would you like to share with a peer?"), choices=_experience_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one experience you would like to share with a peer.")},
        help_text=_("We've ticked the experiences you have already added. Choose as many as fit."))
    communities = forms.MultipleChoiceField(
        label=_("Communities you are part of (optional)"), choices=_community_choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    story = forms.CharField(
        label=_("In your own words (optional)"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
        help_text=_("Private. It is used only to find a supporter whose path is like yours: supporters and "
                    "staff don't read it, and it is stored encrypted. If it sounds like you may be in danger, "
                    "a trained moderator is told, so they can check on you."))
    goals = forms.CharField(
        label=_("What you hope for (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        help_text=_("For example “someone to talk to on Sunday evenings” or “tips from someone a few years "
                    "further on”. The supporters we suggest read this, without your name."))
    age_band = forms.ChoiceField(
        label=_("Your age group"), choices=AgeBand.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Tell us your age group, so we can match you safely.")})
    languages = forms.MultipleChoiceField(
        label=_("Languages you can talk in"), choices=language_choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language you can talk in.")})
    formats = forms.MultipleChoiceField(
        label=_("Ways you would like to talk"), choices=Format.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one way to talk: chat, phone, video or in person.")})
    availability = forms.MultipleChoiceField(label=_("When you are usually free"), choices=CELL_CHOICES,
                                             required=False, widget=forms.CheckboxSelectMultiple)
    timezone_name = forms.ChoiceField(label=_("Your time zone"), choices=timezone_choices)
    distance_km = forms.IntegerField(
        label=_("How far you could travel to meet in person (km)"), min_value=1, max_value=500, initial=10,
        help_text=_("Only used if you chose in person, with the town on your profile. The supporter isn't told "
                    "where you live or how far away you are."),
        error_messages={"min_value": _("Distance is a number of kilometres from 1 to 500."),
                        "max_value": _("Distance is a number of kilometres from 1 to 500."),
                        "invalid": _("Distance is a number of kilometres from 1 to 500."),
                        "required": _("Distance is a number of kilometres from 1 to 500.")})
    supporter_gender = forms.ChoiceField(
        label=_("Would you prefer a supporter of a particular gender?"), required=False,
        choices=[("", _("No preference"))] + [(v, label) for v, label in Gender.choices if v],
        widget=forms.RadioSelect, initial="")
    supporter_age_bands = forms.MultipleChoiceField(
        label=_("Ages of supporter you would feel comfortable with (optional)"), choices=ADULT_BANDS,
        required=False, widget=forms.CheckboxSelectMultiple, help_text=_("Leave empty for any age."))
    shared_community = forms.BooleanField(
        label=_("I'd prefer a supporter from one of my communities"), required=False,
        help_text=_("Choose your communities above. We'll prefer them; we won't leave you waiting for one."))
    urgency = forms.ChoiceField(label=_("How soon would you like to start?"), choices=Urgency.choices,
                                widget=forms.RadioSelect, initial=Urgency.WEEKS)

    def __init__(self, *args, windows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_availability(windows)

    def chosen_experiences(self) -> list[str]:
        """The labels of the experiences ticked now (the list is long: say which, above it)."""
        chosen = set(self["experiences"].value() or [])
        labels = []
        for _group, options in self.fields["experiences"].choices:
            labels += [str(label) for code, label in options if code in chosen]
        return labels

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "experience_codes": data["experiences"], "community_codes": data["communities"],
            "story": data["story"], "goals": data["goals"], "age_band": data["age_band"],
            "languages": data["languages"], "formats": data["formats"], "timezone_name": data["timezone_name"],
            "availability": self.windows(), "distance_km": data["distance_km"],
            "supporter_gender": data["supporter_gender"], "supporter_age_bands": data["supporter_age_bands"],
            "shared_community": data["shared_community"], "urgency": data["urgency"],
        }


class SupporterProfileForm(AvailabilityMixin, forms.Form):
    status = forms.ChoiceField(label=_("New matches"), choices=SupporterStatus.choices, widget=forms.RadioSelect,
                               help_text=_("Pausing keeps the people you support now; it only stops new proposals."))
    capacity = forms.IntegerField(
        label=_("How many people you can support at once"), min_value=1, max_value=20, initial=3,
        error_messages={key: _("How many people you support at once is a number from 1 to 20.")
                        for key in ("min_value", "max_value", "invalid", "required")})
    languages = forms.MultipleChoiceField(
        label=_("Languages you can support people in"), choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language you can talk in.")})
    formats = forms.MultipleChoiceField(
        label=_("Ways you can talk"), choices=Format.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one way to talk: chat, phone, video or in person.")})
    availability = forms.MultipleChoiceField(label=_("When you are usually free"), choices=CELL_CHOICES,
                                             required=False, widget=forms.CheckboxSelectMultiple)
    timezone_name = forms.ChoiceField(label=_("Your time zone"), choices=timezone_choices)
    travel_km = forms.IntegerField(
        label=_("How far you can travel to meet in person (km)"), min_value=0, max_value=500, initial=10,
        help_text=_("Only used if you meet in person. Your town comes from your profile."),
        error_messages={key: _("Distance is a number of kilometres from 0 to 500.")
                        for key in ("min_value", "max_value", "invalid", "required")})
    gender = forms.ChoiceField(label=_("Your gender (optional)"), required=False, choices=Gender.choices,
                               help_text=_("Some people ask for a supporter of a particular gender."))
    age_band = forms.ChoiceField(label=_("Your age group (optional)"), required=False,
                                 choices=[("", _("Prefer not to say"))] + ADULT_BANDS)
    about = forms.CharField(
        label=_("About me, for the people I may support (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        help_text=_("A few words about your path and how you like to support people. People read it when you "
                    "offer to support them, and it helps us find people whose story is like yours."))

    def __init__(self, *args, windows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_availability(windows)

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {"status": data["status"], "capacity": data["capacity"], "languages": data["languages"],
                "formats": data["formats"], "timezone_name": data["timezone_name"], "availability": self.windows(),
                "gender": data["gender"], "age_band": data["age_band"], "travel_km": data["travel_km"],
                "about": data["about"]}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Anything you'd like the program's coordinators to know? (optional)"), required=False,
        max_length=1000, widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
        help_text=_("Only the program's coordinators read this. Nobody else is told."))


class EndForm(forms.Form):
    block = forms.BooleanField(label=_("Don't match me with this person again"), required=False)


class BatchForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How to match"), widget=forms.RadioSelect, initial="optimal",
        choices=[("optimal", _("Best for everyone (recommended): the best total fit, longest waits first")),
                 ("greedy", _("Best pair first: simpler, may leave someone waiting longer"))])


WEIGHT_HELP = {
    "experience": _("How close their lived experience is: the same experience counts most, a related one "
                    "less, a broader one least."),
    "community": _("Whether they share a community the person chose, such as LGBTQ+ or veterans."),
    "story": _("How much the person's story in their own words has in common with what the supporter wrote "
               "about themselves."),
    "availability": _("How many hours a week they are both free."),
    "preference": _("Whether the supporter is who the person asked for: gender, age, a shared community."),
    "load": _("Spreads the work: supporters with fewer people to support come first."),
}
WEIGHT_LABELS = {
    "experience": _("Shared experience"), "community": _("Shared community"), "story": _("Similar stories"),
    "availability": _("Time in common"), "preference": _("Preferences met"), "load": _("Supporter's load"),
}


class SettingsForm(forms.Form):
    """The program's weights and waiting rules; the service checks the ranges."""

    wait_bonus_per_week = forms.FloatField(
        label=_("Priority for each week of waiting"), help_text=_(
            "Added to a person's score for each week they have waited (scores go from 0 to 1), so nobody "
            "waits forever behind better fits."),
        error_messages={key: _("The priority for each week of waiting is a number from 0 to 1.")
                        for key in ("invalid", "required")})
    longest_wait_days = forms.IntegerField(
        label=_("Longest wait (days)"), help_text=_(
            "After this many days, nobody is left waiting while a supporter could take them."),
        error_messages={key: _("Days are whole numbers: 1 to 365 for the longest wait, 1 to 30 to answer.")
                        for key in ("invalid", "required")})
    answer_within_days = forms.IntegerField(
        label=_("Days to answer"), help_text=_(
            "A proposal the supporter hasn't answered in this many days goes to the next supporter. An offer the "
            "person hasn't answered in this many days closes: the supporter's place is free again, and the "
            "person keeps theirs."),
        error_messages={key: _("Days are whole numbers: 1 to 365 for the longest wait, 1 to 30 to answer.")
                        for key in ("invalid", "required")})

    def __init__(self, *args, **kwargs):
        from peercircle.matching.engine import COMPONENTS

        super().__init__(*args, **kwargs)
        self.weight_names = list(COMPONENTS)
        for name in COMPONENTS:
            self.fields[f"weight_{name}"] = forms.FloatField(
                label=WEIGHT_LABELS[name], help_text=WEIGHT_HELP[name],
                widget=forms.NumberInput(attrs={"step": "0.05", "min": "0", "max": "1"}),
                error_messages={key: _("Each weight is a number from 0 to 1.") for key in ("invalid", "required")})

    def weight_fields(self):
        return [self[f"weight_{name}"] for name in self.weight_names]

    def rule_fields(self):
        return [self["wait_bonus_per_week"], self["longest_wait_days"], self["answer_within_days"]]

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {"weights": {name: data[f"weight_{name}"] for name in self.weight_names},
                "wait_bonus_per_week": data["wait_bonus_per_week"], "longest_wait_days": data["longest_wait_days"],
                "answer_within_days": data["answer_within_days"]}
