from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from peercircle.accounts.models import Profile, Visibility
from peercircle.core.languages import language_choices
from peercircle.core.places import countries


class SignupForm(AllauthSignupForm):
    display_name = forms.CharField(
        label=_("Name to show others"),
        max_length=60,
        help_text=_("A first name or a nickname is fine. You can change it later."),
    )
    accept_terms = forms.BooleanField(
        label=_("I have read and agree to the terms of use and the privacy notice"),
        label_suffix="",
        help_text=format_lazy('<a href="{}" target="_blank" rel="noopener">{}</a>',
                              reverse_lazy("agreements"), _("Read the terms and the privacy notice (opens in a new tab)")),
        required=True,
        error_messages={"required": _("To create an account, please agree to the terms and privacy notice.")},
    )
    research = forms.BooleanField(
        label=_("You may use my de-identified check-in answers for research (optional)"),
        label_suffix="",
        required=False,
    )
    own_words = forms.CharField(
        label=_("In your own words, what brings you here? (optional)"),
        required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        help_text=_("For example “my dad died in the spring and I can’t talk to anyone at home”. After you "
                    "confirm your email, we suggest experiences from it for you to confirm or change. "
                    "It is not saved to your account unless you choose to keep it as a private story."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Agreements come last, just above the button, after the person has filled everything.
        self.order_fields(["email", "display_name", "password1", "password2", "own_words", "accept_terms",
                           "research"])

    def save(self, request):
        from peercircle.accounts.services import consent_give, profile_create

        user = super().save(request)
        language = (get_language() or "en")[:2]
        profile_create(user=user, display_name=self.cleaned_data["display_name"],
                       language=language if language in dict(settings.LANGUAGES) else "en")
        consent_give(user=user, kind="terms")
        consent_give(user=user, kind="privacy")
        if self.cleaned_data.get("research"):
            consent_give(user=user, kind="research")
        if self.cleaned_data.get("own_words", "").strip():
            from peercircle.experiences.carried import carry_words

            carry_words(request, text=self.cleaned_data["own_words"], lang=language)
        return user


def _country_choices():
    return [("", _("— not saying —"))] + list(countries().items())


class ProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"), required=False, choices=language_choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-columns"}),
    )
    country = forms.ChoiceField(label=_("Country"), required=False, choices=_country_choices)
    city = forms.CharField(label=_("Town or city"), required=False, max_length=120,
                           help_text=_("Used to find groups near you. We only store the town, never an address."))
    timezone = forms.ChoiceField(label=_("Time zone"), choices=())

    class Meta:
        model = Profile
        fields = [
            "display_name", "display_name_visibility", "pronouns", "pronouns_visibility",
            "languages", "languages_visibility", "country", "city", "location_visibility",
            "timezone", "timezone_visibility", "bio", "bio_visibility",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5, "maxlength": 1000})}
        help_texts = {
            "bio": _("A few words about you, if you like. Markdown works."),
            "pronouns": _("Optional, for example she/her, he/him, they/them."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from peercircle.core.timezones import timezone_choices

        self.fields["timezone"].choices = timezone_choices()
        labels = {
            "display_name": _("Who can see your name"),
            "pronouns": _("Who can see your pronouns"),
            "languages": _("Who can see your languages"),
            "location": _("Who can see your town"),
            "timezone": _("Who can see your time zone"),
            "bio": _("Who can see this about you"),
        }
        for field, attr in Profile.VISIBLE_FIELDS.items():
            self.fields[attr].label = labels[field]
            self.fields[attr].choices = Visibility.choices
            self.fields[attr].widget.attrs["class"] = "visibility"


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    keep_public_posts = forms.BooleanField(
        label=_("Keep my public posts, shown as “Former member”"), label_suffix="",
        required=False,
        help_text=_("If you leave this unticked, your posts are removed too."),
    )
    confirm = forms.BooleanField(label=_("I understand this cannot be undone"), label_suffix="", required=True)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right. Nothing has been deleted."))
        return password


class TokenForm(forms.Form):
    name = forms.CharField(label=_("What is this token for?"), max_length=80)
    expires_in_days = forms.TypedChoiceField(
        label=_("Expires after"), coerce=int, initial=90,
        choices=[(30, _("30 days")), (90, _("90 days")), (365, _("1 year"))],
    )
