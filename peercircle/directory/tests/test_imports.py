"""Importing listings: PeerCircle's own feeds round-trip into another organization, a feed
from another site comes in with its bad rows explained, and importing again updates without
duplicating. These call the services; the pages, API and CLI have their own tests."""

import json
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from peercircle.core.models import AuditEntry
from peercircle.directory.imports import services as import_services
from peercircle.directory.imports.common import ListingImportError
from peercircle.directory.imports.services import (
    ListingImportFailed,
    listing_import_apply,
    listing_import_discard,
    listing_import_preview,
)
from peercircle.directory.models import ImportedItem, ImportRun
from peercircle.directory.tests.import_samples import BAD_ROW_MESSAGES, hsds_nested, third_party
from peercircle.experiences.models import TaxonomyNode
from peercircle.groups.models import GroupMembership, MeetingSeries, SupportGroup
from peercircle.groups.services import GroupError, group_update
from peercircle.groups.tests.factories import MeetingSeriesFactory, SupportGroupFactory

pytestmark = pytest.mark.django_db


def preview(actor, organization, payload, **kwargs):
    return listing_import_preview(actor=actor, organization=organization, payload=payload, **kwargs)


def imported(actor, organization, payload):
    return listing_import_apply(actor=actor, run=preview(actor, organization, payload))


def messages(run, action=None):
    return [row["message"] for row in run.rows if action is None or row["action"] == action]


def groups_of(organization):
    return SupportGroup.objects.filter(organization=organization).order_by("name")


def schedules(group):
    return sorted((s.title, s.rrule, s.start_time, s.duration_minutes, s.online_url)
                  for s in group.series.filter(is_active=True))


@pytest.fixture
def harbour_groups(organization):
    """Harbour's listed groups, in the shapes the feeds know: in person with two schedules,
    online in another time zone with a public link, temporarily closed, and an LGBTQ+ group."""
    circle = SupportGroupFactory(name="Manchester grief circle", slug="circle", organization=organization,
                                 venue_name="Friends Meeting House", address="6 Mount Street", languages=["en"],
                                 accessibility=["step_free"], description="We meet to talk about loss.")
    MeetingSeriesFactory(group=circle)  # Tuesdays 19:00, 90 minutes
    MeetingSeriesFactory(group=circle, title="Evenings", rrule="FREQ=WEEKLY;BYDAY=MO,TH", start_time=time(18, 30),
                         duration_minutes=60)
    online = SupportGroupFactory(name="Night owls online", slug="owls", organization=organization, format="online",
                                 city="", country="", latitude=None, longitude=None, timezone="America/New_York",
                                 online_url="https://meet.example/owls", online_url_visibility="anyone",
                                 join_policy="by_request", languages=["es"], description="Late, online, in Spanish.")
    online.communities.add(TaxonomyNode.objects.get(code="community.lgbtq"))
    MeetingSeriesFactory(group=online, rrule="FREQ=WEEKLY;BYDAY=WE", start_time=time(22, 0), duration_minutes=60)
    closed = SupportGroupFactory(name="Leeds carers", slug="carers", organization=organization, city="Leeds",
                                 latitude=53.8, longitude=-1.55, status="temporarily_closed", description="")
    MeetingSeriesFactory(group=closed, rrule="FREQ=WEEKLY;BYDAY=SA", start_time=time(10, 0))
    return circle, online, closed


def meeting_guide_of(organization) -> list[dict]:
    response = Client().get(f"/organizations/{organization.slug}/meeting-guide.json")
    assert response.status_code == 200
    return json.loads(response.content)


# --- Round trips of PeerCircle's own feeds ------------------------------------------------------

