"""Certificate terms: 36 months from the recognition decision, month ends clamped."""

from datetime import date

from dateutil.relativedelta import relativedelta


def expiry_date(recognised_on: date, months: int) -> date:
    # relativedelta clamps to the month's last day: 29/02/2020 + 36 months = 28/02/2023.
    expires: date = recognised_on + relativedelta(months=months)
    return expires


def certificate_number(recognised_on: date, dossier_id: int, cycle: int) -> str:
    return f"OCOP-{recognised_on.year}-{dossier_id:06d}-{cycle}"
