"""Column defaults of the registry (issue 13): an accent-folded copy of a name for the public
look-up, and a certificate's random public token. Defaults, so every writer fills them alike."""

import secrets
from collections.abc import Callable
from typing import Any

from states.folding import fold

TOKEN_BYTES = 16  # 128 random bits: 22 characters in a URL, never guessed nor enumerated


def folded_from(column: str) -> Callable[[Any], str]:
    """The folded form ("ga doi yen the") of `column`'s value in the same INSERT."""

    def default(context: Any) -> str:
        return fold(str(context.get_current_parameters()[column]))

    return default


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)
