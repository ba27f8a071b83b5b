"""Moving a dossier to a given state through the real commands."""

from datetime import date

from states.errors import RuleRefused
from states.runtime import Runtime
from use_cases import dossiers as c

REQUIRED_DOCS = ["registration-form", "business-plan", "organisation", "business-registration",
                 "samples"]


def register(rt: Runtime, unit: str = "Huyện Lục Ngạn", name: str | None = None,
             producer: str = "HTX Vải thiều Lục Ngạn") -> int:
    """A new dossier. Issue 25: a product has one open dossier, so a test that registers several
    without naming their products gets "Vải thiều sấy khô", then "Vải thiều sấy khô 2", …"""
    for n in range(1, 100):
        try:
            return _register(rt, unit, name or "Vải thiều sấy khô" + (f" {n}" if n > 1 else ""),
                             producer)
        except RuleRefused as error:
            if name is not None or "Không đăng ký được: sản phẩm" not in error.message:
                raise
    raise AssertionError("99 products of one name")


def _register(rt: Runtime, unit: str, name: str, producer: str) -> int:
    view = c.register_product(rt, "admin", unit=unit, producer=producer,
                              producer_type="cooperative", product=name, group="food",
                              email="htx.vaithieu@example.vn")
    return int(view.id)


def advance(rt: Runtime, dossier_id: int, to: str, *, district: float = 62,
            provincial: float = 75, on: date | None = None) -> None:
    """Walk an evaluation from wherever the dossier is to `to` along the happy path."""
    on = on or rt.clock.today()
    path = ["district_inspected", "district_scored", "provincial_review", "certified"]
    steps = {
        "district_inspected": lambda: c.inspect(rt, "admin", dossier_id, on=on,
                                                inspectors=["Nguyễn Văn An"], minutes_ref="BB-01"),
        "district_scored": lambda: c.score(rt, "admin", dossier_id, totals=[district]),
        "provincial_review": lambda: (
            c.update_documents(rt, "admin", dossier_id, add=REQUIRED_DOCS, remove=[]),
            c.forward(rt, "admin", dossier_id)),
        "certified": lambda: c.certify(rt, "admin", dossier_id, totals=[provincial],
                                       decision="123/QĐ-UBND", on=on),
    }
    if to == "registered":
        return
    for state in path:
        steps[state]()
        if state == to:
            return
    raise ValueError(to)
