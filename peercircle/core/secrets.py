"""Secrets generated on first run and kept in the data folder (embedded default only)."""

import os
import secrets
from pathlib import Path


def ensure_data_dir(path: str) -> Path:
    data_dir = Path(path).expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    return data_dir


def persistent_secret(path: Path, *, kind: str = "django") -> str:
    """Read a secret from `path`, creating it (readable by the owner only) on first use."""
    if path.exists():
        return path.read_text().strip()
    if kind == "fernet":
        from cryptography.fernet import Fernet

        value = Fernet.generate_key().decode()
    else:
        value = secrets.token_urlsafe(50)
    # O_EXCL: two processes starting at once must not each write a different key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value