def test_our_meeting_guide_feed_round_trips_into_another_organization(
        organization, other_organization, harbour_groups, hillside_admin):
    entries = meeting_guide_of(organization)

    run = imported(hillside_admin, other_organization, entries)

    assert run.status == "applied"
    assert run.counts["create"] == len(entries) == 5 and run.counts["skip"] == 0
    closed, circle, online = groups_of(other_organization)  # by name
    assert (circle.name, circle.format, circle.city, circle.country, circle.timezone) == (
        "Manchester grief circle", "in_person", "Manchester", "GB", "Europe/London")
    assert (circle.venue_name, circle.address, circle.description) == (
        "Friends Meeting House", "6 Mount Street", "We meet to talk about loss.")
    assert circle.languages == ["en"] and circle.accessibility == ["step_free"] and circle.join_policy == "open"
    assert schedules(circle) == [
        ("Evenings", "FREQ=WEEKLY;BYDAY=MO", time(18, 30), 60, ""),
        ("Evenings", "FREQ=WEEKLY;BYDAY=TH", time(18, 30), 60, ""),
        ("Weekly meeting", "FREQ=WEEKLY;BYDAY=TU", time(19, 0), 90, ""),
    ]
    assert (online.format, online.timezone, online.online_url, online.online_url_visibility) == (
        "online", "America/New_York", "https://meet.example/owls", "anyone")
    assert online.join_policy == "by_request" and online.languages == ["es"]
    assert [node.code for node in online.communities.all()] == ["community.lgbtq"]
    assert schedules(online) == [("Weekly meeting", "FREQ=WEEKLY;BYDAY=WE", time(22, 0), 60, "")]
    assert (closed.status, closed.city) == ("temporarily_closed", "Leeds")
    # The admin who imported is each group's first facilitator, through group_create.
    assert GroupMembership.objects.filter(user=hillside_admin, role="facilitator").count() == 3
    assert AuditEntry.objects.filter(action="group.create", organization=other_organization).count() == 3
    # Harbour's own groups are untouched, and the new ones appear in Hillside's own feed.
    assert groups_of(organization).count() == 3
    again = meeting_guide_of(other_organization)
    assert sorted((e["name"], e["day"], e["time"]) for e in again) == sorted(
        (e["name"], e["day"], e["time"]) for e in entries)


def test_our_hsds_export_round_trips_with_schedules_meeting_guide_cannot_hold(
        organization, other_organization, harbour_groups, hillside_admin):
    circle, online, closed = harbour_groups
    MeetingSeriesFactory(group=circle, title="Fortnightly walk", rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
                         start_date=date(2025, 1, 4), start_time=time(11, 0), duration_minutes=120)
    MeetingSeriesFactory(group=circle, title="Monthly check-in", rrule="FREQ=MONTHLY;BYDAY=1TU",
                         start_time=time(19, 0))
    export = json.loads(Client().get("/feeds/hsds.json").content)

    run = preview(hillside_admin, other_organization, export)

    assert run.source_kind == "hsds"
    assert run.counts["create"] == 3
    assert run.plan["rows"][0]["notes"] == ["from “Harbour Peer Network” in the export"]
    run = listing_import_apply(actor=hillside_admin, run=run)
    copy = groups_of(other_organization).get(name="Manchester grief circle")
    assert (copy.city, copy.timezone, copy.format, copy.venue_name, copy.languages) == (
        "Manchester", "Europe/London", "in_person", "Friends Meeting House", ["en"])
    rules = {s.title: (s.rrule, s.start_time, s.duration_minutes) for s in copy.series.all()}
    assert rules["Fortnightly walk"] == ("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", time(11, 0), 120)
    assert rules["Monthly check-in"] == ("FREQ=MONTHLY;BYDAY=1TU", time(19, 0), 90)
    # Every other week keeps its weeks: the first date is the one exported.
    assert copy.series.get(title="Fortnightly walk").start_date == date(2025, 1, 4)
    owls = groups_of(other_organization).get(name="Night owls online")
    assert (owls.format, owls.timezone, owls.languages) == ("online", "America/New_York", ["es"])
    assert groups_of(other_organization).get(name="Leeds carers").status == "temporarily_closed"

    again = preview(hillside_admin, other_organization, json.loads(Client().get("/feeds/hsds.json").content))
    # Now the export also holds Hillside's copies: they are new services to Hillside, and the
    # three it imported are up to date.
    assert [row["action"] for row in again.rows if "Harbour" in " ".join(row["notes"])] == ["unchanged"] * 3


def test_programs_without_meeting_times_are_skipped_with_a_reason(organization, other_organization, hillside_admin):
    from peercircle.organizations.tests.factories import ProgramFactory

    ProgramFactory(organization=organization, name="One-to-one support")

    run = preview(hillside_admin, other_organization, json.loads(Client().get("/feeds/hsds.json").content))

    assert messages(run) == ["Row 1 (“One-to-one support”): it has no meeting times PeerCircle can use, so there "
                             "is nothing to list as a group — skipped"]


# --- A feed from another site --------------------------------------------------------------------

