"""The forums' pages, under /community/ and /stories/. Each part lives in its own module."""

from peercircle.community import moderation_urls, page_urls, search_urls, space_urls, story_urls

app_name = "community"

urlpatterns = page_urls.urlpatterns + space_urls.urlpatterns + story_urls.urlpatterns + moderation_urls.urlpatterns + search_urls.urlpatterns
