"""A Meeting Guide feed as another site (a 12 Step Meeting List install, say) publishes it:
meetings sharing a `group`, days as a list, type codes, and some rows that cannot be used."""

import copy

THIRD_PARTY = [
    {"name": "Tuesday Night Hope", "slug": "tuesday-night-hope", "day": 2, "time": "19:00", "end_time": "20:00",
     "timezone": "America/Chicago", "types": ["O", "D", "EN", "X"], "location": "First Methodist Church",
     "formatted_address": "123 Main St, Springfield, IL 62701, USA", "latitude": 39.8017, "longitude": -89.6437,
     "group": "Serenity Group", "notes": "Use the side door on Monroe Street.", "updated": "2024-05-01 10:00:00",
     "url": "https://aa.example/meetings/tuesday-night-hope", "contact_1_email": "volunteer@example.net"},
    {"name": "Serenity Weekend", "slug": "serenity-weekend", "day": [0, 6], "time": "10:00", "end_time": "11:30",
     "timezone": "America/Chicago", "types": ["C", "S", "LGBTQ", "BE"], "location": "First Methodist Church",
     "formatted_address": "123 Main St, Springfield, IL 62701, USA", "latitude": 39.8017, "longitude": -89.6437,
     "group": "Serenity Group"},
    {"name": "Online Daily Reflections", "slug": "online-daily", "day": [1, 2, 3, 4, 5], "time": "7:00",
     "end_time": "7:30", "timezone": "America/New_York", "types": ["ONL", "O", "DR", "EN"],
     "conference_url": "https://zoom.example/j/123456", "conference_phone": "+15555550100", "group": "Morning Group"},
    {"name": "Late Night", "slug": "late-night", "day": 3, "time": "25:00", "timezone": "America/Chicago",
     "formatted_address": "1 Elm St, Springfield, IL 62701, USA"},
    {"name": "Funday Meeting", "slug": "funday", "day": 7, "time": "18:00",
     "formatted_address": "1 Elm St, Springfield, IL 62701, USA"},
    {"slug": "no-name", "day": 1, "time": "18:00", "formatted_address": "1 Elm St, Springfield, IL 62701, USA"},
    {"name": "Mars Base", "slug": "mars-base", "day": 1, "time": "18:00", "timezone": "Mars/Olympus_Mons",
     "types": ["ONL"], "conference_url": "https://zoom.example/j/999"},
]

BAD_ROW_MESSAGES = [
    "Row 4 (“Late Night”): the time “25:00” isn't a time of day — skipped",
    "Row 5 (“Funday Meeting”): the day “7” isn't a day of the week (0 is Sunday … 6 is Saturday) — skipped",
    "Row 6 (“no-name”): there's no name — skipped",
    "Row 7 (“Mars Base”): the time zone “Mars/Olympus_Mons” isn't one we know (it should look like "
    "America/New_York) — skipped",
]


def third_party() -> list[dict]:
    return copy.deepcopy(THIRD_PARTY)


# An HSDS 3 API's answer: a page of services with everything nested inside.
HSDS_NESTED = {
    "total_items": 4, "page_number": 1, "contents": [
        {"id": "svc-1", "name": "Peer Recovery Circle", "description": "A peer-led circle.", "status": "active",
         "organization": {"id": "org-1", "name": "Riverside Recovery", "email": "office@riverside.example"},
         "languages": [{"code": "en"}, {"code": "fr-CA"}, {"code": "tlh", "name": "Klingon"}],
         "contacts": [{"name": "Jo Volunteer", "email": "jo@example.net"}],
         "service_at_locations": [{"id": "sal-1", "location": {
             "id": "loc-1", "location_type": "physical", "name": "Riverside Hall", "latitude": 45.42,
             "longitude": -75.69, "addresses": [{"address_1": "10 River Rd", "city": "Ottawa", "country": "CA",
                                                 "address_type": "physical"}]}}],
         "schedules": [
             {"id": "sch-1", "freq": "WEEKLY", "interval": 1, "byday": "WE", "opens_at": "18:00",
              "closes_at": "19:30", "description": "Wednesday circle"},
             {"id": "sch-2", "freq": "MONTHLY", "byday": "-1FR", "opens_at": "18:00:00", "closes_at": "20:00:00",
              "description": "Last Friday social"},
             {"id": "sch-3", "freq": "WEEKLY", "byday": "MO", "opens_at": "26:00", "description": "Late"},
             {"id": "sch-4", "freq": "WEEKLY", "byday": "TU", "opens_at": "10:00", "until": "2020-01-01",
              "description": "Old mornings"},
         ]},
        {"id": "svc-2", "name": "Old service", "status": "defunct"},
        {"name": "No id"},
        {"id": "svc-4", "name": "Virtual drop-in", "service_at_locations": [{"location": {
            "id": "loc-v", "location_type": "virtual", "url": "https://meet.example/drop-in"}}],
         "schedules": [{"id": "sch-5", "freq": "WEEKLY", "byday": "TH", "opens_at": "12:00",
                        "timezone": "America/Toronto"}]},
    ],
}


def hsds_nested() -> dict:
    return copy.deepcopy(HSDS_NESTED)
