from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.safety.models import ActionKind, ReportReason, ReportStatus


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is it about?"), choices=ReportReason.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("Choose what the report is about.")})
    details = forms.CharField(label=_("Anything that would help the moderators (optional)"), required=False,
                              max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect,
                                choices=[(ReportStatus.ACTIONED, ReportStatus.ACTIONED.label),
                                         (ReportStatus.NO_BREACH, ReportStatus.NO_BREACH.label)])
    note = forms.CharField(label=_("Note for the moderators (the reporter doesn't see it)"), required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    action_kind = forms.ChoiceField(label=_("Action on the account (optional)"), required=False,
                                    choices=[("", _("No action on the account")), *ActionKind.choices])
    action_reason = forms.CharField(label=_("Reason the person will read"), required=False, max_length=2000,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    days = forms.IntegerField(label=_("For how many days (mute or suspension)"), required=False, min_value=1,
                              max_value=365)


class AppealForm(forms.Form):
    text = forms.CharField(label=_("Why should the decision change?"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           error_messages={"required": _("Tell us why you think the decision should change.")})


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("uphold", _("The decision stands")), ("overturn", _("Reverse it"))])
    note = forms.CharField(label=_("A note for the person (optional)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
