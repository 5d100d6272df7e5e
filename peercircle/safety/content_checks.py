"""Checks on what a text *gives* others, beside how its writer is doing (that is screening):

- `method_details`: ways or means of hurting oneself (a lethal amount, the "best way", how to
  tie or cut). A post with them waits for a moderator, and its author is told why — safe
  messaging guidance is that method details harm readers who are at risk.
- `contact_details`: an email address, a phone number or a messaging handle.
- `dosing_advice`: telling someone how much of a medicine to take, or to stop it.
  These two are the boundary checks an organization can turn on for direct messages.

Each returns the phrases found (empty when none), so a moderator sees why a text was held."""

import re

from peercircle.safety.screening.normalize import normalize

_PILLS = r"(?:pills?|tablets?|capsules?|mg|milligrams?|grams?|pastillas?|comprimidos?|capsulas?|gramos?)"
_DIE = (r"(?:die|be dead|kill (?:myself|yourself|someone|you|me)|end (?:it|my life|your life)|overdose|od|"
        r"not wake up|morir|matarme|matarte|suicidarme|suicidarte|no despertar|acabar con todo)")

METHOD = re.compile("|".join([
    r"\blethal (?:dose|amount|quantity)\b",
    r"\bdosis (?:letal|mortal)\b",
    rf"\benough {_PILLS}?\s*(?:\w+\s){{0,3}}to {_DIE}\b",
    rf"\bhow (?:many|much)\b.{{0,60}}\bto {_DIE}\b",
    rf"\b\d+\s*{_PILLS}\b.{{0,40}}\b(?:will|would|should|to|is enough to|are enough to|para) {_DIE}\b",
    rf"\b(?:best|easiest|quickest|fastest|surest|painless|least painful|cleanest) (?:way|method|ways|methods) (?:to|of) {_DIE}\b",
    r"\b(?:how to|way to) (?:tie a noose|hang (?:myself|yourself|oneself))\b",
    r"\btie (?:a|the) noose\b",
    r"\bcut (?:deeper|deep enough|vertically|along the (?:vein|arm)|down the arm)\b",
    rf"\bcuant[ao]s? {_PILLS}\b.{{0,30}}\b(?:para|hacen falta para|necesitas para) {_DIE}\b",
    rf"\b(?:forma|manera|metodo) (?:mas )?(?:facil|rapida|segura|indolora|sin dolor) de {_DIE}\b",
    r"\bcomo (?:ahorcarse|ahorcarme|ahorcarte|hacer (?:una|la) soga|hacer un nudo corredizo)\b",
    r"\bcortar(?:se|me|te)? (?:mas profundo|en vertical|a lo largo)\b",
    r"\bmix(?:ing)? (?:\w+ ){1,3}with (?:\w+ ){1,3}(?:to|and you) (?:die|overdose|od|not wake up)\b",
]))

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]{2,}", re.UNICODE)
_PHONE = re.compile(r"(?<![\w/])(?:\+?\d[\s.\-()]*){8,14}\d(?![\w/])")
_HANDLE = re.compile(
    r"\b(?:whats ?app|telegram|signal|snap(?:chat)?|insta(?:gram)?|tik ?tok|discord|facebook|kik|wechat|line id)"
    r"\b.{0,20}(?:@?[\w.]{3,}|\d{6,})"
    r"|\b(?:my|mi) (?:number|numero|phone|telefono|movil|cell|email|correo|address|direccion) (?:is|es)\b",
    re.IGNORECASE)

DOSING = re.compile("|".join([
    rf"\b(?:take|try|up it to|increase (?:it|your dose) to|go up to|toma|prueba con|sube a) \d+\s*{_PILLS}\b",
    r"\b(?:double|halve|up|lower|increase|decrease) your (?:dose|dosage|meds|medication)\b",
    r"\b(?:stop|quit|come off) (?:taking )?your (?:meds|medication|medicine|pills|antidepressants?|methadone|suboxone|buprenorphine)\b",
    r"\b(?:deja|dejar) de tomar (?:tu|tus|la|las) (?:medicacion|medicamentos?|pastillas|antidepresivos?|metadona)\b",
    r"\b(?:duplica|dobla|sube|baja) (?:tu|la) dosis\b",
]))


def _found(pattern: re.Pattern, text: str) -> list[str]:
    return list(dict.fromkeys(match.group(0).strip() for match in pattern.finditer(text)))[:5]


def method_details(text: str) -> list[str]:
    return _found(METHOD, normalize(text or ""))


def contact_details(text: str) -> list[str]:
    raw = text or ""
    return list(dict.fromkeys(_found(_EMAIL, raw) + _found(_PHONE, raw) + _found(_HANDLE, raw)))[:5]


def dosing_advice(text: str) -> list[str]:
    return _found(DOSING, normalize(text or ""))


def flags_for(text: str) -> list[str]:
    """The names of the checks a text trips, for the pipeline's `PreparedText.flags`."""
    flags = []
    for name, check in (("method_details", method_details), ("contact_details", contact_details),
                        ("dosing_advice", dosing_advice)):
        if check(text):
            flags.append(name)
    return flags
