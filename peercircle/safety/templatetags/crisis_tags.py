from django import template

from peercircle.safety.crisis import crisis_support_context, crisis_support_pending

register = template.Library()


@register.inclusion_tag("safety/_crisis_support.html", takes_context=True)
def crisis_support(context, show=True):
    """The crisis lines for the person's country and an offer to talk to someone, when `show`."""
    request = context.get("request")
    if not show or request is None:
        return {"show_crisis_support": False}
    return {"show_crisis_support": True, "request": request,
            **crisis_support_context(getattr(request, "user", None), request)}


@register.inclusion_tag("safety/_crisis_support.html", takes_context=True)
def crisis_support_if_offered(context):
    """The same box, once, on the page after a view called `crisis_support_offer`."""
    request = context.get("request")
    if request is None or not crisis_support_pending(request):
        return {"show_crisis_support": False}
    return {"show_crisis_support": True, "request": request,
            **crisis_support_context(getattr(request, "user", None), request)}


@register.simple_tag(takes_context=True)
def is_moderator(context) -> bool:
    """For the account menu: whether to show the moderators' pages (asked only there)."""
    from peercircle.safety.access import is_any_moderator

    request = context.get("request")
    return bool(request and is_any_moderator(request.user))
