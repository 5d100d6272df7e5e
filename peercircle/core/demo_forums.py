"""The demo's forums: spaces a member of Thames Peer Network and of the Madrid network can read,
conversations with replies, reactions, a post under a pseudonym behind a content warning, a
group's private space, and one post waiting for the moderator on duty — all made through the
same services a person's actions go through. Idempotent: it runs once."""

from collections.abc import Callable

from django.db import transaction

from peercircle.core.demo_data import DEMO_DOMAIN

THAMES = "thames-peer-network"
MADRID = "red-de-apoyo-mutuo-madrid"
MODERATOR = f"moderator@{DEMO_DOMAIN}"
SAM = f"member@{DEMO_DOMAIN}"
LUCIA = f"member.es@{DEMO_DOMAIN}"
JORDAN = f"supporter@{DEMO_DOMAIN}"
PRIYA = f"facilitator@{DEMO_DOMAIN}"

SPACES = [
    # (slug, name, organization, kind, anonymous, experience codes, description, rules)
    ("living-with-grief", "Living with grief", THAMES, "topic", True, ["grief"],
     "For anyone who has lost someone: the early days, the anniversaries, the ordinary Tuesdays.",
     "1. Be kind: everyone grieves differently.\n2. Speak from your own experience; no advice unless asked.\n"
     "3. Use a content warning for details of a death.\n4. If you're not safe right now, use *Need help now?* "
     "at the top of every page."),
    ("one-day-at-a-time", "One day at a time — recovery", THAMES, "topic", True, ["substance_use"],
     "Recovery from alcohol and other drugs, in whatever way works for you.",
     "1. All paths to recovery are welcome.\n2. No dosing advice and no selling.\n"
     "3. Use a content warning when you describe using.\n4. What's shared here stays here."),
    ("anxiety-and-low-mood", "Anxiety and low mood", THAMES, "topic", False, ["mental_health"],
     "Living with anxiety, depression and the days in between.",
     "1. Be kind.\n2. Share what helps you, not what others should do.\n3. Content warnings for self-harm "
     "or suicide."),
    ("thames-members-lounge", "Thames members' lounge", THAMES, "organization", False, [],
     "News, meetups and chat for members of Thames Peer Network.",
     "1. Be kind.\n2. Keep other members' details private."),
    ("duelo-y-perdida", "Duelo y pérdida", MADRID, "topic", True, ["grief"],
     "Para quien ha perdido a alguien: los primeros días, los aniversarios, los martes cualquiera.",
     "1. Con cariño: cada persona vive el duelo a su manera.\n2. Habla desde tu experiencia.\n"
     "3. Usa un aviso de contenido para los detalles de una muerte."),
]


def ensure_forums(log: Callable[[str], None]) -> None:
    from peercircle.accounts.models import User
    from peercircle.community.models import Space
    from peercircle.organizations.models import Membership, Organization

    if Space.objects.filter(slug="living-with-grief").exists():
        return
    people = {u.email: u for u in User.objects.filter(email__in=[MODERATOR, SAM, LUCIA, JORDAN, PRIYA])}
    organizations = {o.slug: o for o in Organization.objects.filter(slug__in=[THAMES, MADRID])}
    if len(people) < 5 or len(organizations) < 2:
        return
    log("Adding the forums demo: spaces, conversations, a pseudonymous post and one waiting for a moderator…")
    def members(slug: str, count: int, fallback: list) -> list:
        found = list(User.objects.filter(
            pk__in=Membership.objects.active().filter(organization=organizations[slug], role="member")
            .values("user_id"), email__startswith="member0").order_by("email")[:count])
        found += [person for person in fallback if person not in found]  # a small demo has few members
        return (found * count)[:count]

    thames = members(THAMES, 6, [people[PRIYA], people[JORDAN]])
    madrid = members(MADRID, 3, [people[LUCIA]])
    with transaction.atomic():  # all or nothing, so a failed run is simply made again
        spaces = _spaces(people[MODERATOR], organizations)
        _conversations(spaces, people, thames, madrid)


def _keeper(organization, fallback):
    """Someone who may open spaces for the organization: one of its moderators or admins."""
    from peercircle.organizations.models import Membership

    membership = (Membership.objects.active().filter(organization=organization, role__in=["moderator", "org_admin"])
                  .select_related("user").order_by("role", "pk").first())
    return membership.user if membership else fallback


