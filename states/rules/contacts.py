"""E-mail addresses are checked when saved, so nothing bad is found only at send time."""

from email_validator import EmailNotValidError, validate_email

from states.errors import InvalidInput

# Seed files ship placeholder addresses (RFC 2606 reserves .invalid) until the province sets
# its own: only the file outbox may take them, a real transport refuses to send to them.
PLACEHOLDER_DOMAIN = "@example.invalid"


def is_placeholder(address: str) -> bool:
    return address.lower().rstrip(".").endswith(".invalid")


def valid_email(address: str) -> str:
    try:
        return validate_email(address.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidInput(f"Địa chỉ email '{address}' không hợp lệ: {error}") from None


def valid_emails(addresses: list[str]) -> list[str]:
    return list(dict.fromkeys(valid_email(a) for a in addresses))
