from django import forms
from django.utils.translation import gettext_lazy as _

from peercircle.notifications.models import NotificationPreferences, ReminderLead


class PreferencesForm(forms.Form):
    meeting_reminders = forms.BooleanField(
        label=NotificationPreferences._meta.get_field("meeting_reminders").verbose_name, required=False,
        label_suffix="")
    reminder_lead = forms.ChoiceField(
        label=_("When to remind me"), choices=ReminderLead.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Please choose when to be reminded: 1 day before, 2 hours before, or both."),
                        "invalid_choice": _("Please choose when to be reminded: 1 day before, 2 hours before, "
                                            "or both.")})
    email = forms.BooleanField(
        label=NotificationPreferences._meta.get_field("email").verbose_name, required=False,
        label_suffix="")
    email_details = forms.BooleanField(
        label=NotificationPreferences._meta.get_field("email_details").verbose_name, required=False,
        label_suffix="",
        help_text=_("When this is off, an email only says that there is something new for you, such as "
                    "“a meeting reminder”, with a link to it: no group or meeting is named, in case "
                    "someone else sees your inbox or your phone's lock screen."))
    listing_confirmation_reminders = forms.BooleanField(
        label=NotificationPreferences._meta.get_field("listing_confirmation_reminders").verbose_name,
        required=False, label_suffix="",
        help_text=_("Every few months, a note asking you to check that a group's listing is still right; "
                    "and a note when someone suggests a correction to it."))

    forum_replies = forms.BooleanField(
        label=NotificationPreferences._meta.get_field("forum_replies").verbose_name, required=False,
        label_suffix="")

    def __init__(self, *args, show_listing: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_listing:
            del self.fields["listing_confirmation_reminders"]