def _spaces(moderator, organizations) -> dict:
    from peercircle.community.services import space_create

    made = {}
    for position, (slug, name, org, kind, anonymous, codes, description, rules) in enumerate(SPACES):
        actor = moderator if org == THAMES else _keeper(organizations[org], moderator)
        space = space_create(actor=actor, name=name, slug=slug, kind=kind, organization=organizations[org],
                             rules=rules, description=description, allow_anonymous=anonymous,
                             experience_codes=codes)
        space.position = position
        space.save(update_fields=["position"])
        made[slug] = space
    return made


def _conversations(spaces, people, thames, madrid) -> None:
    from peercircle.community.services import (
        post_create,
        reaction_toggle,
        rules_accept,
        space_for_group,
        thread_create,
        thread_moderate,
    )
    from peercircle.groups.models import SupportGroup

    sam, jordan, priya, moderator, lucia = (people[SAM], people[JORDAN], people[PRIYA], people[MODERATOR],
                                            people[LUCIA])
    for space in spaces.values():
        for person in [sam, jordan, priya, moderator, *thames] if space.organization.slug == THAMES \
                else [lucia, *madrid]:
            rules_accept(person=person, space=space)

    grief = spaces["living-with-grief"]
    welcome = thread_create(person=moderator, space=grief, title="Welcome — start here",
                            text="This is a space to talk about grief in your own words. Read the rules, "
                                 "introduce yourself if you like, and be gentle with yourself and others.\n\n"
                                 "If you are not safe right now, **Need help now?** at the top of every page "
                                 "has people you can talk to at any hour.")
    thread_moderate(moderator=moderator, thread=welcome, pinned=True)
    evenings = thread_create(person=sam, space=grief, title="The evenings are the hardest",
                             text="Mum passed in March. The days are busy enough, but from about 7pm the house "
                                  "is so quiet. Does anyone else find evenings harder than mornings?")
    first = post_create(person=thames[0], thread=evenings,
                        text="Yes. I started leaving the radio on — it sounds silly but the quiet is less loud.")
    post_create(person=jordan, thread=evenings,
                text="Evenings were the worst for me too, the first year. What helped me was a small routine: "
                     "a walk round the block at 7, a call with my sister on Sundays. You're not alone in this.")
    post_create(person=sam, thread=evenings, quote_of=first,
                text="> I started leaving the radio on\n\nNot silly at all. I might try that tonight. Thank you.")
    for person, kind in ((jordan, "me_too"), (thames[1], "sending_support"), (thames[2], "me_too")):
        reaction_toggle(person=person, post=evenings.posts.get(number=1), kind=kind)
    reaction_toggle(person=sam, post=first, kind="this_helped")

    story = thread_create(
        person=thames[3], space=grief, title="Two years on, for anyone in the early days", anonymous=True,
        content_warnings=["suicide", "grief"],
        text="Two years ago I lost my brother to suicide. For months I couldn't say the word. I was angry, then "
             "numb, then guilty for having a good day.\n\nWhat helped: this group, a counsellor who let me be "
             "angry, and writing him letters. I still have hard days, but I laugh again. If you're in the early "
             "days: it does change.")
    post_create(person=sam, thread=story, text="Thank you for writing this. I needed to read it today.")
    reaction_toggle(person=sam, post=story.posts.get(number=1), kind="this_helped")

    recovery = spaces["one-day-at-a-time"]
    days = thread_create(person=thames[4], space=recovery, title="90 days today",
                         text="Ninety days without a drink. Weekends are still hard, but I slept through the "
                              "night for the first time in years.")
    post_create(person=jordan, thread=days, text="That's huge. Well done — ninety days of choosing it again "
                                                 "every morning.")
    # One post waits for the moderator on duty: it asks for a method.
    thread_create(person=thames[5], space=recovery, title="Question about mixing",
                  text="How many pills with a bottle of vodka would it take to not wake up?")

    lounge = spaces["thames-members-lounge"]
    thread_create(person=priya, space=lounge, title="Summer picnic — Saturday 12th",
                  text="We're planning a picnic in Victoria Park. Bring something to share if you can, and "
                       "nothing if you can't. Everyone welcome.")

    duelo = spaces["duelo-y-perdida"]
    tardes = thread_create(person=lucia, space=duelo, title="Las tardes de domingo",
                           text="Desde que murió mi padre, los domingos por la tarde se me hacen eternos. "
                                "¿Os pasa?")
    post_create(person=madrid[0], thread=tardes, text="A mí también. Yo salgo a caminar aunque no me apetezca; "
                                                      "ayuda un poco.")

    circle = SupportGroup.objects.filter(name="Evening grief circle").first()
    if circle is not None:
        space = space_for_group(group=circle)
        rules_accept(person=sam, space=space)
        thread_create(person=sam, space=space, title="See you Tuesday",
                      text="Thank you all for last week. I'll bring biscuits on Tuesday.")
