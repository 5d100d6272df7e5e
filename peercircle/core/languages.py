"""Languages a person may say they speak (ISO 639-1), with names in English."""

from django.utils.translation import gettext_lazy as _

LANGUAGE_NAMES = {
    "ar": _("Arabic"), "bn": _("Bengali"), "ca": _("Catalan"), "zh": _("Chinese"), "cs": _("Czech"),
    "da": _("Danish"), "nl": _("Dutch"), "en": _("English"), "fa": _("Persian"), "fi": _("Finnish"),
    "fr": _("French"), "de": _("German"), "el": _("Greek"), "gu": _("Gujarati"), "he": _("Hebrew"),
    "hi": _("Hindi"), "hu": _("Hungarian"), "id": _("Indonesian"), "ga": _("Irish"), "it": _("Italian"),
    "ja": _("Japanese"), "ko": _("Korean"), "ms": _("Malay"), "no": _("Norwegian"), "pa": _("Punjabi"),
    "pl": _("Polish"), "pt": _("Portuguese"), "ro": _("Romanian"), "ru": _("Russian"), "so": _("Somali"),
    "es": _("Spanish"), "sw": _("Swahili"), "sv": _("Swedish"), "tl": _("Tagalog"), "ta": _("Tamil"),
    "th": _("Thai"), "tr": _("Turkish"), "uk": _("Ukrainian"), "ur": _("Urdu"), "vi": _("Vietnamese"),
    "cy": _("Welsh"), "yo": _("Yoruba"), "asl": _("American Sign Language"), "bsl": _("British Sign Language"),
    "lse": _("Spanish Sign Language"),
}


def language_choices():
    # Names are shown in the reader's language; sort ignoring accents ("Árabe" next to "Alemán").
    from peercircle.core.places import fold

    return sorted(LANGUAGE_NAMES.items(), key=lambda item: fold(str(item[1])))
