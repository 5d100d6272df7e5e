"""Small readers for what a person gets back: page text, the page's structure, links."""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.test import Client


def signed_in(user) -> Client:
    """A browser session signed in as `user` (no password or two-factor round trip)."""
    client = Client()
    client.force_login(user)
    return client


def text(response) -> str:
    """The response body with HTML entities decoded, for "the page says …" assertions."""
    return html.unescape(response.content.decode())


def form_error(response, message: str) -> bool:
    return message in text(response)


@dataclass
class PageOutline:
    html_lang: str | None = None
    h1_count: int = 0
    has_skip_link: bool = False
    labels_for: set[str] = field(default_factory=set)
    fields: list[dict] = field(default_factory=list)
    scripts: list[dict] = field(default_factory=list)
    event_handlers: list[str] = field(default_factory=list)
    dangerous_urls: list[str] = field(default_factory=list)
    embedded: list[str] = field(default_factory=list)
    _label_depth: int = 0

    def unlabelled_fields(self) -> list[str]:
        missing = []
        for f in self.fields:
            if f["in_label"] or f.get("aria-label") or f.get("aria-labelledby"):
                continue
            if f.get("id") and f["id"] in self.labels_for:
                continue
            missing.append(f.get("name") or f.get("id") or f["tag"])
        return missing

    def executable(self, *, allowed_script_prefix: str = "/static/") -> list[str]:
        """Anything in the page that could run script, other than our own static files."""
        found = [f"<script {s}>" for s in self.scripts
                 if not (s.get("src") or "").startswith(allowed_script_prefix)
                 and s.get("type") not in _DATA_SCRIPT_TYPES]
        return found + self.event_handlers + self.dangerous_urls + self.embedded


_DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}  # data blocks; browsers never run them
_DANGEROUS_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "poster"}
_EMBEDDING_TAGS = {"iframe", "object", "embed", "svg", "math", "frame", "frameset", "base", "meta-refresh"}
_FIELD_TAGS = {"input", "select", "textarea"}
_UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.outline = PageOutline()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        o = self.outline
        if tag == "html":
            o.html_lang = attributes.get("lang")
        elif tag == "h1":
            o.h1_count += 1
        elif tag == "label":
            o._label_depth += 1
            if attributes.get("for"):
                o.labels_for.add(attributes["for"])
        elif tag == "a" and (attributes.get("href") or "").startswith("#") and "skip" in (attributes.get("class") or ""):
            o.has_skip_link = True
        elif tag == "script":
            o.scripts.append(attributes)
        if tag in _FIELD_TAGS and attributes.get("type", "text") not in _UNLABELLED_INPUT_TYPES:
            o.fields.append({"tag": tag, "in_label": o._label_depth > 0, **attributes})
        if tag in _EMBEDDING_TAGS:
            o.embedded.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                o.event_handlers.append(f"<{tag} {name}=…>")
            if name in _URL_ATTRIBUTES and value and _DANGEROUS_SCHEME.match(value):
                o.dangerous_urls.append(f"<{tag} {name}={value!r}>")
            if name == "style" and value and "javascript:" in value.lower():
                o.dangerous_urls.append(f"<{tag} style={value!r}>")

    def handle_endtag(self, tag):
        if tag == "label" and self.outline._label_depth:
            self.outline._label_depth -= 1


def outline(response_or_html) -> PageOutline:
    source = response_or_html if isinstance(response_or_html, str) else response_or_html.content.decode()
    reader = _Reader()
    reader.feed(source)
    reader.close()
    return reader.outline


def links_to_other_hosts(source: str, *, own_host: str = "testserver") -> list[str]:
    """Absolute http(s) URLs, and protocol-relative src/href, that point away from us."""
    urls = re.findall(r"https?://[A-Za-z0-9.\-]+", source)
    urls += re.findall(r"""(?:src|href)\s*=\s*["']//[A-Za-z0-9.\-]+""", source)
    return [u for u in urls if u.split("//", 1)[1] not in {own_host, "127.0.0.1", "localhost"}]


class _FormReader(HTMLParser):
    """The values a browser would submit from the form with `form_id`, as rendered."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.values.setdefault(name, []).append(a.get("value") or default)
        elif tag == "select" and name:
            # A single select with nothing marked submits its first option; a multiple one, nothing.
            self._select, self._select_first, self._select_chosen = name, None, "multiple" in a
            self.values.setdefault(name, [])
        elif tag == "option" and self._select:
            if self._select_first is None:
                self._select_first = a.get("value", "")
            if "selected" in a:
                self.values[self._select].append(a.get("value", ""))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self.values[self._select].append(self._select_first)
            self._select = None
        elif tag == "textarea":
            if self._textarea and self.values[self._textarea][0].startswith("\n"):
                self.values[self._textarea][0] = self.values[self._textarea][0][1:]
            self._textarea = None


def form_values(response, form_id: str) -> dict:
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    return {name: values if len(values) != 1 else values[0] for name, values in reader.values.items()}
