"""A match's reasons in plain words, in the reader's language and time zone.

Reasons are stored as codes with values (engine.reasons_for) so each side reads them in their
own language, with the shared hours in their own time zone."""

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from peercircle.core.languages import LANGUAGE_NAMES
from peercircle.matching.availability import from_hex, words
from peercircle.matching.models import AgeBand, Format, Gender


def _label(code: str, labels: dict[str, str]) -> str:
    return labels.get(code, code)


def _in_sentence(label: str) -> str:
    """A label inside a sentence: its first letter small, unless the first word is an acronym
    ("Loss of a parent" → "loss of a parent", but "Trauma & PTSD" keeps its PTSD)."""
    first = label.split(" ", 1)[0]
    return label if len(first) > 1 and first.isupper() else label[:1].lower() + label[1:]


def _language_in_sentence(name: str) -> str:
    """Some languages write language names in lower case inside a sentence ("hablan inglés");
    the translators say which by translating this marker as "lower"."""
    if pgettext("language names inside a sentence: translate as 'lower' or 'keep'", "keep") == "lower":
        return name[:1].lower() + name[1:]
    return name


def _joined(items: list[str]) -> str:
    items = [str(item) for item in items]
    if len(items) <= 1:
        return "".join(items)
    return format_lazy(_("{} and {}"), ", ".join(items[:-1]), items[-1])


# What the supporter is not told: how far apart they are (the member's place comes from their
# profile, private by default, and the supporter may not even know their name yet), and the
# preferences the member asked for (about the supporter, for the member to weigh).
MEMBER_ONLY = ("distance", "gender", "age")


def reasons_shown(reasons: list[dict], *, for_member: bool = True) -> list[dict]:
    """The reasons one side may read: all of them for the member (and the program's admins),
    without MEMBER_ONLY ones for the supporter. Pages, API and notices all go through here."""
    return list(reasons) if for_member else [reason for reason in reasons if reason.get("k") not in MEMBER_ONLY]


def explanation_lines(reasons: list[dict], *, zone: str, for_member: bool = True) -> list[str]:
    """One sentence per reason the reader may see (`reasons_shown`)."""
    from peercircle.experiences.models import TaxonomyNode

    reasons = reasons_shown(reasons, for_member=for_member)
    codes = {reason["code"] for reason in reasons if "code" in reason}
    labels = {node.code: node.label for node in TaxonomyNode.objects.filter(code__in=codes)}
    lines = []
    for reason in reasons:
        kind = reason.get("k")
        if kind == "experience_same":
            lines.append(_("You both have lived experience of %(label)s") % {"label": _in_sentence(_label(reason["code"], labels))})
        elif kind == "experience_close":
            lines.append(_("Lived experience close to yours: %(label)s") % {"label": _in_sentence(_label(reason["code"], labels))})
        elif kind == "experience_broader":
            lines.append(_("Lived experience of %(label)s, more broadly") % {"label": _in_sentence(_label(reason["code"], labels))})
        elif kind == "community":
            lines.append(_("You are both part of %(label)s") % {"label": _label(reason["code"], labels)})
        elif kind == "language":
            names = [_language_in_sentence(str(LANGUAGE_NAMES.get(code, code))) for code in reason.get("codes", [])]
            lines.append(_("Both speak %(languages)s") % {"languages": _joined(names)})
        elif kind == "hours":
            when = words(from_hex(reason["mask"]), zone, limit=2)
            if when:
                lines.append(_("Both free %(when)s") % {"when": _joined(when)})
        elif kind == "format":
            names = [str(Format(name).label).lower() for name in reason.get("formats", []) if name in Format.values]
            lines.append(_("Both happy with %(formats)s") % {"formats": _joined(names)})
        elif kind == "distance":
            lines.append(_("About %(km)s km apart") % {"km": reason["km"]})
        elif kind == "story":
            lines.append(_("Your stories have a lot in common"))
        elif kind == "gender" and reason.get("value") in Gender.values:
            lines.append(_("%(gender)s, as you asked") % {"gender": Gender(reason["value"]).label})
        elif kind == "age" and reason.get("value") in AgeBand.values:
            lines.append(_("Aged %(band)s, as you asked") % {"band": str(AgeBand(reason["value"]).label).lower()})
    return lines


def explanation_text(reasons: list[dict], *, zone: str, for_member: bool = True) -> str:
    """The reasons as one line, joined with a middle dot."""
    return " · ".join(str(line) for line in explanation_lines(reasons, zone=zone, for_member=for_member))
