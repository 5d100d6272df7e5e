
from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.core.languages import language_choices
from peercircle.core.places import countries
from peercircle.core.timezones import timezone_choices
from peercircle.experiences.models import NodeKind
from peercircle.experiences.selectors import leaf_nodes
from peercircle.groups.models import (
    Accessibility,
    CorrectionKind,
    GroupFormat,
    GroupStatus,
    JoinPolicy,
    Leadership,
    LinkVisibility,
    MemberListVisibility,
)
from peercircle.groups.recurrence import WEEKDAYS, InvalidRule, build_rule


def experience_choices():
    groups: dict[str, list] = {}
    for node in leaf_nodes(kind=NodeKind.EXPERIENCE):
        groups.setdefault(node.parent.label, []).append((node.code, node.label))
    return list(groups.items())


def community_choices():
    return [(node.code, node.label) for node in leaf_nodes(kind=NodeKind.COMMUNITY)]


def _country_choices():
    return [("", _("— choose —"))] + list(countries().items())


class GroupForm(forms.Form):
    """Starting a group and editing it (editing adds the status)."""

    name = forms.CharField(label=_("Name of the group"), max_length=200)
    description = forms.CharField(label=_("About the group"), required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text=_("Who it is for and what a meeting is like. Markdown works."))
    organization = forms.ChoiceField(label=_("Run by"), required=False, choices=())
    experiences = forms.MultipleChoiceField(label=_("Experiences the group is for"), required=False,
                                            choices=experience_choices, widget=forms.CheckboxSelectMultiple)
    communities = forms.MultipleChoiceField(label=_("Communities (optional)"), required=False,
                                            choices=community_choices, widget=forms.CheckboxSelectMultiple)
    leadership = forms.ChoiceField(label=_("How it is led"), choices=Leadership.choices,
                                   widget=forms.RadioSelect, initial=Leadership.PEER_FACILITATED)
    format = forms.ChoiceField(label=_("Where it meets"), choices=GroupFormat.choices,
                               widget=forms.RadioSelect, initial=GroupFormat.IN_PERSON)
    venue_name = forms.CharField(label=_("Venue"), required=False, max_length=200,
                                 help_text=_("For example “Community centre, room 2”."))
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    city = forms.CharField(label=_("Town or city"), required=False, max_length=120,
                           help_text=_("Needed when the group meets in person. Its time zone is used for meetings."))
    country = forms.ChoiceField(label=_("Country"), required=False, choices=_country_choices)
    timezone = forms.ChoiceField(label=_("Time zone (for groups that meet only online)"), required=False,
                                 choices=timezone_choices)
    online_url = forms.URLField(label=_("Online meeting link"), required=False, max_length=500, assume_scheme="https")
    online_url_visibility = forms.ChoiceField(label=_("Who may see the online link"), choices=LinkVisibility.choices,
                                              widget=forms.RadioSelect, initial=LinkVisibility.MEMBERS)
    languages = forms.MultipleChoiceField(label=_("Languages spoken in the group"), required=False,
                                          choices=language_choices, widget=forms.CheckboxSelectMultiple)
    join_policy = forms.ChoiceField(label=_("Who may join"), choices=JoinPolicy.choices,
                                    widget=forms.RadioSelect, initial=JoinPolicy.OPEN)
    capacity = forms.IntegerField(label=_("Places (leave empty for no limit)"), required=False,
                                  min_value=2, max_value=10000)
    accessibility = forms.MultipleChoiceField(label=_("Accessibility"), required=False, choices=Accessibility.choices,
                                              widget=forms.CheckboxSelectMultiple)
    accessibility_notes = forms.CharField(label=_("Other accessibility notes"), required=False, max_length=1000,
                                          widget=forms.Textarea(attrs={"rows": 2}))
    agreement = forms.CharField(
        label=_("Group agreement"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Members accept it when they join. Leave it empty to use PeerCircle's agreement on "
                    "confidentiality, respect and boundaries."))
    member_list_visibility = forms.ChoiceField(label=_("Who may see the member list"),
                                               choices=MemberListVisibility.choices, widget=forms.RadioSelect,
                                               initial=MemberListVisibility.FACILITATORS)
    status = forms.ChoiceField(label=_("Status"), choices=[
        (GroupStatus.ACTIVE, GroupStatus.ACTIVE.label),
        (GroupStatus.TEMPORARILY_CLOSED, GroupStatus.TEMPORARILY_CLOSED.label),
        (GroupStatus.ENDED, GroupStatus.ENDED.label),
    ])

    def __init__(self, *args, organizations=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["organization"]
        else:
            del self.fields["status"]
            self.fields["organization"].choices = [("", _("Nobody: a self-led group"))] + [
                (str(org.pk), org.name) for org in (organizations or [])]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["experience_codes"] = data.pop("experiences")
        data["community_codes"] = data.pop("communities")
        data.pop("organization", None)
        return data


PATTERNS = [
    ("weekly", _("Every week")),
    ("every_other_week", _("Every other week")),
    ("monthly", _("Once a month, on a weekday")),
    ("once", _("Once (a one-off meeting or workshop)")),
]
WEEKDAY_CHOICES = list(zip(WEEKDAYS, [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"),
                                      _("Saturday"), _("Sunday")], strict=True))
NTH_CHOICES = [(1, _("First")), (2, _("Second")), (3, _("Third")), (4, _("Fourth")), (-1, _("Last"))]


class ScheduleForm(forms.Form):
    """A friendly way to write the common schedules; it builds the RFC 5545 rule."""

    title = forms.CharField(label=_("Title"), max_length=200, initial=_("Group meeting"))
    pattern = forms.ChoiceField(label=_("How often"), choices=PATTERNS, widget=forms.RadioSelect, initial="weekly")
    weekday = forms.ChoiceField(label=_("Day of the week"), choices=WEEKDAY_CHOICES, required=False)
    nth = forms.TypedChoiceField(label=_("Which week of the month (monthly only)"), choices=NTH_CHOICES,
                                 coerce=int, required=False, initial=1)
    start_date = forms.DateField(label=_("First date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Start time (the group's local time)"),
                                 widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duration_minutes = forms.IntegerField(label=_("Length in minutes"), min_value=10, max_value=720, initial=90)
    until = forms.DateField(label=_("Last date (optional)"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    online_url = forms.URLField(label=_("Online link for these meetings, if different from the group's"),
                                required=False, max_length=500, assume_scheme="https")
    capacity = forms.IntegerField(label=_("Places (optional)"), required=False, min_value=1, max_value=10000)

    def clean(self):
        data = super().clean()
        if "pattern" in data:
            try:
                data["rrule"] = build_rule(pattern=data["pattern"], weekday=data.get("weekday") or "",
                                           nth=data.get("nth") or 1, until=data.get("until"))
            except InvalidRule as error:
                raise forms.ValidationError(str(error)) from error
        return data

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {key: data[key] for key in ("title", "rrule", "start_date", "start_time", "duration_minutes",
                                           "online_url", "capacity")}


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Places per meeting (empty: no limit)"), required=False, min_value=1,
                                  max_value=10000)


class JoinForm(forms.Form):
    agreement_accepted = forms.BooleanField(label=_("I have read the group agreement and I accept it"))


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Kept on record. Shown only to the group's facilitators and to the person."))


class OccurrenceForm(forms.Form):
    series = forms.IntegerField(widget=forms.HiddenInput)
    original_start = forms.CharField(widget=forms.HiddenInput, max_length=20)
    note = forms.CharField(label=_("Note for members (optional)"), required=False, max_length=300)


class MoveForm(OccurrenceForm):
    new_date = forms.DateField(label=_("New date"), widget=forms.DateInput(attrs={"type": "date"}))
    new_time = forms.TimeField(label=_("New start time (the group's local time)"),
                               widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


class CorrectionForm(forms.Form):
    """Suggesting a correction to a listing. Nothing is checked here but the shape: the
    service decides, so pages and the API refuse with the same words."""

    kind = forms.CharField(label=_("What is wrong?"), required=False,
                           widget=forms.RadioSelect(choices=CorrectionKind.choices))
    text = forms.CharField(
        label=_("What should it say?"), required=False, widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        help_text=_("For example the new day and time, or the new address. Please don't include anything "
                    "private about yourself or others: the group's facilitators read this."))
    contact_email = forms.CharField(
        label=_("Your email address (optional)"), required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "maxlength": 254}),
        help_text=_("Only if you would like to hear what happened to your suggestion. It is not shown to the "
                    "facilitators."))
    # The honeypot: hidden from people (and screen readers); robots fill in every field. The
    # template renders it empty every time, so a person whose browser filled it in by mistake
    # can simply send the form again.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:  # they hear back in their account
            del self.fields["contact_email"]
            del self.fields["website"]

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {"kind": data["kind"], "text": data["text"], "contact_email": data.get("contact_email", ""),
                "honeypot": data.get("website", "")}


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(choices=[("done", _("Done")), ("dismissed", _("Dismiss"))])
    note = forms.CharField(label=_("Reply to the person (optional)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000}))
    confirm_details = forms.BooleanField(label=_("The details are now confirmed"), required=False)
