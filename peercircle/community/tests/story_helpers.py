"""Stories made the way people make them: submitted through the service, then read by a moderator."""

from peercircle.community.story_services import story_review, story_submit


def submitted(author, organization, *, title="The year I started walking again", text="It got better, slowly.",
              experiences=("grief.parent",), warnings=(), byline="anonymous"):
    return story_submit(author=author, organization=organization, title=title, text=text,
                        experience_codes=list(experiences), content_warnings=list(warnings), byline=byline)


def published(author, organization, moderator, **kwargs):
    story = submitted(author, organization, **kwargs)
    return story_review(moderator=moderator, story=story, decision="publish", note="Thank you for this.")
