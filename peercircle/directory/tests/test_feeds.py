"""The open feeds, read the way other tools read them: the Meeting Guide JSON feed and the
Open Referral HSDS 3 export, fetched anonymously through the front door."""

import json
import uuid
from datetime import date, time

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from peercircle.experiences.models import TaxonomyNode
from peercircle.groups.tests.factories import MeetingSeriesFactory, SupportGroupFactory
from peercircle.organizations.tests.factories import OrganizationFactory, ProgramFactory

pytestmark = pytest.mark.django_db

REQUIRED = {"name", "slug", "day", "time", "end_time", "timezone", "types", "notes", "url", "updated",
            "group", "region", "attendance_option"}


def meeting_guide(path="/feeds/meeting-guide.json"):
    response = Client().get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    entries = json.loads(response.content)
    assert isinstance(entries, list)
    return entries, response


def by_group(entries, slug):
    return [entry for entry in entries if entry["slug"].startswith(f"{slug}-")]


@pytest.fixture
def circle():
    return SupportGroupFactory(name="Manchester grief circle", slug="circle", venue_name="Friends Meeting House",
                               address="6 Mount Street", languages=["en"])


def test_a_tuesday_series_is_one_entry_on_day_2_in_local_time(circle):
    series = MeetingSeriesFactory(group=circle, start_time=time(19, 0), duration_minutes=90)

    entries, response = meeting_guide()

    (entry,) = entries
    assert REQUIRED <= set(entry)
    assert entry["slug"] == f"circle-{series.pk}-2"
    assert entry["day"] == 2 and entry["time"] == "19:00" and entry["end_time"] == "20:30"
    assert entry["timezone"] == "Europe/London"
    assert entry["name"] == entry["group"] == "Manchester grief circle"
    assert entry["location"] == "Friends Meeting House"
    assert entry["formatted_address"] == "6 Mount Street, Manchester, GB"
    assert (entry["latitude"], entry["longitude"]) == (53.48, -2.24)
    assert entry["region"] == "Manchester"
    assert entry["url"].endswith("/groups/circle/")
    assert entry["attendance_option"] == "in_person"
    assert set(entry["types"]) == {"O", "EN"}
    assert "conference_url" not in entry
    assert len(entry["updated"]) == 19 and entry["updated"][4] == "-" and entry["updated"][13] == ":"
    assert response[SKIPPED] == "0"
    assert "public" in response["Cache-Control"]


SKIPPED = "X-PeerCircle-Skipped-Schedules"


def test_several_days_and_a_rule_without_byday_give_one_entry_per_day(circle):
    both = MeetingSeriesFactory(group=circle, title="Evenings", rrule="FREQ=WEEKLY;BYDAY=MO,TH")
    # No BYDAY: the first date's weekday (Sunday 5 January 2025 → day 0).
    sunday = MeetingSeriesFactory(group=circle, title="Sundays", rrule="FREQ=WEEKLY",
                                  start_date=date(2025, 1, 5), start_time=time(10, 30))

    entries, _ = meeting_guide()

    assert [e["slug"] for e in entries] == sorted([f"circle-{both.pk}-1", f"circle-{both.pk}-4",
                                                   f"circle-{sunday.pk}-0"])
    assert {e["day"] for e in entries} == {0, 1, 4}
    assert next(e for e in entries if e["day"] == 0)["time"] == "10:30"
    assert len({e["slug"] for e in entries}) == 3
    assert {e["name"] for e in entries} == {"Manchester grief circle: Evenings", "Manchester grief circle: Sundays"}


