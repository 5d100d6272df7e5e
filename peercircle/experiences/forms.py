from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.experiences.models import ExperienceVisibility, Relation, Stage
from peercircle.experiences.selectors import leaf_nodes


def _grouped_choices(kind):
    groups: dict[str, list] = {}
    for node in leaf_nodes(kind=kind):
        groups.setdefault(node.parent.label, []).append((node.code, node.label))
    return [("", _("Choose…"))] + list(groups.items())


class ExperienceForm(forms.Form):
    code = forms.ChoiceField(label=_("Experience"), choices=())
    relation = forms.ChoiceField(label=_("Whose experience"), choices=Relation.choices,
                                 widget=forms.RadioSelect, initial=Relation.SELF)
    stage = forms.ChoiceField(label=_("Where you are with it"), choices=Stage.choices, initial=Stage.CURRENT)
    since = forms.DateField(label=_("Since when (optional)"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    visibility = forms.ChoiceField(label=_("Who can see this"), choices=ExperienceVisibility.choices,
                                   initial=ExperienceVisibility.MATCHING)
    story = forms.CharField(
        label=_("In your own words (optional, private)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only you can read this. It is encrypted, and used only to find people with a "
                    "similar path. If it sounds like you may be in danger, a trained moderator is "
                    "told, so they can check on you."),
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        from peercircle.experiences.models import NodeKind

        self.fields["code"].choices = _grouped_choices(NodeKind.EXPERIENCE)
        if editing:
            del self.fields["code"]


class CommunityForm(forms.Form):
    code = forms.ChoiceField(label=_("Community"), choices=())
    visibility = forms.ChoiceField(label=_("Who can see this"), choices=ExperienceVisibility.choices,
                                   initial=ExperienceVisibility.MATCHING)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from peercircle.experiences.models import NodeKind, TaxonomyNode

        self.fields["code"].choices = [("", _("Choose…"))] + [
            (n.code, n.label) for n in TaxonomyNode.objects.filter(kind=NodeKind.COMMUNITY, is_active=True, parent__isnull=False)
        ]
