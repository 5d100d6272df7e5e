"""Forms of the forum pages. They check only the shape of what was sent and keep every word
for the page to show again; the services decide (so pages and the API refuse alike)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.community.models import ContentWarning

MARKDOWN_HELP = _("You can use Markdown: **bold**, *italics*, > for a quote, - for a list, and "
                  "[words](https://…) for a link. Pictures and HTML are not shown. To mention someone, "
                  "write @ and their name without spaces (for example @SamLee): they'll be told, if they "
                  "can read this space.")


WARNINGS_LABEL = _("Content warnings")
WARNINGS_HELP = _("Tick what your post talks about in detail. Readers see the warning first and choose to open it.")


def _warnings_field(label=WARNINGS_LABEL, help_text=WARNINGS_HELP):
    return forms.MultipleChoiceField(label=label, choices=ContentWarning.choices, required=False,
                                     widget=forms.CheckboxSelectMultiple, help_text=help_text)


def _text_field(label):
    # Not required here: the service says what is missing, in the same words as the API.
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=MARKDOWN_HELP)


class PostFormMixin:
    """The pseudonym choice exists only where the space allows it."""

    def _setup_anonymous(self, space):
        if not space.allow_anonymous:
            self.fields.pop("anonymous", None)

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {"text": data.get("text") or "", "content_warnings": data.get("content_warnings") or [],
                "anonymous": bool(data.get("anonymous"))}


class ThreadForm(PostFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), required=False,
                            help_text=_("A few words that tell readers what the thread is about."))
    text = _text_field(_("Your post"))
    content_warnings = _warnings_field()
    anonymous = forms.BooleanField(label=_("Post under my pseudonym in this space"), required=False)

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_anonymous(space)

    def service_values(self) -> dict:
        return {"title": self.cleaned_data.get("title") or "", **super().service_values()}


class ReplyForm(PostFormMixin, forms.Form):
    text = _text_field(_("Your reply"))
    content_warnings = _warnings_field()
    anonymous = forms.BooleanField(label=_("Post under my pseudonym in this space"), required=False)
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_anonymous(space)


class EditForm(forms.Form):
    text = _text_field(_("Your post"))
    content_warnings = _warnings_field()
    note = forms.CharField(label=_("Why you are editing this post"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("The author reads this. It is kept with the post's history."))

    def __init__(self, *args, as_moderator: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not as_moderator:
            self.fields.pop("note")


class ReadingPreferenceForm(forms.Form):
    collapse_warnings = _warnings_field(
        label=_("Always fold posts with these warnings"),
        help_text=_("A folded post shows its warnings and opens when you choose. Posts with warnings you "
                    "leave unticked open straight away (the warning is still shown above them)."))
