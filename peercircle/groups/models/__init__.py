from peercircle.groups.models.attendance import Attendance, AttendanceMethod, AttendanceStatus
from peercircle.groups.models.calendar_feed import PersonalCalendarFeed
from peercircle.groups.models.corrections import (
    CorrectionKind,
    CorrectionStatus,
    ListingCorrection,
)
from peercircle.groups.models.groups import (
    ACCESSIBILITY_CODES,
    Accessibility,
    GroupFormat,
    GroupMembership,
    GroupStatus,
    JoinPolicy,
    Leadership,
    LinkVisibility,
    MemberListVisibility,
    MembershipRole,
    MembershipStatus,
    SupportGroup,
)
from peercircle.groups.models.meetings import ExceptionKind, MeetingException, MeetingSeries
from peercircle.groups.models.places import MeetingPlace, PlaceStatus

__all__ = [
    "ACCESSIBILITY_CODES", "Accessibility", "Attendance", "AttendanceMethod", "AttendanceStatus", "CorrectionKind",
    "CorrectionStatus", "ExceptionKind", "GroupFormat", "GroupMembership", "GroupStatus", "JoinPolicy",
    "Leadership", "LinkVisibility", "ListingCorrection", "MeetingException", "MeetingPlace", "MeetingSeries",
    "MemberListVisibility", "MembershipRole", "MembershipStatus", "PersonalCalendarFeed", "PlaceStatus", "SupportGroup",
]
