import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from peercircle.accounts.models import Consent, ConsentDocument, PersonalToken, Profile, User
from peercircle.accounts.services import hash_token

PASSWORD = "a long and unusual passphrase"


class EmailAddressFactory(factory.django.DjangoModelFactory):
    """A verified, primary address: allauth lets nobody sign in without one."""

    class Meta:
        model = EmailAddress

    user = factory.SubFactory("peercircle.accounts.tests.factories.UserFactory", email_address=None)
    email = factory.SelfAttribute("user.email")
    verified = True
    primary = True


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory("peercircle.accounts.tests.factories.UserFactory", profile=None)
    display_name = factory.Sequence(lambda n: f"Robin {n}")


class UserFactory(factory.django.DjangoModelFactory):
    """An account that can sign in: a password, a profile, a verified email address and the
    agreements every account gives at sign-up. `two_factor=True` adds a TOTP authenticator."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.django.Password(PASSWORD)
    profile = factory.RelatedFactory(ProfileFactory, factory_related_name="user")
    email_address = factory.RelatedFactory(EmailAddressFactory, factory_related_name="user")

    @factory.post_generation
    def agreements(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for kind in ("terms", "privacy"):
            ConsentFactory(user=self, kind=kind)

    @factory.post_generation
    def two_factor(self, create, extracted, **kwargs):
        if create and extracted:
            TOTP.activate(self, generate_totp_secret())


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent
        exclude = ["kind"]

    user = factory.SubFactory(UserFactory, agreements=False)
    kind = "terms"
    document = factory.LazyAttribute(
        lambda o: ConsentDocument.objects.filter(kind=o.kind).order_by("-published_at", "-id").first()
    )


class PersonalTokenFactory(factory.django.DjangoModelFactory):
    """A token row with a known raw value (`raw_token`), as `token_create` would make."""

    class Meta:
        model = PersonalToken

    user = factory.SubFactory(UserFactory)
    name = "script"
    raw_token = factory.Sequence(lambda n: f"pc_test-token-{n:06d}-abcdefghijklmnop")
    prefix = factory.LazyAttribute(lambda o: o.raw_token[:10])
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.raw_token))

    @classmethod
    def _create(cls, model_class, *args, raw_token, **kwargs):
        token = super()._create(model_class, *args, **kwargs)
        token.raw_token = raw_token
        return token
