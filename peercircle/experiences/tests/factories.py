import factory

from peercircle.accounts.tests.factories import UserFactory
from peercircle.experiences.models import PersonCommunity, PersonExperience, TaxonomyNode


def _node(code: str) -> TaxonomyNode:
    # The taxonomy is loaded by every migrate, so the test database always has it.
    return TaxonomyNode.objects.get(code=code)


class PersonExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonExperience
        exclude = ["code"]

    user = factory.SubFactory(UserFactory)
    code = "mental_health.depression"
    node = factory.LazyAttribute(lambda o: _node(o.code))
    relation = "self"
    stage = "current"
    visibility = "matching"
    story = ""


class PersonCommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonCommunity
        exclude = ["code"]

    user = factory.SubFactory(UserFactory)
    code = "community.veterans"
    node = factory.LazyAttribute(lambda o: _node(o.code))
    visibility = "matching"
