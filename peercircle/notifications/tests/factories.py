import factory

from peercircle.accounts.tests.factories import UserFactory
from peercircle.notifications.models import Notification, NotificationPreferences


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "meeting_reminder"
    title = factory.Sequence(lambda n: f"Meeting reminder {n}")
    body = "Your meeting starts tomorrow at 19:00."
    url = "/groups/"


class NotificationPreferencesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationPreferences

    user = factory.SubFactory(UserFactory)
