"""The directory's API: the same search as the /find/ page, public."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError

from peercircle.directory.forms import SearchForm
from peercircle.directory.search import search

router = Router(tags=["directory"])
UTC = ZoneInfo("UTC")


class SearchParams(Schema):
    q: str = ""
    experience: str = ""
    near: str = ""
    lat: float | None = None
    lng: float | None = None
    distance_km: float | None = None
    format: str = ""
    language: str = ""
    weekday: list[str] = []
    time_of_day: list[str] = []
    open: bool = False
    tz: str = ""
    page: int = 1


class NextMeeting(Schema):
    title: str
    start_utc: datetime
    start_local: datetime  # in the group's time zone
    timezone: str


class SearchHitOut(Schema):
    slug: str
    name: str
    format: str
    city: str
    country: str
    languages: list[str]
    experiences: list[str]
    distance_km: float | None
    online: bool
    next_meeting: NextMeeting | None


class ProgramOut(Schema):
    organization: str
    organization_slug: str
    name: str
    kind: str


class OrganizationOut(Schema):
    slug: str
    name: str
    kind: str
    city: str
    country: str


class SearchOut(Schema):
    understood: dict
    count: int = Field(description="How many groups match; at most 200 (see count_capped).")
    count_capped: bool = Field(description="True when more than `count` groups match.")
    page: int
    num_pages: int
    results: list[SearchHitOut]
    suggestions: list[SearchHitOut]
    programs: list[ProgramOut]
    organizations: list[OrganizationOut]


def _hit(hit) -> dict:
    group, meeting = hit.group, hit.next_meeting
    return {
        "slug": group.slug, "name": group.name, "format": group.format, "city": group.city,
        "country": group.country, "languages": list(group.languages or ()),
        "experiences": [node.code for node in group.experiences.all()],
        "distance_km": None if hit.distance_km is None else round(hit.distance_km, 1),
        "online": hit.is_online,
        "next_meeting": None if meeting is None else {
            "title": meeting.title, "start_utc": meeting.start.astimezone(UTC),
            "start_local": meeting.start.astimezone(ZoneInfo(group.timezone)), "timezone": group.timezone,
        },
    }


@router.get("/search", response=SearchOut, auth=None, url_name="directory_search")
def directory_search(request, params: Query[SearchParams]):
    """Find listed support groups by what someone typed (`q`, English or Spanish) and filters.
    `weekday` is 1 (Monday) … 7 or a day's name, repeated or comma-separated; `time_of_day` is
    morning, afternoon, evening or night. Online groups count as reachable from anywhere."""
    data = params.dict()
    data["open"] = "on" if params.open else ""
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    form = SearchForm(_as_querydict(data))
    if not form.is_valid():
        raise ValidationError([{"loc": ["query", field], "msg": " ".join(errors)}
                               for field, errors in form.errors.items()])
    result = search(text=form.cleaned_data.get("q") or "", lang=(get_language() or "en")[:2],
                    filters=form.filters(), viewer_location=form.viewer_location(),
                    page=form.cleaned_data.get("page") or 1)
    return {
        "understood": result.query.to_dict(),
        "count": result.count, "count_capped": result.count_capped, "page": result.page, "num_pages": result.num_pages,
        "results": [_hit(hit) for hit in result.hits],
        "suggestions": [_hit(hit) for hit in result.suggestions],
        "programs": [{"organization": p.organization.name, "organization_slug": p.organization.slug,
                      "name": p.name, "kind": p.kind} for p in result.programs],
        "organizations": [{"slug": o.slug, "name": o.name, "kind": o.kind, "city": o.city, "country": o.country}
                          for o in result.organizations],
    }


def _as_querydict(data: dict):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, [str(v) for v in value])
        else:
            query[key] = str(value)
    return query
