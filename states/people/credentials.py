"""Passwords (argon2id), one-time passwords, and the random tokens of sessions and the API."""

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from states.errors import InvalidInput

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256
# argon2-cffi's defaults are RFC 9106's low-memory profile: argon2id, 64 MiB, t=3 (~50 ms here).
_hasher = PasswordHasher()
# Verifying against this when the user does not exist costs the same time as a real check,
# so the answer's timing does not tell which login names exist.
_DUMMY_HASH = _hasher.hash("không-có-người-dùng-này")


def check_password_policy(password: str, username: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(f"Mật khẩu dài quá {MAX_PASSWORD_LENGTH} ký tự.")
    if password.strip().casefold() == username.strip().casefold():
        raise InvalidInput("Mật khẩu không được trùng tên đăng nhập.")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def generate_password() -> str:
    """A one-time password a person can type: 16 characters, ~96 bits."""
    return secrets.token_urlsafe(12)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What is stored for a session or API token: its SHA-256 (the token is random, so a fast
    hash is enough; a slow one would cost every request)."""
    return hashlib.sha256(token.encode()).hexdigest()
