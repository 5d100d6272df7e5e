from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.community.models import PostState
from peercircle.safety.models import ActionKind
from peercircle.safety.screening import LEVELS


class PostDecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("What should happen to the post?"), widget=forms.RadioSelect, choices=[
        ("approve", _("Approve: everyone who can read the space sees it")),
        ("hide", _("Hide: only its author and the moderators see it")),
        ("remove", _("Remove: nobody but the moderators sees its words")),
    ], error_messages={"required": _("Please choose approve, hide or remove.")})
    reason = forms.CharField(label=_("Reason (the author reads it; needed to hide or remove)"), required=False,
                             max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ModeratorEditForm(forms.Form):
    text = forms.CharField(label=_("The post"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}),
                           error_messages={"required": _("Please write something before posting.")})
    note = forms.CharField(label=_("Why you are editing it (the author reads this)"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": _("Please say why you are editing this post; the author "
                                                         "will read it.")})


class AccountActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Action on the author's account"), choices=ActionKind.choices,
                             widget=forms.RadioSelect, error_messages={"required": _("Choose an action.")})
    reason = forms.CharField(label=_("Reason the person will read"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Write the reason: the person will read it, and can "
                                                           "appeal.")})
    days = forms.IntegerField(label=_("For how many days (mute or suspension)"), required=False, min_value=1,
                              max_value=365)


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("Why do you need to know who wrote this?"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Your reason and your name are kept in the audit log."),
                             error_messages={"required": _("Please say why you need to know who wrote this; it "
                                                           "is kept in the audit log.")})


class ThreadModerationForm(forms.Form):
    pinned = forms.BooleanField(label=_("Pinned to the top of the space"), required=False)
    locked = forms.BooleanField(label=_("Closed to new replies"), required=False)
    move_to = forms.ChoiceField(label=_("Move to another space you moderate"), required=False, choices=[])

    def __init__(self, *args, spaces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move_to"].choices = [("", _("Keep it where it is"))] + [(s.slug, s.name) for s in spaces]


class SplitForm(forms.Form):
    from_number = forms.IntegerField(label=_("Start the new thread from reply number"), min_value=2)
    title = forms.CharField(label=_("Title of the new thread"), max_length=160)


QUEUE_STATES = [("pending", PostState.PENDING.label), ("flagged", _("Screened as worrying")),
                ("hidden", PostState.HIDDEN.label), ("removed", PostState.REMOVED.label)]
QUEUE_LEVELS = [level for level in LEVELS if level != "none"]
# The screening's categories (safety.screening), in words for the filter.
SCREENING_CATEGORIES = [("suicide", _("Suicide")), ("self_harm", _("Self-harm")), ("overdose", _("Overdose")),
                        ("violence", _("Violence")), ("abuse", _("Abuse")), ("medical", _("Medical emergency"))]
