from peercircle.groups.services.attendance import attendance_check_in, attendance_record
from peercircle.groups.services.calendar_feeds import calendar_feed_create, calendar_feed_revoke
from peercircle.groups.services.corrections import (
    CorrectionError,
    listing_correction_resolve,
    listing_correction_suggest,
)
from peercircle.groups.services.groups import (
    GroupError,
    group_approve,
    group_confirm_details,
    group_create,
    group_join,
    group_leave,
    group_member_remove,
    group_member_role_set,
    group_request_approve,
    group_request_decline,
    group_update,
)
from peercircle.groups.services.meetings import (
    meeting_occurrence_cancel,
    meeting_occurrence_move,
    meeting_series_create,
    meeting_series_end,
    meeting_series_update,
)
from peercircle.groups.services.places import (
    Booking,
    meeting_place_book,
    meeting_place_cancel,
    meeting_place_remove,
)

__all__ = [
    "Booking", "CorrectionError", "GroupError", "attendance_check_in",
    "attendance_record", "calendar_feed_create", "calendar_feed_revoke", "group_approve",
    "group_confirm_details", "group_create", "group_join", "group_leave",
    "group_member_remove", "group_member_role_set", "group_request_approve", "group_request_decline",
    "group_update", "listing_correction_resolve", "listing_correction_suggest", "meeting_occurrence_cancel",
    "meeting_occurrence_move", "meeting_place_book", "meeting_place_cancel", "meeting_place_remove",
    "meeting_series_create", "meeting_series_end", "meeting_series_update",
]
