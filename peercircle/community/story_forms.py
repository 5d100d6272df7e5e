"""Forms for stories of hope: the author's story, the moderator's decision, the list's filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.community.models import Byline, ContentWarning
from peercircle.community.story_services import NOTE_MAX, STORY_MAX, TITLE_MAX


def experience_choices():
    """Experiences grouped under their broad heading, in the reader's language."""
    from peercircle.experiences.models import NodeKind
    from peercircle.experiences.selectors import leaf_nodes

    groups: dict[str, list] = {}
    for node in leaf_nodes(kind=NodeKind.EXPERIENCE):
        groups.setdefault(node.parent.label, []).append((node.code, node.label))
    return list(groups.items())


class StoryForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=TITLE_MAX,
        widget=forms.TextInput(attrs={"maxlength": TITLE_MAX, "autocomplete": "off"}),
        error_messages={"required": _("Please give your story a title."),
                        "max_length": _("Please keep the title under %(limit_value)s characters.")})
    text = forms.CharField(
        label=_("Your story"), max_length=STORY_MAX,
        widget=forms.Textarea(attrs={"rows": 16, "maxlength": STORY_MAX}),
        help_text=_("In your own words: what happened, what helped, where you are now. You can use Markdown: "
                    "*italics*, **bold**, and a blank line between paragraphs. Please leave out other people's "
                    "names and anything that could identify them."),
        error_messages={"required": _("Please write your story before sending it."),
                        "max_length": _("Please keep your story under %(limit_value)s characters.")})
    experiences = forms.MultipleChoiceField(
        label=_("What your story is about"), choices=experience_choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("So people going through the same can find it. We've ticked the experiences you have "
                    "already added; change anything you like."))
    content_warnings = forms.MultipleChoiceField(
        label=_("Content warnings (optional)"), choices=ContentWarning.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Readers see these first, and the story stays folded until they choose to open it."))
    byline = forms.ChoiceField(
        label=_("Show it as"), choices=Byline.choices, widget=forms.RadioSelect, initial=Byline.ANONYMOUS,
        error_messages={"required": _("Please choose how your story is signed.")})
    organization = forms.ChoiceField(
        label=_("Send it to"), widget=forms.RadioSelect,
        help_text=_("A moderator of this organization reads your story before it is published."),
        error_messages={"required": _("Please choose an organization to send your story to."),
                        "invalid_choice": _("Please choose one of your organizations.")})

    def __init__(self, *args, organizations=(), display_name: str = "", editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {str(org.pk): org for org in organizations}
        self.fields["organization"].choices = [(key, org.name) for key, org in self.organizations.items()]
        if len(self.organizations) == 1 and not self.is_bound:
            self.initial.setdefault("organization", next(iter(self.organizations)))
        if editing:
            del self.fields["organization"]
        if display_name:
            self.fields["byline"].help_text = _(
                "With your display name, readers see “%(name)s” — the name you have when the story is "
                "published. You can change your mind until then.") % {"name": display_name}

    def chosen_organization(self):
        return self.organizations.get(self.cleaned_data.get("organization") or "")

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {"title": data["title"], "text": data["text"], "experience_codes": data["experiences"],
                "content_warnings": data["content_warnings"], "byline": data["byline"]}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"), widget=forms.RadioSelect,
        choices=[("publish", _("Publish it")), ("decline", _("Don't publish it"))],
        error_messages={"required": _("Please choose to publish the story or not.")})
    note = forms.CharField(
        label=_("A note for the author"), required=False, max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": NOTE_MAX}),
        help_text=_("The author reads this. Needed when you don't publish: say kindly why, and what would "
                    "help next time. A word of thanks is welcome either way."))


class StoryFilterForm(forms.Form):
    experience = forms.CharField(label=_("Experience"), required=False, max_length=120)
    q = forms.CharField(label=_("Words in the title"), required=False, max_length=200)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)
