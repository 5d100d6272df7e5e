"""Crisis lines (bundled list + an organization's own), who may read a crisis plan, and the one
context every page uses when someone's words sound like they are in danger.

The partial `safety/_crisis_support.html` (tag `{% crisis_support %}` in `crisis_tags`) shows
the lines for the person's country and an offer to talk to someone; views that react to
`ScreeningResult.needs_person` either render it in place or call `crisis_support_offer(request)`
before redirecting, and the next page shows it once.
"""

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DATA_FILE = Path(__file__).parent / "data" / "crisis_lines.json"
SESSION_OFFER = "safety.crisis_offer"
INTERNATIONAL_KEY = "intl-findahelpline"

# The countries the bundled list covers, named in the reader's language for the switcher.
COUNTRY_NAMES = {
    "AU": _("Australia"),
    "CA": _("Canada"),
    "ES": _("Spain"),
    "GB": _("United Kingdom"),
    "IE": _("Ireland"),
    "MX": _("Mexico"),
    "US": _("United States"),
}


@dataclass(frozen=True)
class Line:
    key: str
    name: str
    description: str = ""
    phone: str = ""
    text: str = ""
    url: str = ""
    hours: str = ""
    source: str = ""
    checked: str = ""
    country: str = ""
    organization: str = ""  # the organization that added it; blank for the bundled list
    tel: str = field(default="", compare=False)  # the phone number for a tel: link

    def as_dict(self) -> dict:
        return {"key": self.key, "name": self.name, "description": self.description, "phone": self.phone,
                "text": self.text, "url": self.url, "hours": self.hours, "source": self.source,
                "checked": self.checked, "country": self.country, "organization": self.organization}


def _tel(number: str) -> str:
    return re.sub(r"[^0-9+]", "", number or "")


@lru_cache(maxsize=1)
def bundled() -> dict:
    with DATA_FILE.open(encoding="utf-8") as f:
        return json.load(f)


def _lang(lang: str | None) -> str:
    lang = (lang or get_language() or "en")[:2]
    return lang if lang in ("en", "es") else "en"


def _bundled_line(entry: dict, lang: str) -> Line:
    def say(name):
        value = entry.get(name) or {}
        return value.get(lang) or value.get("en", "")

    return Line(key=entry["key"], name=say("name"), description=say("description"), phone=entry.get("phone", ""),
                text=entry.get("text", ""), url=entry.get("url", ""), hours=say("hours"),
                source=entry.get("source", ""), checked=entry.get("checked", ""), country=entry.get("country", ""),
                tel=_tel(entry.get("phone", "")))


def _org_line(line) -> Line:
    return Line(key=line.key or f"org-{line.pk}", name=line.name, description=line.description, phone=line.phone,
                text=line.text, url=line.url, hours=line.hours, source=line.source,
                checked=line.checked.isoformat() if line.checked else "", country=line.country,
                organization=line.organization.name, tel=_tel(line.phone))


def _organizations(organization) -> list:
    if organization is None:
        return []
    if hasattr(organization, "pk") and not isinstance(organization, (list, tuple)):
        return [organization]
    return list(organization)


def crisis_lines_for(country: str | None, organization=None, *, lang: str | None = None) -> list[Line]:
    """Lines to show someone in `country`: their organization's own lines first (those for
    the country, or for everywhere), then the bundled lines for the country the organization
    did not replace, then the international directory. Never empty."""
    from peercircle.safety.models import CrisisLine

    lang = _lang(lang)
    country = (country or "").upper()
    organizations = _organizations(organization)
    own: list[Line] = []
    if organizations:
        rows = (CrisisLine.objects.filter(organization__in=organizations, country__in=[country, ""])
                .filter(language__in=[lang, ""]).select_related("organization")
                .order_by("position", "name"))
        # A country's own line before an "everywhere" one.
        own = [_org_line(row) for row in sorted(rows, key=lambda r: (r.country != country, r.position))]
    replaced = {line.key for line in own}
    data = bundled()
    lines = own + [_bundled_line(entry, lang) for entry in data["lines"]
                   if country and entry["country"] == country and entry["key"] not in replaced]
    if INTERNATIONAL_KEY not in replaced:
        lines.append(_bundled_line(data["international"], lang))
    return lines


def known_countries() -> list[tuple[str, str]]:
    """(code, name) for the switcher, in the reader's language, sorted by name."""
    return sorted(((code, str(name)) for code, name in COUNTRY_NAMES.items()), key=lambda pair: pair[1])


