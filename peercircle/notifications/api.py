"""The notifications API: my notifications, reading them, and what I want to be told."""

from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from peercircle.notifications.access import notification_for
from peercircle.notifications.selectors import can_email, notification_list, preferences_for
from peercircle.notifications.services import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_update,
)

router = Router(tags=["notifications"])


class Message(Schema):
    detail: str


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


class MarkedOut(Schema):
    marked: int


class PreferencesOut(Schema):
    meeting_reminders: bool
    reminder_lead: str
    email: bool
    email_verified: bool
    email_details: bool
    listing_confirmation_reminders: bool
    forum_replies: bool


class PreferencesIn(Schema):
    meeting_reminders: bool
    reminder_lead: str
    email: bool
    listing_confirmation_reminders: bool
    # Optional, so clients written before it existed keep working: left out, it stays as it is.
    email_details: bool | None = None
    forum_replies: bool | None = None


def _preferences_out(user) -> dict:
    current = preferences_for(user)
    return {"meeting_reminders": current.meeting_reminders, "reminder_lead": current.reminder_lead,
            "email": current.email, "email_verified": can_email(user), "email_details": current.email_details,
            "listing_confirmation_reminders": current.listing_confirmation_reminders,
            "forum_replies": current.forum_replies}


@router.get("/notifications", response=list[NotificationOut], summary="My notifications, newest first")
@paginate(LimitOffsetPagination)
def notifications(request, unread: bool = False):
    found = notification_list(user=request.auth)
    return found.filter(read_at__isnull=True) if unread else found


@router.post("/notifications/read-all", response=MarkedOut, summary="Mark all my notifications as read")
def read_all(request):
    return {"marked": notification_mark_all_read(user=request.auth)}


@router.post("/notifications/{notification_id}/read", response={200: NotificationOut, 404: Message},
             summary="Mark one notification as read")
def read(request, notification_id: int):
    notification = notification_for(request.auth, notification_id)
    return notification_mark_read(user=request.auth, notification=notification)


@router.get("/me/notification-preferences", response=PreferencesOut,
            summary="What I am told, and whether by email too")
def preferences(request):
    return _preferences_out(request.auth)


@router.put("/me/notification-preferences", response={200: PreferencesOut, 400: Message},
            summary="Change what I am told (reminder_lead: day, hours or both; email_details: whether "
                    "emails name the group and meeting, off unless asked, unchanged when left out)")
def preferences_replace(request, payload: PreferencesIn):
    notification_preferences_update(user=request.auth, **payload.dict())
    return _preferences_out(request.auth)
