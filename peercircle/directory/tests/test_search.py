"""The directory search through its front doors: the /find/ page, its HTMX partial and the API."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from peercircle.core.tests.helpers import signed_in, text
from peercircle.directory.search import Filters, search
from peercircle.experiences import lexicon
from peercircle.groups.models import MeetingSeries
from peercircle.groups.tests.factories import MeetingSeriesFactory, SupportGroupFactory
from peercircle.organizations.tests.factories import OrganizationFactory, ProgramFactory

pytestmark = pytest.mark.django_db

SALFORD = {"city": "Salford", "latitude": 53.49, "longitude": -2.29}  # about 4 km from Manchester
BOLTON = {"city": "Bolton", "latitude": 53.58, "longitude": -2.43}  # about 17 km
LIVERPOOL = {"city": "Liverpool", "latitude": 53.41, "longitude": -2.98}  # about 50 km
MADRID = {"city": "Madrid", "country": "ES", "latitude": 40.42, "longitude": -3.70, "timezone": "Europe/Madrid"}
ONLINE = {"format": "online", "city": "", "country": "GB", "latitude": None, "longitude": None}


@pytest.fixture(autouse=True, scope="module")
def fresh_lexicon():
    lexicon.reset_cache()
    yield
    lexicon.reset_cache()


def group(name, *, codes=("grief",), rule="FREQ=WEEKLY;BYDAY=TU", at=time(19, 0), **fields):
    made = SupportGroupFactory(name=name, experience_codes=list(codes), languages=fields.pop("languages", ["en"]),
                               **fields)
    if rule is not None:
        MeetingSeriesFactory(group=made, rrule=rule, start_time=at, start_date=date(2025, 1, 6))
    return made


def names(response) -> list[str]:
    return [hit["name"] for hit in response.json()["results"]]


def api(client=None, **params):
    response = (client or Client()).get("/api/v1/search", params)
    assert response.status_code == 200, response.content
    return response


# -- the issue's examples -------------------------------------------------------------------

def test_grief_group_near_manchester_finds_nearby_groups_nearest_first_on_the_page():
    group("Salford bereavement circle", **SALFORD)
    group("Manchester grief café")
    group("Liverpool grief group", **LIVERPOOL)
    group("Manchester anxiety group", codes=("mental_health.anxiety",))
    response = Client().get("/find/", {"q": "grief group near Manchester"})
    page = text(response)
    assert response.status_code == 200
    assert "Looking for: Grief" in page and "Manchester" in page
    assert page.index("Manchester grief café") < page.index("Salford bereavement circle")
    assert "Liverpool grief group" not in page  # 50 km: beyond the usual distance
    assert "Manchester anxiety group" not in page
    assert "2 groups found" in page
    assert "km away" in page and "Next meeting:" in page


def test_grupo_de_duelo_en_madrid():
    group("Grupo de duelo Retiro", languages=["es"], **MADRID)
    group("Manchester grief café")
    response = api(q="grupo de duelo en Madrid")
    body = response.json()
    assert names(response) == ["Grupo de duelo Retiro"]
    assert body["understood"]["experiences"] == ["grief"]
    assert body["understood"]["place"]["name"] == "Madrid"
    hit = body["results"][0]
    assert hit["distance_km"] < 2 and hit["experiences"] == ["grief"]
    # Tuesday 19:00 in Madrid, whatever the season.
    meeting = hit["next_meeting"]
    assert meeting["timezone"] == "Europe/Madrid" and meeting["start_local"][11:16] == "19:00"
    start_utc = datetime.fromisoformat(meeting["start_utc"])
    assert start_utc.utcoffset().total_seconds() == 0
    assert start_utc.astimezone(ZoneInfo("Europe/Madrid")).weekday() == 1


# -- filters ----------------------------------------------------------------------------------

def test_evening_and_weekday_filters_use_the_groups_local_schedule():
    group("Tuesday evening grief", rule="FREQ=WEEKLY;BYDAY=TU", at=time(19, 0))
    group("Thursday morning grief", rule="FREQ=WEEKLY;BYDAY=TH", at=time(10, 0))
    group("Monthly first Wednesday grief", rule="FREQ=MONTHLY;BYDAY=1WE", at=time(18, 30))
    group("Unscheduled grief", rule=None)
    assert set(names(api(q="grief near Manchester", time_of_day="evening"))) == {
        "Tuesday evening grief", "Monthly first Wednesday grief"}
    assert names(api(q="grief near Manchester", weekday="3")) == ["Monthly first Wednesday grief"]
    assert names(api(q="grief thursday mornings near Manchester")) == ["Thursday morning grief"]
    assert names(api(q="grief near Manchester", weekday=["2", "4"], time_of_day="morning")) == [
        "Thursday morning grief"]
    # The page's checkboxes do the same, without JavaScript.
    page = text(Client().get("/find/", {"q": "grief near Manchester", "time_of_day": "evening", "weekday": "2"}))
    assert "Tuesday evening grief" in page and "Thursday morning grief" not in page


def test_a_weekly_rule_without_byday_meets_on_its_first_dates_weekday():
    made = group("Started on a Friday", rule=None)
    series = MeetingSeriesFactory(group=made, rrule="FREQ=WEEKLY", start_date=date(2025, 1, 10))
    assert series.weekdays == 1 << 4
    assert names(api(q="grief", weekday="fri")) == ["Started on a Friday"]
    series.rrule = "FREQ=WEEKLY;BYDAY=MO,SA"
    series.save(update_fields=["rrule"])
    assert MeetingSeries.objects.get(pk=series.pk).weekdays == 1 | 1 << 5


def test_format_language_and_open_filters():
    group("In person grief")
    group("Hybrid grief", format="hybrid")
    group("Spanish online grief", languages=["es"], **ONLINE)
    group("Closed grief", join_policy="closed")
    assert set(names(api(q="grief", format="online"))) == {"Hybrid grief", "Spanish online grief"}
    assert set(names(api(q="grief", format="in_person"))) == {"In person grief", "Hybrid grief", "Closed grief"}
    assert names(api(q="grief", language="es")) == ["Spanish online grief"]
    assert names(api(q="grief group in spanish")) == ["Spanish online grief"]
    assert "Closed grief" not in names(api(q="grief", open="true"))
    assert "Closed grief" in names(api(q="grief"))


def test_distance_filter_widens_and_narrows_the_search():
    group("Manchester grief café")
    group("Bolton grief group", **BOLTON)
    group("Liverpool grief group", **LIVERPOOL)
    assert names(api(q="grief", near="Manchester", distance_km=5)) == ["Manchester grief café"]
    assert names(api(q="grief", near="Manchester", distance_km=100)) == [
        "Manchester grief café", "Bolton grief group", "Liverpool grief group"]
    response = api(q="grief", lat=53.40, lng=-2.99, distance_km=10)  # the browser's location, in Liverpool
    assert names(response) == ["Liverpool grief group"]
    assert response.json()["results"][0]["distance_km"] < 2


def test_experience_filter_finds_a_roots_entries_and_communities_rank_higher():
    group("Widows together", codes=("grief.partner",))
    group("Parents grief group", codes=("grief",))
    group("Anxiety group", codes=("mental_health.anxiety",))
    assert set(names(api(experience="grief"))) == {"Widows together", "Parents grief group"}
    # Someone asking about widows: the widows' group first, then general grief groups.
    assert names(api(q="widows group")) == ["Widows together", "Parents grief group"]
    assert Client().get("/api/v1/search", {"experience": "no.such.code"}).status_code == 422


# -- what is never shown ----------------------------------------------------------------------

def test_pending_and_ended_groups_never_appear():
    group("Listed grief")
    group("Pending grief", status="pending_approval")
    group("Ended grief", status="ended")
    group("Paused grief", status="temporarily_closed")
    assert set(names(api(q="grief near Manchester"))) == {"Listed grief", "Paused grief"}
    page = text(Client().get("/find/", {"q": "grief"}))
    assert "Pending grief" not in page and "Ended grief" not in page


def test_private_online_links_never_appear(member):
    made = group("Online grief", online_url="https://meet.example.org/secret-room", **ONLINE)
    MeetingSeries.objects.filter(group=made).update(online_url="https://meet.example.org/series-secret")
    for client in (Client(), signed_in(member)):
        for response in (client.get("/find/", {"q": "grief online"}), client.get("/api/v1/search", {"q": "grief"})):
            assert "Online grief" in response.content.decode()
            assert "secret" not in response.content.decode()


# -- ranking, empty state, programs -----------------------------------------------------------

def test_ranking_puts_the_most_relevant_then_the_nearest_first():
    group("Bolton grief group", **BOLTON)
    group("Manchester loss group", codes=("grief.partner",))
    group("Salford grief group", **SALFORD)
    group("Online grief group", **ONLINE)
    group("Salford general support", codes=("life",), description="Any loss welcome.", **SALFORD)
    results = names(api(q="grief near Manchester"))
    assert results[:3] == ["Manchester loss group", "Salford grief group", "Bolton grief group"]
    assert "Online grief group" in results
    assert "Salford general support" not in results
    online = api(q="grief near Manchester").json()["results"][results.index("Online grief group")]
    assert online["online"] is True and online["distance_km"] is None
    # Words that are not experiences are matched against names and descriptions.
    group("Grief café Manchester")
    assert names(api(q="grief café near Manchester"))[0] == "Grief café Manchester"


def test_empty_results_suggest_online_groups_and_starting_one():
    group("Online grief circle", **ONLINE)
    group("Manchester grief café")
    # Online groups are results wherever one looks; asking for in-person ones leaves none here.
    response = Client().get("/find/", {"q": "grief group near Madrid", "format": "in_person"})
    page = text(response)
    assert "0 groups found" in page
    assert "No group matches all of that yet" in page
    assert "Online grief circle" in page and "Manchester grief café" not in page
    assert "/groups/new/" in page
    body = api(q="grief group in person near Madrid").json()
    assert body["count"] == 0 and [s["name"] for s in body["suggestions"]] == ["Online grief circle"]


def test_organizations_public_programs_are_found_in_their_own_section():
    spain = OrganizationFactory(name="Red de Duelo", country="ES")
    program = ProgramFactory(organization=spain, name="Acompañamiento en el duelo")
    from peercircle.experiences.models import TaxonomyNode

    program.experiences.set(TaxonomyNode.objects.filter(code="grief"))
    hidden = ProgramFactory(organization=spain, name="Internal pilot", is_public=False)
    hidden.experiences.set(TaxonomyNode.objects.filter(code="grief"))
    body = api(q="grupo de duelo en Madrid").json()
    assert [p["name"] for p in body["programs"]] == ["Acompañamiento en el duelo"]
    assert api(q="grief near Manchester").json()["programs"] == []
    assert "Acompañamiento en el duelo" in text(Client().get("/find/", {"q": "duelo en Madrid"}))


# -- the page itself ----------------------------------------------------------------------------

def test_page_form_htmx_partial_and_accessibility():
    group("Manchester grief café")
    page = Client().get("/find/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'hx-get="/find/"' in html and 'hx-target="#search-results"' in html and 'hx-push-url="true"' in html
    assert "keyup changed delay:400ms from:input[name=q]" in html
    assert 'role="status"' in html and 'aria-live="polite"' in html
    assert "<legend>" in html and 'for="search-q"' in html
    assert "peercircle/directory.js" in html and "<script>" not in html
    assert 'name="lat"' in html and 'name="lng"' in html
    partial = Client().get("/find/", {"q": "grief near Manchester"}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body and "Manchester grief café" in body
    assert 'hx-swap-oob="true"' in body and "1 group found" in body
    # The nav leads here first.
    assert html.index('href="/find/"') < html.index('href="/groups/"')


def test_viewer_sees_the_next_meeting_in_their_time_zone():
    group("Manchester grief café")  # Tuesdays 19:00 in London
    page = text(Client().get("/find/", {"q": "grief near Manchester", "tz": "America/New_York"}))
    assert "America/New_York" in page
    assert ", 14:00" in page or ", 15:00" in page  # 19:00 London is 14:00 (or 15:00 in March) in New York
    page = text(Client().get("/find/", {"q": "grief near Manchester"}))
    assert "19:00" in page and "Europe/London" in page


def test_pagination_20_a_page():
    for n in range(23):
        group(f"Grief group {n:02d}", rule=None)
    first = api(q="grief near Manchester").json()
    assert first["count"] == 23 and first["num_pages"] == 2 and len(first["results"]) == 20
    second = api(q="grief near Manchester", page=2).json()
    assert len(second["results"]) == 3
    assert not {r["slug"] for r in first["results"]} & {r["slug"] for r in second["results"]}
    page = text(Client().get("/find/", {"q": "grief near Manchester"}))
    assert "Page 1 of 2" in page


def test_constant_number_of_queries_whatever_the_number_of_results():
    def queries(count):
        for n in range(count):
            made = group(f"Grief {count}-{n}", codes=("grief", "grief.partner"))
            MeetingSeriesFactory(group=made, rrule="FREQ=MONTHLY;BYDAY=1SA", start_time=time(11, 0))
        with CaptureQueriesContext(connection) as captured:
            result = search(text="grief near Manchester", lang="en", filters=Filters(format="in_person"))
            assert result.count == count and all(hit.next_meeting for hit in result.hits[:20])
        with CaptureQueriesContext(connection) as page:
            assert Client().get("/find/", {"q": "grief near Manchester"}).status_code == 200
        MeetingSeries.objects.all().delete()
        from peercircle.groups.models import SupportGroup

        SupportGroup.objects.all().delete()
        return len(captured), len(page)

    # A short last page needs no count; full pages count at most once (in the page's query on
    # SQLite, in one of its own on PostgreSQL), however many pages there are.
    search(text="grief near Manchester", lang="en")  # the taxonomy lexicon loads once per process
    few, one_page, two_pages = queries(2), queries(20), queries(41)
    assert one_page == two_pages
    assert 0 <= one_page[0] - few[0] <= 1 and 0 <= one_page[1] - few[1] <= 1


def test_counting_stops_at_the_cap_and_says_more_than(monkeypatch):
    from peercircle.directory import search as directory_search

    monkeypatch.setattr(directory_search, "COUNT_CAP", 40)
    for n in range(45):
        group(f"Grief group {n:02d}", rule=None)
    found = api(q="grief near Manchester").json()
    assert found["count"] == 40 and found["count_capped"] is True and found["num_pages"] == 2
    assert len(api(q="grief near Manchester", page=2).json()["results"]) == 20
    page = text(Client().get("/find/", {"q": "grief near Manchester"}))
    assert "More than 40 groups found" in page and "Add a town, a day, a time or a language" in page
    exact = api(q="grief near Manchester", language="es").json()
    assert exact["count"] == 0 and exact["count_capped"] is False


def test_peer_support_programs_near_a_place_and_organizations_by_name():
    from peercircle.experiences.models import TaxonomyNode

    near = OrganizationFactory(name="Salford Peer Network", country="GB", **{
        k: v for k, v in SALFORD.items()})
    far = OrganizationFactory(name="Bristol Peer Network", country="GB", city="Bristol",
                              latitude=51.45, longitude=-2.59)
    one_to_one = ProgramFactory(organization=near, name="Walk alongside: 1:1 peer support", kind="one_to_one")
    ProgramFactory(organization=far, name="Bristol 1:1", kind="one_to_one")
    one_to_one.experiences.set(TaxonomyNode.objects.filter(code="grief"))
    # Only a place: the programs of organizations near it.
    body = api(q="near Manchester").json()
    assert [p["name"] for p in body["programs"]] == ["Walk alongside: 1:1 peer support"]
    assert body["programs"][0]["kind"] == "one_to_one"
    # Words naming an organization find it, even without a program for the need.
    body = api(q="bristol peer network").json()
    assert "Bristol Peer Network" in [o["name"] for o in body["organizations"]] + [
        p["organization"] for p in body["programs"]]
    page = text(Client().get("/find/", {"q": "grief near Manchester"}))
    assert "Walk alongside: 1:1 peer support" in page and "1:1 peer support" in page


def test_words_match_names_and_descriptions_without_minding_accents_or_case():
    group("Tuesday Chat", codes=("mental_health.anxiety",), description="We meet at the Café Central.")
    group("CAFÉ de los martes", codes=("mental_health.anxiety",))
    group("Walk and talk", codes=("mental_health.anxiety",))
    assert names(api(q="cafe")) == ["CAFÉ de los martes", "Tuesday Chat"]  # the name counts more
    assert names(api(q="Café")) == ["CAFÉ de los martes", "Tuesday Chat"]


def test_words_are_found_from_their_start_and_follow_a_renamed_group(facilitator):
    from peercircle.groups.services import group_update

    walkers = group("Sunday walkers", codes=("mental_health.anxiety",), description="Gentle walking in the park.")
    assert names(api(q="walk")) == ["Sunday walkers"]  # "walk" finds "walkers" and "walking"
    assert names(api(q="alkers")) == []  # words are found from their start
    walkers.memberships.create(user=facilitator, role="facilitator", status="active")
    group_update(actor=facilitator, group=walkers, name="Sunday strollers", description="Gentle strolls.")
    assert names(api(q="walk")) == []
    assert names(api(q="strollers")) == ["Sunday strollers"]


def test_day_and_time_filters_follow_schedules_as_they_change(facilitator):
    from peercircle.groups.services import meeting_series_end, meeting_series_update

    made = group("Changing circle", rule="FREQ=WEEKLY;BYDAY=TU", at=time(19, 0))
    made.memberships.create(user=facilitator, role="facilitator", status="active")
    series = made.series.get()
    assert names(api(q="grief", weekday=2, time_of_day="evening")) == ["Changing circle"]
    meeting_series_update(actor=facilitator, series=series, start_time=time(10, 0))
    assert names(api(q="grief", weekday=2, time_of_day="evening")) == []
    assert names(api(q="grief", time_of_day="morning")) == ["Changing circle"]
    meeting_series_end(actor=facilitator, series=series)
    assert names(api(q="grief", time_of_day="morning")) == []


def test_a_groups_need_codes_follow_its_experiences_and_the_taxonomy():
    from peercircle.experiences.models import TaxonomyNode

    made = group("Codes circle", codes=("grief.partner",))
    made.refresh_from_db()
    assert made.need_codes == "|grief.partner|"
    made.experiences.add(TaxonomyNode.objects.get(code="mental_health.anxiety"))
    made.refresh_from_db()
    assert made.need_codes == "|grief.partner|mental_health.anxiety|"
    node = TaxonomyNode.objects.get(code="mental_health.anxiety")
    node.support_groups.clear()  # from the node's side
    made.refresh_from_db()
    assert made.need_codes == "|grief.partner|"
