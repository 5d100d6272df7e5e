from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.organizations.models import ProgramKind, Role


class GrantRoleForm(forms.Form):
    email = forms.EmailField(label=_("Their email address"),
                             help_text=_("They need a PeerCircle account. They will be asked to accept."))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ProgramForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgramKind.choices)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    requires_certification = forms.BooleanField(label=_("Supporters must be certified"), required=False, initial=True)
    accepts_under_18 = forms.BooleanField(label=_("Open to people under 18 (youth-trained supporters only)"), required=False)
