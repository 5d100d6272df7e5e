import factory
from django.utils import timezone

from peercircle.community.models import Post, Space, SpaceKind, Thread


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    name = factory.Sequence(lambda n: f"Living with grief {n}")
    slug = factory.Sequence(lambda n: f"grief-{n}")
    kind = SpaceKind.TOPIC
    organization = None
    rules = "Be kind. Speak from your own experience. No advice about medication."
    rules_html = "<p>Be kind. Speak from your own experience. No advice about medication.</p>"
    allow_anonymous = True


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Evenings are hard {n}")
    last_post_at = factory.LazyFunction(timezone.now)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    number = 1
    source = "Some words"
    html = "<p>Some words</p>"