def country_name(code: str) -> str:
    return str(COUNTRY_NAMES.get((code or "").upper(), code or ""))


_REGION = re.compile(r"^[a-zA-Z]{2,3}[-_]([a-zA-Z]{2})$")


def country_from_accept_language(header: str) -> str:
    """The region of the first language tag that has one ("es-MX,es;q=0.9" → "MX")."""
    tags = []
    for position, part in enumerate((header or "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        tags.append((-quality, position, tag.strip()))
    for _quality, _position, tag in sorted(tags):
        match = _REGION.match(tag)
        if match:
            return match.group(1).upper()
    return ""


def valid_country(code: str | None) -> str:
    code = (code or "").strip().upper()
    return code if re.fullmatch(r"[A-Z]{2}", code) else ""


def country_for(user, request=None, *, chosen: str | None = None) -> str:
    """The country whose lines to show: one chosen on the page, the person's profile, or
    (signed out, or no country on the profile) the region their browser asks for."""
    if valid_country(chosen):
        return valid_country(chosen)
    if user is not None and getattr(user, "is_authenticated", False):
        profile = getattr(user, "profile", None)
        if profile is not None and valid_country(profile.country):
            return profile.country.upper()
    if request is not None:
        return country_from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    return ""


def organizations_of(user) -> list:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    from peercircle.organizations.models import Organization

    return list(Organization.objects.filter(memberships__in=_active_memberships(user)).distinct())


def _active_memberships(user):
    from peercircle.organizations.models import Membership

    return Membership.objects.active().filter(user=user)


def active_match_as_member(user):
    """The person's active 1:1 match, where they are the one supported (or None)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    from peercircle.matching.models import Match, MatchStatus

    return (Match.objects.filter(member=user, status=MatchStatus.ACTIVE)
            .select_related("supporter__profile").order_by("-started_at").first())


def crisis_support_context(user, request, *, chosen_country: str | None = None) -> dict:
    """Everything `safety/_crisis_support.html` and the help page need."""
    from peercircle.accounts.access import name_for

    country = country_for(user, request, chosen=chosen_country)
    lang = getattr(request, "LANGUAGE_CODE", None) if request is not None else None
    match = active_match_as_member(user)
    return {
        "crisis_country": country,
        "crisis_country_name": country_name(country),
        "crisis_lines": crisis_lines_for(country, organizations_of(user), lang=lang),
        "crisis_match": match,
        "crisis_supporter_name": name_for(user, match.supporter) if match else "",
        "crisis_signed_in": bool(user is not None and getattr(user, "is_authenticated", False)),
    }


def crisis_support_offer(request) -> None:
    """Show the crisis support box on the next page (for views that redirect after saving)."""
    request.session[SESSION_OFFER] = True


def crisis_support_pending(request) -> bool:
    """True once after `crisis_support_offer`."""
    session = getattr(request, "session", None)
    if session is None or SESSION_OFFER not in session:
        return False
    return bool(session.pop(SESSION_OFFER, False))


# --- The crisis plan: who may read it -----------------------------------------------------------

def crisis_plan_of(user):
    from peercircle.safety.models import CrisisPlan

    return CrisisPlan.objects.filter(user=user).first()


def crisis_plan_shared_with(viewer, match) -> bool:
    """Whether `viewer` is the peer supporter of this active match and the member shares a plan."""
    from peercircle.matching.models import MatchStatus
    from peercircle.safety.models import CrisisPlan

    if match.supporter_id != getattr(viewer, "pk", None) or match.status != MatchStatus.ACTIVE:
        return False
    return CrisisPlan.objects.filter(user_id=match.member_id, shared_with_supporter=True).exists()


def shared_crisis_plan_for_match(viewer, match_pk: int):
    """The crisis plan the member of match `match_pk` shared with `viewer`, their peer
    supporter in that active match. Anything else — not the supporter, the match not active,
    no plan, not shared — is 404, so a plan's existence does not leak."""
    from peercircle.matching.models import Match, MatchStatus
    from peercircle.safety.models import CrisisPlan

    if not getattr(viewer, "is_authenticated", False):
        raise Http404
    match = (Match.objects.filter(pk=match_pk, supporter=viewer, status=MatchStatus.ACTIVE)
             .select_related("member__profile").first())
    if match is None:
        raise Http404
    plan = CrisisPlan.objects.filter(user=match.member, shared_with_supporter=True).first()
    if plan is None or plan.is_empty:
        raise Http404
    return match, plan
