"""The default group agreement, in both interface languages.

A group that has not written its own agreement uses this one; it is shown in the reader's
language. It lives here rather than in the translation catalogue because it is a document
people accept, and both versions are reviewed together.
"""

from django.utils.translation import get_language

from peercircle.core.text import render_markdown

DEFAULT_AGREEMENT = {
    "en": (
        "**Confidentiality.** What is shared in the group stays in the group. We do not repeat "
        "who was there or what they said.\n\n"
        "**Respect.** We listen without interrupting, speak from our own experience, and do not "
        "judge, diagnose or give unasked-for advice.\n\n"
        "**Boundaries.** Everyone chooses what to share, and may pass. We do not contact members "
        "outside the group without their agreement, and nobody is here to sell anything.\n\n"
        "**Safety.** If someone may be in danger, facilitators may need to get help. Peer support "
        "is not an emergency service."
    ),
    "es": (
        "**Confidencialidad.** Lo que se comparte en el grupo se queda en el grupo. No contamos "
        "quién estuvo ni lo que dijo.\n\n"
        "**Respeto.** Escuchamos sin interrumpir, hablamos desde nuestra propia experiencia y no "
        "juzgamos, diagnosticamos ni damos consejos que nadie ha pedido.\n\n"
        "**Límites.** Cada persona elige lo que comparte y puede pasar. No contactamos a nadie "
        "fuera del grupo sin su acuerdo, y nadie viene a vender nada.\n\n"
        "**Seguridad.** Si alguien puede estar en peligro, quienes facilitan pueden tener que pedir "
        "ayuda. El apoyo entre pares no es un servicio de emergencias."
    ),
}


def default_agreement(lang: str | None = None) -> str:
    lang = (lang or get_language() or "en")[:2]
    return DEFAULT_AGREEMENT.get(lang, DEFAULT_AGREEMENT["en"])


def default_agreement_html(lang: str | None = None) -> str:
    return render_markdown(default_agreement(lang))
