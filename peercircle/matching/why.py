"""Why a waiting request has no match, in plain words for a program's admins.

`engine.why_no_match` counts the supporters left after each hard constraint; here each count
becomes a sentence ("4 have room for someone new"), steps that do not apply to this request are
left out, and the step where the count falls to zero says what could be done about it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from peercircle.matching.engine import RequestSpec, why_no_match


@dataclass(frozen=True)
class Step:
    constraint: str
    left: int
    text: str
    stops_here: bool = False
    hint: str = ""


def _sentence(name: str, count: int) -> str:
    values = {"count": count}
    sentences = {
        "program": ngettext("%(count)s supporter serves this program", "%(count)s supporters serve this program",
                            count),
        "available": ngettext("%(count)s is taking new matches", "%(count)s are taking new matches", count),
        "room": ngettext("%(count)s has room for someone new", "%(count)s have room for someone new", count),
        "certified": ngettext("%(count)s meets the program's requirements",
                              "%(count)s meet the program's requirements", count),
        "youth": ngettext("%(count)s is trained to support someone under 18",
                          "%(count)s are trained to support someone under 18", count),
        "language": ngettext("%(count)s speaks one of their languages", "%(count)s speak one of their languages",
                             count),
        "format": ngettext("%(count)s offers a way of talking they chose",
                           "%(count)s offer a way of talking they chose", count),
        "distance": ngettext("%(count)s is near enough to meet, or can talk another way they chose",
                             "%(count)s are near enough to meet, or can talk another way they chose", count),
        "hours": ngettext("%(count)s is free at the same times", "%(count)s are free at the same times", count),
        "excluded": ngettext("%(count)s hasn't been proposed to them before and isn't blocked",
                             "%(count)s haven't been proposed to them before and aren't blocked", count),
    }
    return sentences[name] % values


def _hint(name: str) -> str:
    return {
        "program": _("Add peer supporters to this program below."),
        "available": _("Every supporter of this program has paused new matches."),
        "room": _("Every supporter is at capacity. Ask whether someone can take one more, or wait for a match "
                  "to end."),
        "certified": _("The program asks for certified supporters: mark those who meet its requirements below."),
        "youth": _("This person is under 18: mark the supporters trained to support young people below."),
        "language": _("No supporter with room speaks their languages."),
        "format": _("No supporter with room offers the ways of talking they chose."),
        "distance": _("They asked to meet in person, and nobody is near enough."),
        "hours": _("Nobody with room is free at the same times. Supporters can add times on their profile."),
        "excluded": _("Everyone who fits has already been proposed, declined, or ended a match with them. "
                      "New supporters will be proposed as they join."),
    }[name]


def _applies(name: str, spec: RequestSpec) -> bool:
    if name == "certified":
        return spec.requires_certification
    if name == "youth":
        return spec.under_18
    if name == "distance":
        return "in_person" in spec.formats
    if name == "hours":
        return bool(spec.hours_mask)
    return True


def why_steps(spec: RequestSpec) -> list[Step]:
    """The constraints that apply to this request, in order, up to the first that leaves nobody."""
    steps = []
    for name, left in why_no_match(spec):
        if not _applies(name, spec):
            continue
        stops_here = left == 0
        steps.append(Step(constraint=name, left=left, text=_sentence(name, left), stops_here=stops_here,
                          hint=_hint(name) if stops_here else ""))
        if stops_here:
            break
    return steps


def summary(steps: list[Step]) -> str:
    if not steps:
        return ""
    if steps[-1].left:
        return ngettext("%(count)s supporter could be proposed now: use “Match the waiting list”.",
                        "%(count)s supporters could be proposed now: use “Match the waiting list”.",
                        steps[-1].left) % {"count": steps[-1].left}
    return steps[-1].hint
