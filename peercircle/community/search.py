"""Search over the forums' threads and posts, one interface on both databases.

`search_posts(user, query, space=..., page=...)` answers a page of posts that match every word
(a word of three letters or more also finds longer words it begins: "walk" finds "walking";
words in double quotes must come together). What a person may find is exactly what the pages
show them (`access.search_scope`); each hit carries the name readers see on the post (the
pseudonym, never the account behind it) and a snippet with the words marked.

The index (`search_index`) is SQLite FTS5 on the embedded default and a tsvector table on
PostgreSQL, kept by triggers. The person's words never reach either query language: they are
cut into letters-and-digits words here and quoted, so quotes, `*`, `NEAR`, `AND`/`OR`, `:`,
`&`, `!` or brackets are just characters to skip. Case and accents are folded on both sides
("cafe" finds "Café"), and nothing is stemmed, so English and Spanish are searched alike."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from peercircle.community.access import SearchScope, search_scope
from peercircle.community.models import ContentWarning, Post, PostState, Space

RESULTS_PER_PAGE = 20
# Counting every match of a very common word costs as much as the search; past this many,
# the page says "more than" and asks for another word.
COUNT_CAP = 1000
# Relevance is worked out among this many of the newest matches (see _BACKENDS).
CANDIDATES = 5000
MAX_QUERY_LENGTH = 300
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
PREFIX_FROM = 3  # words this long or longer also find words they begin
SNIPPET_LENGTH = 240

_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"')
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|blockquote|pre|h3|h4|br|hr)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")


def fold(text: str) -> str:
    """Lower case without accents, as both indexes keep words: "Café" → "cafe", "Ñandú" → "nandu"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@dataclass(frozen=True)
