from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.community.models import SpaceKind

KIND_CHOICES = [(SpaceKind.TOPIC, _("Open to every member of PeerCircle (a topic space)")),
                (SpaceKind.ORGANIZATION, _("Only members of the organization"))]


class SpaceForm(forms.Form):
    organization = forms.ChoiceField(label=_("Organization that hosts and moderates it"), choices=[])
    name = forms.CharField(label=_("Name"), max_length=120,
                           error_messages={"required": _("Please give the space a name.")})
    kind = forms.ChoiceField(label=_("Who can read it"), choices=KIND_CHOICES, widget=forms.RadioSelect,
                             initial=SpaceKind.TOPIC)
    description = forms.CharField(label=_("What it is for"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    rules = forms.CharField(label=_("Rules members accept before their first post"), max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 6}),
                            help_text=_("A short list works best. Markdown works: 1. for a numbered list."),
                            error_messages={"required": _("Please write the space's rules: members accept them "
                                                          "before their first post.")})
    allow_anonymous = forms.BooleanField(label=_("Members may post under a pseudonym"), required=False,
                                         help_text=_("Moderators can still act on the account behind a pseudonym; "
                                                     "looking behind it is written to the audit log."))
    experiences = forms.MultipleChoiceField(label=_("Experiences it is about (optional)"), required=False,
                                            choices=[], widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, organizations=(), experiences=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.slug, o.name) for o in organizations]
        self.fields["experiences"].choices = list(experiences)
        if editing:
            for name in ("organization", "kind", "rules"):
                del self.fields[name]
            self.fields["is_archived"] = forms.BooleanField(
                label=_("Archived: people can read it, nobody can post"), required=False)


class RulesForm(forms.Form):
    rules = forms.CharField(label=_("Rules"), max_length=4000, widget=forms.Textarea(attrs={"rows": 8}),
                            help_text=_("When you change the rules, members accept them again before they next post."),
                            error_messages={"required": _("Please write the space's rules: members accept them "
                                                          "before their first post.")})
