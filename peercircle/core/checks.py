"""Deployment checks (`peercircle check-deploy`): the mistakes that hurt people's data."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def secrets_shared_when_scaled_out(app_configs, **kwargs):
    scaled_out = settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3" or settings.REDIS_URL
    if not scaled_out:
        return []
    return [
        Warning(
            f"{name} is generated into the data folder, not set in the environment.",
            hint=(f"With DATABASE_URL or REDIS_URL, every machine serving PeerCircle must share the same "
                  f"{name}: set it in the environment. A different encryption key on another machine "
                  "makes confidential text unreadable there; a different SECRET_KEY signs people out."),
            id=f"peercircle.W00{number}",
        )
        for number, name in enumerate(("SECRET_KEY", "PEERCIRCLE_ENCRYPTION_KEYS"), start=1)
        if not settings.SECRETS_FROM_ENVIRONMENT[name]
    ]


@register(Tags.security, deploy=True)
def email_really_sent(app_configs, **kwargs):
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        return [Warning(
            "Email is printed to the console, not sent.",
            hint="Set EMAIL_URL (for example smtp+tls://user:password@smtp.example.org:587) so people "
                 "receive verification and password reset emails.",
            id="peercircle.W003",
        )]
    return []