class Terms:
    """The person's words, folded: each group is one word, or the words of a quoted phrase."""

    groups: tuple[tuple[str, ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def words(self) -> set[str]:
        return {word for group in self.groups for word in group}

    @property
    def prefixes(self) -> set[str]:
        return {group[0] for group in self.groups if len(group) == 1 and len(group[0]) >= PREFIX_FROM}


def parse(query: str) -> Terms:
    query = unicodedata.normalize("NFC", query or "")[:MAX_QUERY_LENGTH]
    groups: list[tuple[str, ...]] = []

    def words_of(text: str) -> list[str]:
        return [word[:MAX_WORD_LENGTH] for word in _WORD.findall(fold(text))]

    position = 0
    for match in _PHRASE.finditer(query):
        groups.extend((word,) for word in words_of(query[position:match.start()]))
        phrase = tuple(words_of(match.group(1)))
        if phrase:
            groups.append(phrase)
        position = match.end()
    groups.extend((word,) for word in words_of(query[position:]))
    return Terms(groups=tuple(dict.fromkeys(groups))[:MAX_WORDS])


# --- The two databases -------------------------------------------------------------------------

# A word that also finds longer words is asked for twice, as itself and as a beginning, so a post
# with the very word ranks above one with only longer words ("walk" before "walking").

def _fts5_expression(terms: Terms) -> str:
    parts = []
    for group in terms.groups:
        quoted = '"' + " ".join(group) + '"'  # words are letters and digits only: nothing to escape
        parts.append(f"({quoted} OR {quoted}*)" if len(group) == 1 and len(group[0]) >= PREFIX_FROM else quoted)
    return " AND ".join(parts)


def _tsquery_expression(terms: Terms) -> str:
    parts = []
    for group in terms.groups:
        if len(group) == 1:
            word = group[0]
            parts.append(f"('{word}' | '{word}':*)" if len(word) >= PREFIX_FROM else f"'{word}'")
        else:
            parts.append("(" + " <-> ".join(f"'{word}'" for word in group) + ")")
    return " & ".join(parts)


_JOINS = "JOIN community_post p ON p.id = {key} JOIN community_thread t ON t.id = p.thread_id"

# Each backend: the index joined to the posts and threads, the match, and the two steps of
# ranking. The newest CANDIDATES readable matches are taken first (both indexes walk matches by
# post id cheaply), and only those are scored: scoring every post that has a very common word
# would cost as much as reading them all.
_BACKENDS = {
    "sqlite": {
        "from": "community_post_fts " + _JOINS.format(key="community_post_fts.rowid"),
        "match": "community_post_fts MATCH %s",
        "newest": "community_post_fts.rowid DESC",
        "score": "bm25(community_post_fts, 4.0, 1.0)",  # lower is better
        "order": "c.score, c.created_at DESC, c.id DESC",
        "order_params": 0,
        "expression": _fts5_expression,
    },
    "postgresql": {
        # Each match looks up its post and thread by primary key (OFFSET 0 keeps the planner from
        # reading the whole posts table to join the matches of a middling word).
        "from": ("community_post_search s CROSS JOIN LATERAL (SELECT id, created_at, thread_id, state, author_id "
                 "FROM community_post WHERE id = s.post_id OFFSET 0) p CROSS JOIN LATERAL (SELECT space_id, state, "
                 "author_id FROM community_thread WHERE id = p.thread_id OFFSET 0) t"),
        "match": "s.document @@ to_tsquery('simple', community_search_fold(%s))",
        "newest": "s.post_id DESC",
        "score": "s.document",  # ranked outside, on the candidates only
        "order": "ts_rank(c.score, to_tsquery('simple', community_search_fold(%s))) DESC, "
                 "c.created_at DESC, c.id DESC",
        "order_params": 1,
        "expression": _tsquery_expression,
    },
}


def _scope_sql(scope: SearchScope) -> tuple[str, list]:
    """The pages' rules as SQL: readable spaces, visible posts (or one's own) in threads one
    could open, nobody a block separates from."""
    marks = ", ".join(["%s"] * len(scope.space_ids))
    sql = [f"t.space_id IN ({marks})", "(p.state = %s OR p.author_id = %s)", "(t.state = %s OR t.author_id = %s)"]
    params = [*scope.space_ids, PostState.VISIBLE, scope.person_id, PostState.VISIBLE, scope.person_id]
    if scope.hidden_authors:
        hidden = sorted(scope.hidden_authors)
        marks = ", ".join(["%s"] * len(hidden))
        sql += [f"(p.author_id IS NULL OR p.author_id NOT IN ({marks}))",
                f"(t.author_id IS NULL OR t.author_id NOT IN ({marks}))"]
        params += hidden + hidden
    return " AND ".join(sql), params


def _matching_ids(terms: Terms, scope: SearchScope, *, offset: int, limit: int) -> tuple[int, list[int]]:
    """(how many match, up to COUNT_CAP + 1; the post ids of one page, best first)."""
    backend = _BACKENDS[connection.vendor]
    expression = backend["expression"](terms)
    where, params = _scope_sql(scope)
    base = f"FROM {backend['from']} WHERE {backend['match']} AND {where}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {COUNT_CAP + 1}) found", [expression, *params])
        total = cursor.fetchone()[0]
        if total <= offset:
            return total, []
        candidates = (f"SELECT p.id AS id, p.created_at AS created_at, {backend['score']} AS score {base} "
                      f"ORDER BY {backend['newest']} LIMIT {CANDIDATES}")
        cursor.execute(f"SELECT c.id FROM ({candidates}) c ORDER BY {backend['order']} LIMIT %s OFFSET %s",
                       [expression, *params, *[expression] * backend["order_params"], limit, offset])
        return total, [row[0] for row in cursor.fetchall()]


def available() -> bool:
    return connection.vendor in _BACKENDS


# --- Showing what was found ---------------------------------------------------------------------

def _plain(html: str) -> str:
    from html import unescape

    return " ".join(unescape(_ANY_TAG.sub("", _BLOCK_TAG.sub(" ", html or ""))).split())


def _marked(text: str, terms: Terms, start: int = 0, end: int | None = None) -> str:
    """text[start:end], every character escaped, the words that match wrapped in <mark>."""
    end = len(text) if end is None else end
    words, prefixes = terms.words, terms.prefixes
    out, position = [], start
    for match in _WORD.finditer(text, start, end):
        word = fold(match.group())
        if word in words or any(word.startswith(prefix) for prefix in prefixes):
            out += [escape(text[position:match.start()]), "<mark>", escape(match.group()), "</mark>"]
            position = match.end()
    out.append(escape(text[position:end]))
    return "".join(out)


def highlight(text: str, terms: Terms) -> SafeString:
    return mark_safe(_marked(unicodedata.normalize("NFC", text or ""), terms))  # noqa: S308 (escaped above)


def snippet(html: str, terms: Terms, length: int = SNIPPET_LENGTH) -> SafeString:
    """About `length` characters of the post around its first matching word, escaped, the
    matching words marked."""
    text = unicodedata.normalize("NFC", _plain(html))
    words, prefixes = terms.words, terms.prefixes
    first = next((m.start() for m in _WORD.finditer(text)
                  if (w := fold(m.group())) in words or any(w.startswith(p) for p in prefixes)), 0)
    start = max(0, first - length // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    marked = _marked(text, terms, start, end)
    return mark_safe(("… " if start else "") + marked + (" …" if end < len(text) else ""))  # noqa: S308


@dataclass
class SearchHit:
    post: Post
    author_name: str
    is_mine: bool
    title_html: SafeString
    snippet_html: SafeString
    collapsed: bool
    url: str

    @property
    def thread(self):
        return self.post.thread

    @property
    def space(self):
        return self.post.thread.space

    @property
    def warning_labels(self) -> list[str]:
        return [str(ContentWarning(code).label) for code in self.post.content_warnings
                if code in ContentWarning.values]


@dataclass
class SearchPage:
    query: str
    space: Space | None = None
    hits: list[SearchHit] = field(default_factory=list)
    number: int = 1
    pages: int = 1
    total: int = 0
    # True when there are more than COUNT_CAP matches (total is then COUNT_CAP).
    more: bool = False
    # Said to the person instead of (or with) results: never an error.
    message: str = ""
    searched: bool = False

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def _page_number(page) -> int:
    try:
        return max(1, int(page))
    except (TypeError, ValueError):
        return 1


def search_posts(user, query: str, *, space: Space | None = None, page=1,
                 per_page: int = RESULTS_PER_PAGE) -> SearchPage:
    """One page of what `user` may find for `query`, most relevant first, then the newest.
    A constant number of queries whatever the page size."""
    from peercircle.community.notices import shown_name
    from peercircle.community.selectors import collapse_set

    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    result = SearchPage(query=query, space=space)
    if not query:
        result.message = _("Type a word or two to search the forums.")
        return result
    terms = parse(query)
    if not terms:
        result.message = _("Please type at least one word — letters or numbers — to search.")
        return result
    if not available():
        result.message = _("Search isn't available on this server.")
        return result
    result.searched = True
    scope = search_scope(user, space)
    number = _page_number(page)
    total, ids = (0, []) if not scope.space_ids else _matching_ids(
        terms, scope, offset=(number - 1) * per_page, limit=per_page)
    result.more, total = total > COUNT_CAP, min(total, COUNT_CAP)
    result.total, result.pages = total, max(1, -(-total // per_page))
    result.number = min(number, result.pages)
    if total and not ids and number > result.pages:  # asked past the last page: show the last one
        _total, ids = _matching_ids(terms, scope, offset=(result.pages - 1) * per_page, limit=per_page)
    if not total:
        result.message = _("Nothing found for “%(query)s”. Try fewer words, or other words for the same thing.") % {
            "query": query}
        return result
    posts = Post.objects.filter(pk__in=ids).select_related(
        "thread", "thread__space", "pseudonym", "author", "author__profile")
    by_id = {post.pk: post for post in posts}
    collapse = collapse_set(user)
    for post_id in ids:
        post = by_id.get(post_id)
        if post is None:  # deleted between the two queries
            continue
        result.hits.append(SearchHit(
            post=post, author_name=shown_name(post), is_mine=post.author_id == user.pk,
            title_html=highlight(post.thread.title, terms), snippet_html=snippet(post.html, terms),
            collapsed=bool(set(post.content_warnings) & collapse),
            url=reverse("community:post", args=[post.pk])))
    return result
