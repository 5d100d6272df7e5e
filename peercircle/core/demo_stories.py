"""The demo's stories of hope: a few published stories of recovery, grief and caring, in English
and Spanish, and one waiting for Thames Peer Network's moderator to read — each sent and
reviewed through the same services a person's actions go through. Idempotent: it runs once."""

import datetime
from collections.abc import Callable

from django.utils import timezone

from peercircle.core.demo_data import DEMO_DOMAIN

THAMES = "thames-peer-network"
MADRID = "red-de-apoyo-mutuo-madrid"
MORGAN = f"moderator@{DEMO_DOMAIN}"  # Thames and Lakeshore
BEATRIZ = f"moderator001@{DEMO_DOMAIN}"  # Madrid and Clínica Norte

# (author, organization, moderator, days ago, title, text, experiences, content warnings, byline)
PUBLISHED = [
    (f"supporter@{DEMO_DOMAIN}", THAMES, MORGAN, 40, "Four years, one day at a time",
     "For a long time I told myself a drink was how I unwound after work. After I left the forces it "
     "became how I got through the day.\n\n"
     "What changed wasn't one big moment. It was a mate who kept texting even when I didn't answer, and a "
     "Tuesday group in a church hall where nobody looked surprised by anything I said.\n\n"
     "**What helped me:**\n\n"
     "- Going to the group even on the weeks I'd already had a drink\n"
     "- Having something to do with my hands at six o'clock (I learned to cook, badly at first)\n"
     "- Saying out loud that I was struggling, before it got loud in my head\n\n"
     "Four years on I still go on Tuesdays. Now I put the kettle on for the new people. If you're reading "
     "this on a bad day: you don't have to sort all of it today. Just today.",
     ["substance_use.alcohol", "mental_health.ptsd"], ["substance_use"], "name"),
    (f"member@{DEMO_DOMAIN}", THAMES, MORGAN, 21, "The first spring without Mum",
     "Mum loved the first warm week of the year. She'd open every window in the flat and play the radio too "
     "loud. The first spring after she was gone, I kept the windows shut.\n\n"
     "Grief wasn't what I expected. It wasn't sad all the time; it was tired, and sometimes angry, and "
     "sometimes I'd forget for a whole afternoon and then feel guilty for forgetting.\n\n"
     "A woman in my group said something I've held on to: *you don't get over it, you grow around it.* "
     "That spring I started walking the canal path she liked. Some days I cried the whole way. Some days I "
     "just noticed the herons.\n\n"
     "This year I opened the windows. I played her radio station. It still hurts, and it's also okay.",
     ["grief.parent"], ["grief"], "anonymous"),
    (f"facilitator@{DEMO_DOMAIN}", THAMES, MORGAN, 9, "Caring for Dad taught me to ask for help",
     "When Dad's memory started going, I did what I always do: I made a spreadsheet and tried to carry "
     "everything myself. Appointments, medication, the bills, the worry at three in the morning.\n\n"
     "It took me eighteen months to admit I was running on empty. A carers' group at the library was the "
     "first place I said it out loud — and the first place someone said *me too* back.\n\n"
     "Now my brother does Sundays, a neighbour sits with Dad on Wednesday afternoons, and I go to a choir. "
     "I still love him fiercely. I'm just not doing it alone any more, and it turns out that's better for "
     "both of us.",
     ["life.caregiving"], [], "name"),
    (f"member.es@{DEMO_DOMAIN}", MADRID, BEATRIZ, 30, "Aprender a pedir ayuda lejos de casa",
     "Llegué a Madrid con una maleta, un contrato de noches en el hospital y la idea de que podía con todo. "
     "Durante el primer año, la ansiedad venía de madrugada, al salir del turno, cuando la ciudad todavía "
     "dormía y yo no tenía a quién llamar.\n\n"
     "Tardé mucho en contarlo. En mi familia no se hablaba de estas cosas, y yo era *la fuerte*. Un día una "
     "compañera me habló de un grupo de apoyo mutuo los sábados por la mañana. Fui casi por compromiso.\n\n"
     "Allí descubrí que no era la única que se sentía extranjera en su propia vida. Hoy sigo teniendo noches "
     "difíciles, pero tengo un grupo, dos amigas de verdad y un paseo por el Retiro que es solo mío. Pedir "
     "ayuda no me hizo más débil: me hizo menos sola.",
     ["mental_health.anxiety", "life.immigration"], [], "name"),
    (f"orgadmin001@{DEMO_DOMAIN}", MADRID, BEATRIZ, 14, "Cuidar de mi padre sin olvidarme de mí",
     "Cuando a mi padre le diagnosticaron párkinson, dejé de hacer casi todo lo que me gustaba. Pensaba que "
     "cuidarle bien significaba estar siempre disponible.\n\n"
     "Lo que me ayudó:\n\n"
     "1. Escuchar a otras personas cuidadoras contar lo mismo que yo sentía y no me atrevía a decir.\n"
     "2. Aceptar que mi hermano lo hace distinto, no peor.\n"
     "3. Guardar una tarde a la semana para mí, sin culpa (o con un poco menos).\n\n"
     "Mi padre sigue necesitándome, y yo sigo aquí. Pero ahora también estoy aquí para mí.",
     ["life.caregiving"], ["medical"], "anonymous"),
]

WAITING = (f"member@{DEMO_DOMAIN}", THAMES, "Walking helped more than I expected",
           "Last winter getting out of bed felt like the hardest job I had. My GP suggested walking, and I "
           "nearly laughed. But I started with ten minutes round the block, then the park, then a Saturday "
           "walking group.\n\nIt didn't fix everything. It gave the days a shape, and it gave me people to "
           "say hello to. That turned out to matter more than the steps.",
           ["mental_health.depression"], [])


def demo_stories(log: Callable[[str], None] = lambda message: None) -> None:
    from peercircle.accounts.models import User
    from peercircle.community.models import Story
    from peercircle.community.story_services import story_review, story_submit
    from peercircle.organizations.models import Organization

    emails = {row[0] for row in PUBLISHED} | {row[2] for row in PUBLISHED} | {WAITING[0]}
    people = {user.email: user for user in User.objects.filter(email__in=emails)}
    organizations = {org.slug: org for org in Organization.objects.filter(slug__in=[THAMES, MADRID])}
    if Story.objects.filter(author__in=list(people.values())).exists():
        return
    if len(people) < len(emails) or len(organizations) < 2:
        return
    log("Adding stories of hope: five published, one waiting for a moderator…")
    now = timezone.now()
    for author, slug, moderator, days_ago, title, text, experiences, warnings, byline in PUBLISHED:
        story = story_submit(author=people[author], organization=organizations[slug], title=title, text=text,
                             experience_codes=experiences, content_warnings=warnings, byline=byline)
        story_review(moderator=people[moderator], story=story, decision="publish",
                     note="Thank you for sharing this." if slug == THAMES else "Gracias por compartirla.")
        # Spread the dates so the collection reads like one that grew over weeks.
        when = now - datetime.timedelta(days=days_ago)
        Story.objects.filter(pk=story.pk).update(created_at=when - datetime.timedelta(days=2),
                                                 reviewed_at=when, published_at=when)
    author, slug, title, text, experiences, warnings = WAITING
    story_submit(author=people[author], organization=organizations[slug], title=title, text=text,
                 experience_codes=experiences, content_warnings=warnings)
