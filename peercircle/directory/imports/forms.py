from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.directory.imports.source import AUTO
from peercircle.directory.models import SourceKind


class ImportForm(forms.Form):
    file = forms.FileField(label=_("A file from your computer"), required=False,
                           help_text=_("A Meeting Guide feed (.json) or an HSDS export as JSON, up to 5 MB."))
    url = forms.CharField(label=_("Or the web address of a feed"), required=False, max_length=500,
                          help_text=_("For example https://example.org/wp-admin/admin-ajax.php?action=meetings"),
                          widget=forms.URLInput(attrs={"inputmode": "url", "autocomplete": "url"}))
    kind = forms.ChoiceField(label=_("What it is"), widget=forms.RadioSelect, initial=AUTO, choices=[
        (AUTO, _("Find out from the file")),
        (SourceKind.MEETING_GUIDE, _("A Meeting Guide JSON feed (weekly meetings)")),
        (SourceKind.HSDS, _("An Open Referral HSDS export (services and schedules)")),
    ])
