import factory

from peercircle.accounts.tests.factories import UserFactory
from peercircle.organizations.models import (
    Membership,
    Organization,
    OrganizationKind,
    Program,
    ProgramKind,
    Role,
)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Harbour Peer Network {n}")
    slug = factory.Sequence(lambda n: f"harbour-{n}")
    kind = OrganizationKind.PEER_RUN
    description = "Peer support run by people who have been there."
    description_html = "<p>Peer support run by people who have been there.</p>"
    country = "ES"
    city = "Madrid"
    timezone = "Europe/Madrid"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.MEMBER


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Walk and talk {n}")
    slug = factory.Sequence(lambda n: f"walk-and-talk-{n}")
    kind = ProgramKind.GROUP
    description_html = "<p>Weekly walks.</p>"
