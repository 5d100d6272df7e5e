from datetime import date, time

import factory
from django.utils import timezone as django_timezone

from peercircle.accounts.tests.factories import UserFactory
from peercircle.groups.models import (
    GroupMembership,
    ListingCorrection,
    MeetingException,
    MeetingSeries,
    SupportGroup,
)


class SupportGroupFactory(factory.django.DjangoModelFactory):
    """An active, open, in-person group in Manchester (Europe/London), with no facilitator;
    `facilitator=user` adds one."""

    class Meta:
        model = SupportGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Grief circle {n}")
    slug = factory.Sequence(lambda n: f"grief-circle-{n}")
    description = "We meet to talk about loss."
    description_html = "<p>We meet to talk about loss.</p>"
    city = "Manchester"
    country = "GB"
    latitude = 53.48
    longitude = -2.24
    timezone = "Europe/London"
    last_confirmed_at = factory.LazyFunction(django_timezone.now)

    @factory.post_generation
    def facilitator(self, create, extracted, **kwargs):
        if create and extracted:
            GroupMembershipFactory(group=self, user=extracted, role="facilitator")

    @factory.post_generation
    def experience_codes(self, create, extracted, **kwargs):
        if create and extracted:
            from peercircle.experiences.models import TaxonomyNode

            self.experiences.set(TaxonomyNode.objects.filter(code__in=extracted))


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(SupportGroupFactory)
    user = factory.SubFactory(UserFactory)
    role = "member"
    status = "active"
    agreement_accepted_at = factory.LazyFunction(django_timezone.now)
    joined_at = factory.LazyFunction(django_timezone.now)


class MeetingSeriesFactory(factory.django.DjangoModelFactory):
    """Every Tuesday at 19:00 in the group's time zone, from Tuesday 7 January 2025."""

    class Meta:
        model = MeetingSeries

    group = factory.SubFactory(SupportGroupFactory)
    title = "Weekly meeting"
    rrule = "FREQ=WEEKLY;BYDAY=TU"
    start_date = date(2025, 1, 7)
    start_time = time(19, 0)
    duration_minutes = 90


class MeetingExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingException

    series = factory.SubFactory(MeetingSeriesFactory)
    kind = "cancelled"


class ListingCorrectionFactory(factory.django.DjangoModelFactory):
    """An open suggestion from a signed-out visitor that the meeting time has changed."""

    class Meta:
        model = ListingCorrection

    group = factory.SubFactory(SupportGroupFactory)
    kind = "meeting_time"
    text = "It meets on Thursdays now, at 18:30."
