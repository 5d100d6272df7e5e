"""Two people give up their places at the same moment: each place goes to a different person
waiting, once. On PostgreSQL the two run at the same time in two threads (the series row lock
makes the second wait for the first); SQLite's in-memory test database cannot take two writers
at once, so there they run one after the other and the test checks the same outcome."""

import contextlib
import threading
import time
from unittest import mock

import pytest
from django.db import connection

from peercircle.core.models import AuditEntry
from peercircle.groups.models import MeetingPlace
from peercircle.groups.services import meeting_place_book, meeting_place_cancel
from peercircle.groups.services import places as places_service
from peercircle.groups.tests.factories import SupportGroupFactory
from peercircle.groups.tests.test_meeting_places import newcomer, workshop


@pytest.mark.django_db(transaction=True)
def test_two_give_ups_at_the_same_moment_promote_two_people_once_each():
    group = SupportGroupFactory(slug="circle")
    series, start = workshop(group, capacity=2)
    people = [newcomer(group, name)[0] for name in ("Ana", "Ben", "Cleo", "Dev", "Eve")]
    for person in people:
        meeting_place_book(user=person, series=series, occurrence_start=start)
    together = connection.vendor == "postgresql"
    one_at_a_time = contextlib.nullcontext() if together else threading.Lock()
    barrier = threading.Barrier(2)
    errors = []
    fill = places_service._fill_free_places

    def slow_fill(*args, **kwargs):
        # Widens the window between freeing a place and giving it on: without the lock, both
        # would see one free place and give it to the same person.
        time.sleep(0.2)
        return fill(*args, **kwargs)

    def give_up(person):
        try:
            barrier.wait()
            with one_at_a_time:
                meeting_place_cancel(user=person, series=series, occurrence_start=start)
        except Exception as error:  # reported below, from the main thread
            errors.append(error)
        finally:
            connection.close()

    with mock.patch.object(places_service, "_fill_free_places", side_effect=slow_fill):
        threads = [threading.Thread(target=give_up, args=(person,)) for person in people[:2]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    assert list(MeetingPlace.objects.order_by("created_at", "pk").values_list(
        "user__profile__display_name", "status")) == [
        ("Ana", "cancelled"), ("Ben", "cancelled"), ("Cleo", "booked"), ("Dev", "booked"), ("Eve", "waiting")]
    assert sorted(AuditEntry.objects.filter(action="meeting_place.promote")
                  .values_list("subject__profile__display_name", flat=True)) == ["Cleo", "Dev"]