def test_types_for_online_closed_temporarily_closed_and_community():
    lgbtq = TaxonomyNode.objects.get(code="community.lgbtq")
    online = SupportGroupFactory(slug="online", format="online", join_policy="by_request",
                                 status="temporarily_closed", languages=["es"],
                                 accessibility=["sign_language"])
    online.communities.add(lgbtq)
    hybrid = SupportGroupFactory(slug="hybrid", format="hybrid", accessibility=["step_free"])
    MeetingSeriesFactory(group=online)
    MeetingSeriesFactory(group=hybrid)

    entries, _ = meeting_guide()

    (online_entry,) = by_group(entries, "online")
    assert set(online_entry["types"]) == {"ONL", "TC", "C", "LGBTQ", "ASL", "S"}
    assert online_entry["attendance_option"] == "online"
    assert "location" not in online_entry and "latitude" not in online_entry
    (hybrid_entry,) = by_group(entries, "hybrid")
    assert set(hybrid_entry["types"]) == {"ONL", "O", "X"}
    assert hybrid_entry["attendance_option"] == "hybrid"
    assert "formatted_address" in hybrid_entry


def test_a_members_only_link_never_appears_and_an_anyone_link_does():
    private = SupportGroupFactory(slug="private", format="online", online_url="https://meet.example/secret",
                                  online_url_visibility="members")
    public = SupportGroupFactory(slug="public", format="online", online_url="https://meet.example/open",
                                 online_url_visibility="anyone")
    MeetingSeriesFactory(group=private, online_url="https://meet.example/secret-series")
    own_link = MeetingSeriesFactory(group=public, title="Workshop", rrule="FREQ=WEEKLY;BYDAY=WE",
                                    online_url="https://meet.example/workshop")
    MeetingSeriesFactory(group=public)

    entries, response = meeting_guide()

    assert b"secret" not in response.content
    (private_entry,) = by_group(entries, "private")
    assert "conference_url" not in private_entry
    links = {e["slug"]: e["conference_url"] for e in by_group(entries, "public")}
    assert links[f"public-{own_link.pk}-3"] == "https://meet.example/workshop"
    assert "https://meet.example/open" in links.values()


