"""Pages: my notifications (read one, or all, in place with HTMX or by a plain form), what I
want to be told, and the "stop these emails" link from an email."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from peercircle.core.htmx import render_page_or_partial
from peercircle.notifications.access import notification_for
from peercircle.notifications.emails import user_for_unsubscribe_token
from peercircle.notifications.forms import PreferencesForm
from peercircle.notifications.selectors import (
    can_email,
    facilitates_a_group,
    notification_list,
    preferences_for,
)
from peercircle.notifications.services import (
    NotificationError,
    notification_mark_all_read,
    notification_mark_read,
    notification_preferences_update,
)

PAGE_SIZE = 20


def _page(request, number):
    return Paginator(notification_list(user=request.user), PAGE_SIZE).get_page(number)


def _back_to_list(request):
    page = request.POST.get("page", "")
    return redirect(reverse("notifications:list") + (f"?page={page}" if page.isdigit() and page != "1" else ""))


@login_required
def notification_list_view(request):
    page = _page(request, request.GET.get("page"))
    return render_page_or_partial(request, "notifications/list.html", {"page": page},
                                  partial="notifications/_list.html")


@login_required
@require_POST
def open_notification(request, notification_id):
    """Following a notification marks it read; a POST, so a link checker cannot do it."""
    notification = notification_for(request.user, notification_id)
    notification_mark_read(user=request.user, notification=notification)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                         require_https=request.is_secure()):
        target = reverse("notifications:list")
    return redirect(target)


@login_required
@require_POST
def mark_read(request, notification_id):
    notification = notification_for(request.user, notification_id)
    notification_mark_read(user=request.user, notification=notification)
    if request.htmx:
        return render(request, "notifications/_item.html", {"n": notification, "oob_count": True})
    return _back_to_list(request)


@login_required
@require_POST
def mark_all_read(request):
    marked = notification_mark_all_read(user=request.user)
    if request.htmx:
        return render(request, "notifications/_list.html",
                      {"page": _page(request, request.POST.get("page")), "oob_count": True})
    if marked:
        messages.success(request, _("All your notifications are marked as read."))
    return _back_to_list(request)


@login_required
def preferences(request):
    current = preferences_for(request.user)
    show_listing = not current.listing_confirmation_reminders or facilitates_a_group(request.user)
    initial = {"meeting_reminders": current.meeting_reminders, "reminder_lead": current.reminder_lead,
               "email": current.email, "email_details": current.email_details,
               "listing_confirmation_reminders": current.listing_confirmation_reminders,
               "forum_replies": current.forum_replies}
    form = PreferencesForm(request.POST or None, initial=initial, show_listing=show_listing)
    if request.method == "POST" and form.is_valid():
        try:
            notification_preferences_update(user=request.user, **form.cleaned_data)
        except NotificationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {
        "form": form, "can_email": can_email(request.user),
    })


@csrf_exempt  # the signed token is the proof; mail apps' one-click unsubscribe posts without a form
def unsubscribe(request, token):
    """From an email: turn notification emails off without signing in. Showing the page
    changes nothing (mail scanners open links); the button, or a mail app's one-click
    unsubscribe (RFC 8058), does."""
    person = user_for_unsubscribe_token(token)
    if person is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST":
        notification_preferences_update(user=person, email=False)
        done = True
    return render(request, "notifications/unsubscribe.html", {"done": done, "token": token})
