import factory

from peercircle.accounts.tests.factories import UserFactory
from peercircle.matching.availability import parse_windows, to_hex, utc_mask
from peercircle.matching.models import SupporterProfile, SupporterProgram
from peercircle.organizations.models import ProgramKind
from peercircle.organizations.tests.factories import ProgramFactory

EVENINGS = [{"day": d, "start": "18:00", "end": "21:00"} for d in range(5)]


def hours(windows, zone="Europe/London") -> str:
    return to_hex(utc_mask(parse_windows(windows), zone))


class OneToOneProgramFactory(ProgramFactory):
    kind = ProgramKind.ONE_TO_ONE
    name = factory.Sequence(lambda n: f"1:1 peer support {n}")
    slug = factory.Sequence(lambda n: f"one-to-one-{n}")
    requires_certification = True


class SupporterProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupporterProfile

    user = factory.SubFactory(UserFactory)
    capacity = 3
    languages = ["en"]
    formats = ["chat", "video"]
    timezone = "Europe/London"
    availability = EVENINGS
    availability_utc = factory.LazyAttribute(lambda o: hours(o.availability, o.timezone))
    about = "I lost my mum three years ago and peer support got me through the first year."


class SupporterProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupporterProgram

    supporter = factory.SubFactory(SupporterProfileFactory)
    program = factory.SubFactory(OneToOneProgramFactory)
    certified = True
    youth_trained = False