def test_schedules_meeting_guide_cannot_hold_are_counted_and_noted(circle):
    MeetingSeriesFactory(group=circle)
    MeetingSeriesFactory(group=circle, title="Fortnightly", rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH")
    MeetingSeriesFactory(group=circle, title="Monthly", rrule="FREQ=MONTHLY;BYDAY=1TU")
    # A group with no weekly schedule is left out, but its schedules still count.
    monthly_only = SupportGroupFactory(slug="monthly-only")
    MeetingSeriesFactory(group=monthly_only, rrule="FREQ=MONTHLY;BYDAY=-1FR")
    MeetingSeriesFactory(group=monthly_only, rrule="", start_date=date(2099, 3, 1))
    # Finished schedules are neither listed nor counted.
    MeetingSeriesFactory(group=circle, title="Over", rrule="FREQ=WEEKLY;BYDAY=FR;UNTIL=20250301T235959")
    MeetingSeriesFactory(group=circle, title="Past one-off", rrule="", start_date=date(2024, 1, 1))
    MeetingSeriesFactory(group=circle, title="Paused", is_active=False)

    entries, response = meeting_guide()

    (entry,) = entries
    assert entry["day"] == 2
    assert "Also meets:" in entry["notes"]
    assert "every other Thursday at 19:00" in entry["notes"]
    assert "first Tuesday of the month at 19:00" in entry["notes"]
    assert not by_group(entries, "monthly-only")
    assert response[SKIPPED] == "4"


def test_pending_and_ended_groups_are_left_out(circle):
    MeetingSeriesFactory(group=circle)
    for status in ("pending_approval", "ended"):
        MeetingSeriesFactory(group=SupportGroupFactory(slug=status.replace("_", "-"), status=status))

    entries, _ = meeting_guide()

    assert {e["group"] for e in entries} == {"Manchester grief circle"}


def test_the_organization_feed_has_only_its_own_groups_and_404s_otherwise(organization, other_organization):
    ours = SupportGroupFactory(slug="ours", organization=organization)
    theirs = SupportGroupFactory(slug="theirs", organization=other_organization)
    MeetingSeriesFactory(group=ours)
    MeetingSeriesFactory(group=theirs)

    entries, _ = meeting_guide(f"/organizations/{organization.slug}/meeting-guide.json")
    site, _ = meeting_guide()

    assert [e["slug"].split("-")[0] for e in entries] == ["ours"]
    assert {e["slug"].split("-")[0] for e in site} == {"ours", "theirs"}
    assert Client().get("/organizations/nobody/meeting-guide.json").status_code == 404
    closed = OrganizationFactory(slug="closed", is_active=False)
    assert Client().get(f"/organizations/{closed.slug}/meeting-guide.json").status_code == 404


def test_the_feed_takes_the_same_number_of_queries_for_more_groups():
    def count():
        with CaptureQueriesContext(connection) as queries:
            meeting_guide()
            Client().get("/feeds/hsds.json")
        return len(queries)

    MeetingSeriesFactory(group=SupportGroupFactory())
    few = count()
    for _ in range(4):
        group = SupportGroupFactory(format="hybrid")
        MeetingSeriesFactory(group=group)
        MeetingSeriesFactory(group=group, rrule="FREQ=MONTHLY;BYDAY=2WE")
    assert count() == few


# --- HSDS ---------------------------------------------------------------------------------------

def hsds():
    response = Client().get("/feeds/hsds.json")
    assert response.status_code == 200
    return json.loads(response.content), response


def test_hsds_export_links_organizations_services_and_locations(organization, member):
    organization.email = "hello@harbour.example"
    organization.save()
    program = ProgramFactory(organization=organization, name="One-to-one support")
    ProgramFactory(organization=organization, name="Hidden", is_public=False)
    group = SupportGroupFactory(slug="circle", organization=organization, venue_name="Quaker House",
                                address="6 Mount Street", languages=["en", "es"], format="hybrid",
                                online_url="https://meet.example/secret", facilitator=member)
    MeetingSeriesFactory(group=group)
    online = SupportGroupFactory(slug="online-only", format="online", status="temporarily_closed")
    SupportGroupFactory(slug="waiting", organization=organization, status="pending_approval")

    data, response = hsds()

    assert set(data) == {"organizations", "services", "locations", "service_at_locations"}
    for item in data["organizations"] + data["services"] + data["locations"] + data["service_at_locations"]:
        uuid.UUID(item["id"])
    org_ids = {org["id"] for org in data["organizations"]}
    services = {service["name"]: service for service in data["services"]}
    assert set(services) == {program.name, group.name, online.name}
    assert all(service["organization_id"] in org_ids for service in data["services"])
    (harbour,) = [org for org in data["organizations"] if org["name"] == "Harbour Peer Network"]
    assert harbour["email"] == "hello@harbour.example"
    assert services[group.name]["organization_id"] == harbour["id"]
    assert services[group.name]["status"] == "active"
    assert services[online.name]["status"] == "inactive"
    assert {lang["code"] for lang in services[group.name]["languages"]} == {"en", "es"}
    assert services[group.name]["schedules"][0]["byday"] == "TU"

    (location,) = data["locations"]  # the online-only group has no place
    assert (location["latitude"], location["longitude"]) == (53.48, -2.24)
    (address,) = location["addresses"]
    assert (address["address_1"], address["city"], address["country"]) == ("6 Mount Street", "Manchester", "GB")
    (link,) = data["service_at_locations"]
    assert (link["service_id"], link["location_id"]) == (services[group.name]["id"], location["id"])

    # Public data only: no members-only link, no people.
    assert b"secret" not in response.content
    assert member.email.encode() not in response.content


def test_hsds_ids_are_stable_across_exports(organization):
    ProgramFactory(organization=organization)
    SupportGroupFactory(organization=organization)

    first, _ = hsds()
    second, _ = hsds()

    assert first == second
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, settings.SITE_URL.rstrip("/"))
    assert first["organizations"][0]["id"] == str(uuid.uuid5(namespace, f"peercircle:organization:{organization.pk}"))
