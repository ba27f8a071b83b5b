"""E-mail addresses are checked when saved, so nothing bad is found only at send time."""

from email_validator import EmailNotValidError, validate_email

from states.errors import InvalidInput

# email-validator explains in English; what each of its explanations means, said again.
WHY_NOT_AN_ADDRESS = (
    ("must have an @-sign", "thiếu dấu @"),
    ("something before the @-sign", "thiếu phần tên trước dấu @"),
    ("something after the @-sign", "thiếu tên miền sau dấu @"),
    ("after the @-sign", "tên miền sau dấu @ không hợp lệ"),
    ("invalid character", "có ký tự không được dùng trong địa chỉ email"),
    ("too long", "địa chỉ quá dài"),
    ("period", "dấu chấm đặt sai chỗ"),
)


# Seed files ship placeholder addresses (RFC 2606 reserves .invalid) until the province sets
# its own: only the file outbox may take them, a real transport refuses to send to them.
PLACEHOLDER_DOMAIN = "@example.invalid"


def is_placeholder(address: str) -> bool:
    return address.lower().rstrip(".").endswith(".invalid")


def valid_email(address: str) -> str:
    try:
        return validate_email(address.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        why = next((reason for clue, reason in WHY_NOT_AN_ADDRESS if clue in str(error)),
                   "không đúng dạng")
        raise InvalidInput(f"Địa chỉ email '{address}' không hợp lệ: {why} "
                           "(cần dạng ten@ten-mien.vn).") from None


def valid_emails(addresses: list[str]) -> list[str]:
    return list(dict.fromkeys(valid_email(a) for a in addresses))
