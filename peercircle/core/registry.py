"""Extension points other apps plug into, so the foundation does not import them.

- connection providers: "are these two people connected?" (a match, a shared group).
  Profile fields visible to "my matches and groups" use them.
- personal data providers: each app that stores personal data contributes to the data
  export and carries out account erasure for its own records.
"""

from collections.abc import Callable
from dataclasses import dataclass

ConnectionProvider = Callable[[object, object], bool]

_connection_providers: list[ConnectionProvider] = []
_personal_data: dict[str, "PersonalDataProvider"] = {}


@dataclass(frozen=True)
class PersonalDataProvider:
    """`export(user) -> JSON-able`; `erase(user, keep_public_posts)` removes or anonymizes."""

    name: str
    export: Callable[[object], object]
    erase: Callable[[object, bool], None]


def register_connection_provider(provider: ConnectionProvider) -> ConnectionProvider:
    if provider not in _connection_providers:
        _connection_providers.append(provider)
    return provider


def connection_providers() -> list[ConnectionProvider]:
    return list(_connection_providers)


def register_personal_data(provider: PersonalDataProvider) -> None:
    _personal_data[provider.name] = provider


def personal_data_providers() -> list[PersonalDataProvider]:
    return [ _personal_data[name] for name in sorted(_personal_data) ]
