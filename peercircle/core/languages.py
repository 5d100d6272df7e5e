"""Languages a person may say they speak (ISO 639-1), with names in English."""

LANGUAGE_NAMES = {
    "ar": "Arabic", "bn": "Bengali", "ca": "Catalan", "zh": "Chinese", "cs": "Czech",
    "da": "Danish", "nl": "Dutch", "en": "English", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "de": "German", "el": "Greek", "gu": "Gujarati", "he": "Hebrew",
    "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "ga": "Irish", "it": "Italian",
    "ja": "Japanese", "ko": "Korean", "ms": "Malay", "no": "Norwegian", "pa": "Punjabi",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "so": "Somali",
    "es": "Spanish", "sw": "Swahili", "sv": "Swedish", "tl": "Tagalog", "ta": "Tamil",
    "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "cy": "Welsh", "yo": "Yoruba", "asl": "American Sign Language", "bsl": "British Sign Language",
    "lse": "Spanish Sign Language",
}


def language_choices():
    return sorted(LANGUAGE_NAMES.items(), key=lambda item: item[1])