def test_a_third_party_feed_groups_meetings_and_explains_each_bad_row(other_organization, hillside_admin):
    run = preview(hillside_admin, other_organization, third_party())

    assert run.counts == {"create": 3, "update": 0, "unchanged": 0, "skip": 4, "vanished": 0, "listings": 3}
    assert messages(run, "skip") == BAD_ROW_MESSAGES
    assert messages(run, "create")[:2] == [
        "Row 1 (“Tuesday Night Hope”): a new group “Serenity Group”, meeting every Tuesday at 19:00 (60 minutes)",
        "Row 2 (“Serenity Weekend”): another meeting for the new group “Serenity Group”: every Saturday and Sunday "
        "at 10:00 (90 minutes)",
    ]
    assert "meeting types PeerCircle doesn't record were left out: D" in run.rows[0]["notes"]
    assert not SupportGroup.objects.exists()  # a preview changes nothing
    # Only the fields the import reads are kept (no volunteers' contact details).
    assert "contact_1_email" not in json.dumps(run.payload)

    run = listing_import_apply(actor=hillside_admin, run=run)

    serenity, morning = groups_of(other_organization).order_by("pk")
    assert (serenity.name, serenity.city, serenity.country, serenity.timezone) == (
        "Serenity Group", "Springfield", "US", "America/Chicago")
    assert round(serenity.latitude, 1) == 39.8  # Illinois, not Springfield, Missouri or Massachusetts
    assert (serenity.venue_name, serenity.address) == ("First Methodist Church", "123 Main St")
    assert serenity.description == "Use the side door on Monroe Street."
    assert serenity.languages == ["en", "es"] and serenity.accessibility == ["step_free"]
    assert [n.code for n in serenity.communities.all()] == ["community.lgbtq"]
    assert serenity.join_policy == "open"  # from its first meeting
    assert schedules(serenity) == [
        ("Serenity Weekend", "FREQ=WEEKLY;BYDAY=SA,SU", time(10, 0), 90, ""),
        ("Tuesday Night Hope", "FREQ=WEEKLY;BYDAY=TU", time(19, 0), 60, ""),
    ]
    assert (morning.format, morning.timezone, morning.online_url) == (
        "online", "America/New_York", "https://zoom.example/j/123456")
    assert "By phone: +15555550100" in morning.description
    assert schedules(morning) == [("Online Daily Reflections", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", time(7, 0), 30, "")]
    assert ImportedItem.objects.filter(organization=other_organization).count() == 5  # 3 slugs + 2 group keys


def test_a_meeting_named_like_its_group_gets_a_plain_title_and_one_named_otherwise_keeps_its_name(
        other_organization, hillside_admin):
    imported(hillside_admin, other_organization, third_party()[:1])

    (series,) = MeetingSeries.objects.filter(group__organization=other_organization)
    assert series.title == "Tuesday Night Hope"


def test_importing_again_with_one_change_updates_one_row_and_duplicates_nothing(other_organization, hillside_admin):
    imported(hillside_admin, other_organization, third_party())
    feed = third_party()
    feed[2]["time"] = "07:15"
    feed[2]["end_time"] = "07:45"

    run = imported(hillside_admin, other_organization, feed)

    assert run.counts == {"create": 0, "update": 1, "unchanged": 2, "skip": 4, "vanished": 0, "listings": 1}
    assert messages(run, "update") == ["Row 3 (“Online Daily Reflections”): the meeting changes: start time "
                                       "07:00 → 07:15"]
    assert groups_of(other_organization).count() == 2
    assert MeetingSeries.objects.filter(group__organization=other_organization).count() == 2 + 1
    morning = groups_of(other_organization).get(name="Morning Group")
    assert schedules(morning)[0][2] == time(7, 15)


def test_applying_twice_and_importing_the_same_feed_again_change_nothing(other_organization, hillside_admin):
    run = imported(hillside_admin, other_organization, third_party())
    entries_before = AuditEntry.objects.count()

    assert listing_import_apply(actor=hillside_admin, run=run).pk == run.pk  # an applied run stays as it is
    again = imported(hillside_admin, other_organization, third_party())

    assert again.counts["unchanged"] == 3 and again.counts["listings"] == 0
    assert groups_of(other_organization).count() == 2
    actions = set(AuditEntry.objects.order_by("pk").values_list("action", flat=True)[entries_before:])
    assert actions == {"listing_import.preview", "listing_import.apply"}


def test_a_meeting_gone_from_the_feed_is_reported_and_left_as_it_is(other_organization, hillside_admin):
    imported(hillside_admin, other_organization, third_party())
    without_weekend = [entry for entry in third_party() if entry["slug"] != "serenity-weekend"]
    without_morning = [entry for entry in third_party() if entry.get("group") != "Morning Group"]

    run = preview(hillside_admin, other_organization, without_weekend)
    gone_group = preview(hillside_admin, other_organization, without_morning)

    assert [item["message"] for item in run.vanished] == [
        "“Serenity Weekend” of “Serenity Group” is no longer in the feed — left as it is"]
    assert run.counts["vanished"] == 1
    assert [item["message"] for item in gone_group.vanished] == [
        "“Online Daily Reflections” of “Morning Group” is no longer in the feed — left as it is"]
    listing_import_apply(actor=hillside_admin, run=run)
    assert MeetingSeries.objects.filter(title="Serenity Weekend", is_active=True).exists()
    # It goes on, so the group keeps the Spanish and the LGBTQ+ community it brought.
    assert run.counts["update"] == 0
    serenity = groups_of(other_organization).get(name="Serenity Group")
    assert serenity.languages == ["en", "es"] and serenity.communities.count() == 1


def test_a_group_ended_here_or_a_meeting_removed_here_is_not_brought_back(other_organization, hillside_admin):
    imported(hillside_admin, other_organization, third_party())
    serenity = groups_of(other_organization).get(name="Serenity Group")
    group_update(actor=hillside_admin, group=serenity, status="ended")
    morning = groups_of(other_organization).get(name="Morning Group")
    morning.series.update(is_active=False)

    run = imported(hillside_admin, other_organization, third_party())

    assert messages(run, "unchanged") == [
        "Row 1 (“Tuesday Night Hope”): the group “Serenity Group” has ended here, so it is left as it is",
        "Row 2 (“Serenity Weekend”): the group “Serenity Group” has ended here, so it is left as it is",
        "Row 3 (“Online Daily Reflections”): this meeting was removed here, so it is left as it is",
    ]
    serenity.refresh_from_db()
    assert serenity.status == "ended" and not morning.series.filter(is_active=True).exists()


def test_a_new_time_for_a_meeting_that_has_met_starts_a_new_schedule_and_keeps_the_past(
        other_organization, hillside_admin):
    imported(hillside_admin, other_organization, third_party()[:1])
    old = MeetingSeries.objects.get(group__organization=other_organization)
    MeetingSeries.objects.filter(pk=old.pk).update(start_date=date(2025, 1, 7))
    feed = third_party()[:1]
    feed[0]["time"] = "19:30"
    feed[0]["end_time"] = "20:30"

    run = imported(hillside_admin, other_organization, feed)

    assert run.counts["update"] == 1
    old.refresh_from_db()
    yesterday = timezone.now().astimezone(ZoneInfo("America/Chicago")).date() - timedelta(days=1)
    assert (old.rrule, old.start_time) == (f"FREQ=WEEKLY;BYDAY=TU;UNTIL={yesterday:%Y%m%d}T235959", time(19, 0))
    new = MeetingSeries.objects.exclude(pk=old.pk).get(group__organization=other_organization)
    assert (new.rrule, new.start_time) == ("FREQ=WEEKLY;BYDAY=TU", time(19, 30))
    assert ImportedItem.objects.get(external_key="tuesday-night-hope").series_id == new.pk
    assert imported(hillside_admin, other_organization, feed).counts["unchanged"] == 1


# --- Places and time zones -----------------------------------------------------------------------

def entry(**fields) -> dict:
    return {"name": "Harbour lights", "slug": "harbour-lights", "day": 1, "time": "18:00", **fields}


def test_a_town_with_a_common_name_is_found_by_the_feeds_time_zone(other_organization, hillside_admin):
    imported(hillside_admin, other_organization, [entry(city="Portland", country="US", timezone="America/New_York")])

    group = groups_of(other_organization).get()
    assert (group.city, group.timezone, round(group.latitude)) == ("Portland", "America/New_York", 44)  # Maine


def test_a_time_zone_that_does_not_fit_the_town_is_refused_rather_than_guessed(other_organization, hillside_admin):
    run = preview(hillside_admin, other_organization,
                  [entry(city="Manchester", country="GB", timezone="Asia/Tokyo")])

    assert messages(run) == ["Row 1 (“Harbour lights”): the time zone “Asia/Tokyo” doesn't match the town "
                             "“Manchester” (Europe/London) — skipped"]


def test_an_unknown_town_is_skipped_in_person_and_listed_online_when_hybrid(other_organization, hillside_admin):
    run = preview(hillside_admin, other_organization, [
        entry(formatted_address="1 Road, Nowhereville Under Sea, ZZ"),
        entry(slug="hybrid", name="Hybrid", formatted_address="1 Road, Nowhereville Under Sea",
              types=["ONL"], conference_url="https://meet.example/h", timezone="Europe/Madrid"),
    ])

    assert messages(run)[0] == ("Row 1 (“Harbour lights”): we couldn't find its town (tried “Nowhereville Under "
                                "Sea”) in PeerCircle's list of towns — skipped")
    assert run.rows[1]["action"] == "create"
    assert "its town couldn't be found, so it's listed as meeting online only" in run.rows[1]["notes"]


def test_an_online_meeting_without_a_time_zone_takes_the_organizations(other_organization, hillside_admin):
    run = imported(hillside_admin, other_organization, [entry(types=["ONL"], conference_url="https://meet.example/x")])

    assert groups_of(other_organization).get().timezone == "Europe/London"
    assert "no time zone is given, so the organization's (Europe/London) is used" in run.rows[0]["notes"]


def test_temporarily_closed_means_closed_unless_the_meeting_goes_on_online(other_organization, hillside_admin):
    imported(hillside_admin, other_organization, [
        entry(slug="closed", name="Closed for now", types=["TC"], city="Leeds", country="GB"),
        entry(slug="moved-online", name="Moved online", types=["TC", "ONL"], city="Leeds", country="GB",
              conference_url="https://meet.example/m", timezone="Europe/London"),
    ])

    closed, moved = groups_of(other_organization).order_by("pk")
    assert (closed.status, closed.format) == ("temporarily_closed", "in_person")
    assert (moved.status, moved.format) == ("active", "online")


# --- All or nothing ------------------------------------------------------------------------------

def test_an_unexpected_failure_part_way_undoes_everything(other_organization, hillside_admin, monkeypatch):
    run = preview(hillside_admin, other_organization, third_party())
    real = import_services.meeting_series_create
    calls = []

    def fails_on_the_second_schedule(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return real(**kwargs)

    monkeypatch.setattr(import_services, "meeting_series_create", fails_on_the_second_schedule)

    with pytest.raises(ListingImportFailed, match="Nothing was imported"):
        listing_import_apply(actor=hillside_admin, run=run)

    assert not SupportGroup.objects.exists() and not MeetingSeries.objects.exists()
    assert not ImportedItem.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="group.").exists()
    run.refresh_from_db()
    assert run.status == "previewed"


def test_a_group_the_groups_service_refuses_is_skipped_with_its_message_and_the_rest_imported(
        other_organization, hillside_admin, monkeypatch):
    real = import_services.group_create

    def refuses_serenity(**kwargs):
        if kwargs["name"] == "Serenity Group":
            raise GroupError("Please choose a country from the list.")
        return real(**kwargs)

    monkeypatch.setattr(import_services, "group_create", refuses_serenity)

    run = imported(hillside_admin, other_organization, third_party())

    assert messages(run, "skip")[:2] == [
        "Row 1 (“Tuesday Night Hope”): Please choose a country from the list — skipped",
        "Row 2 (“Serenity Weekend”): Please choose a country from the list — skipped",
    ]
    assert [g.name for g in groups_of(other_organization)] == ["Morning Group"]
    assert run.counts["create"] == 1 and run.counts["skip"] == 6


# --- The source itself ---------------------------------------------------------------------------

@pytest.mark.parametrize(("payload", "kind", "message"), [
    ([], "auto", "The feed is empty: there are no meetings in it"),
    ({"services": []}, "auto", "The export has no services in it"),
    ({"meetings": 3}, "auto", r"neither a Meeting Guide feed \(a list of meetings\) nor an HSDS export"),
    ("hello", "auto", "neither a Meeting Guide feed"),
    ({"services": [{"id": "1"}]}, "meeting_guide", "This looks like an HSDS export, not a Meeting Guide feed"),
    ([{"name": "x"}], "hsds", "This looks like a Meeting Guide feed, not an HSDS export"),
])
def test_sources_of_the_wrong_shape_are_refused_kindly(other_organization, hillside_admin, payload, kind, message):
    with pytest.raises(ListingImportError, match=message):
        preview(hillside_admin, other_organization, payload, kind=kind)
    assert not ImportRun.objects.exists()


def test_too_many_rows_are_refused_before_anything_is_read(other_organization, hillside_admin, settings):
    settings.PEERCIRCLE_IMPORT_MAX_ROWS = 5

    with pytest.raises(ListingImportError, match="The file has 7 rows; PeerCircle imports up to 5 at a time"):
        preview(hillside_admin, other_organization, third_party())


def test_only_the_organizations_admins_may_import(organization, other_organization, member, hillside_admin, facilitator):
    with pytest.raises(ListingImportError, match="Only the organization's admins can import listings"):
        preview(member, organization, third_party())
    with pytest.raises(ListingImportError):
        preview(hillside_admin, organization, third_party())  # an admin, but of Hillside
    run = preview(hillside_admin, other_organization, third_party())
    with pytest.raises(ListingImportError):
        listing_import_apply(actor=facilitator, run=run)


def test_a_discarded_preview_cannot_be_applied(other_organization, hillside_admin):
    run = listing_import_discard(actor=hillside_admin, run=preview(hillside_admin, other_organization, third_party()))

    with pytest.raises(ListingImportError, match="This preview was discarded"):
        listing_import_apply(actor=hillside_admin, run=run)
    assert not SupportGroup.objects.exists()


def test_an_hsds_api_page_with_nested_services_is_read_and_its_bad_parts_explained(
        other_organization, hillside_admin):
    run = preview(hillside_admin, other_organization, hsds_nested())

    assert run.source_kind == "hsds"
    assert messages(run, "skip") == [
        "Row 2 (“Old service”): the export marks it as defunct — skipped",
        "Row 3 (“No id”): there's no id, so it couldn't be matched when you import again — skipped",
    ]
    assert run.rows[0]["notes"] == [
        "languages PeerCircle doesn't list were left out: tlh",
        "from “Riverside Recovery” in the export",
        "the schedule “Late” was left out: the time “26:00” isn't a time of day",
        "the schedule “Old mornings” was left out: it ended on 2020-01-01",
    ]
    assert "jo@example.net" not in json.dumps(run.payload) and "office@" not in json.dumps(run.payload)

    listing_import_apply(actor=hillside_admin, run=run)

    circle = groups_of(other_organization).get(name="Peer Recovery Circle")
    assert (circle.city, circle.country, circle.timezone, circle.venue_name, circle.address) == (
        "Ottawa", "CA", "America/Toronto", "Riverside Hall", "10 River Rd")
    assert circle.languages == ["en", "fr"] and circle.description == "A peer-led circle."
    assert schedules(circle) == [
        ("Last Friday social", "FREQ=MONTHLY;BYDAY=-1FR", time(18, 0), 120, ""),
        ("Wednesday circle", "FREQ=WEEKLY;BYDAY=WE", time(18, 0), 90, ""),
    ]
    drop_in = groups_of(other_organization).get(name="Virtual drop-in")
    assert (drop_in.format, drop_in.timezone, drop_in.online_url, drop_in.online_url_visibility) == (
        "online", "America/Toronto", "https://meet.example/drop-in", "anyone")

    again = hsds_nested()
    again["contents"][0]["schedules"][1]["byday"] = "1FR"
    second = imported(hillside_admin, other_organization, again)
    assert messages(second, "update") == [
        "Row 1 (“Peer Recovery Circle”): the meeting changes: days last Friday of the month at 18:00 → first Friday "
        "of the month at 18:00"]
    assert second.counts["unchanged"] == 1


def test_a_title_peercircle_made_up_is_not_changed_by_importing_in_another_language(
        other_organization, hillside_admin):
    from django.utils import translation

    feed = [entry(city="Leeds", country="GB")]  # named like its group: "Weekly meeting"
    imported(hillside_admin, other_organization, feed)
    with translation.override("es"):
        again = imported(hillside_admin, other_organization, feed)

    assert again.counts["unchanged"] == 1
    assert MeetingSeries.objects.get().title == "Weekly meeting"
