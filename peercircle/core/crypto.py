"""Encryption at rest for confidential text (Fernet, with key rotation).

Keys come from PEERCIRCLE_ENCRYPTION_KEYS (newest first). MultiFernet encrypts with the
newest key and decrypts with any, so adding a key and running `peercircle rotate-keys`
re-encrypts every stored value without downtime; the old key can then be removed.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction

PREFIX = "fernet:"


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("PEERCIRCLE_ENCRYPTION_KEYS holds no key.")
    return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.PEERCIRCLE_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    return PREFIX + fernet().encrypt(plaintext.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        # Written before the field was encrypted; it is re-encrypted on the next save.
        return stored
    try:
        return fernet().decrypt(stored[len(PREFIX):].encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "An encrypted value could not be read with any configured key. "
            "Was a key removed from PEERCIRCLE_ENCRYPTION_KEYS before `peercircle rotate-keys` ran?"
        ) from exc


class EncryptedTextField(models.TextField):
    """A TextField whose value is stored encrypted. It cannot be searched or filtered on."""

    description = "Text encrypted at rest with Fernet"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name not in {"isnull", "exact"}:
            raise TypeError(f"Encrypted fields cannot be searched with __{lookup_name}.")
        return super().get_lookup(lookup_name)


def encrypted_fields():
    """Yield (model, [field names]) for every model holding encrypted text."""
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            yield model, names


def rotate_all(batch_size: int = 500) -> dict[str, int]:
    """Re-encrypt every stored value with the newest key. Safe to run twice."""
    multi = fernet()
    counts: dict[str, int] = {}
    for model, names in encrypted_fields():
        columns = [model._meta.get_field(name).column for name in names]
        count = 0
        table = model._meta.db_table
        pk_column = model._meta.pk.column
        # Work on the stored ciphertext directly: no decrypt/encrypt round trip through Python
        # objects, and rows written before encryption get encrypted too.
        queryset = model._base_manager.order_by("pk").values_list("pk", flat=True)
        for start in range(0, queryset.count(), batch_size):
            pks = list(queryset[start:start + batch_size])
            with transaction.atomic():
                from django.db import connection

                with connection.cursor() as cursor:
                    placeholders = ",".join(["%s"] * len(pks))
                    qn = connection.ops.quote_name
                    # Lock the rows until the batch commits, so a value saved in between is
                    # not overwritten with the re-encrypted old one. SQLite has no FOR UPDATE;
                    # its transactions begin IMMEDIATE here, holding the write lock throughout.
                    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
                    cursor.execute(
                        f"SELECT {qn(pk_column)}, {', '.join(qn(c) for c in columns)} "
                        f"FROM {qn(table)} WHERE {qn(pk_column)} IN ({placeholders}){lock}",
                        pks,
                    )
                    for row in cursor.fetchall():
                        pk, values = row[0], row[1:]
                        updates = []
                        for value in values:
                            if not value:
                                updates.append(value)
                            elif value.startswith(PREFIX):
                                token = multi.rotate(value[len(PREFIX):].encode()).decode()
                                updates.append(PREFIX + token)
                            else:
                                updates.append(encrypt(value))
                        assignments = ", ".join(f"{qn(c)} = %s" for c in columns)
                        cursor.execute(
                            f"UPDATE {qn(table)} SET {assignments} WHERE {qn(pk_column)} = %s",
                            [*updates, pk],
                        )
                        count += 1
        counts[model._meta.label] = count
    return counts
