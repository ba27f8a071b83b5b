"""Who prepared a dossier: recorded at registration, edited afterwards with before and after in
the history, consultants kept once however they are spelt, nothing written on bad input."""

import pytest
from sqlalchemy import func, select

from states.db.models import Consultant, Dossier, DossierPreparation, OutboxMessage
from states.errors import InvalidInput, NotFound, PermissionDenied
from states.runtime import Runtime
from states.training.preparation_commands import parse_preparation
from states.vocabulary import ContractedPart, PreparedBy
from use_cases import admin
from use_cases import dossiers as c
from use_cases.queries import dossier_history, show_dossier


def count(rt: Runtime, model: type) -> int:
    with rt.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def register(rt: Runtime, *options: object, actor: str = "admin",
             product: str = "Vải thiều sấy") -> int:
    prepared_by, officer, consultant, parts = options
    view = c.register_product(
        rt, actor, unit="Lục Ngạn", producer="HTX Vải thiều", producer_type="cooperative",
        product=product, group="food",
        preparation=parse_preparation(prepared_by, officer, consultant, parts))  # type: ignore[arg-type]
    return view.id


def test_registration_records_the_consultant_and_the_parts(any_rt: Runtime) -> None:
    dossier_id = register(any_rt, None, None, "Cty TNHH Tư vấn ABC",
                          ["product-story", "business-plan", "product-story"])
    view = show_dossier(any_rt, "admin", dossier_id).preparation
    assert view is not None
    assert (view.prepared_by, view.consultant) == (PreparedBy.CONSULTANT, "Cty TNHH Tư vấn ABC")
    assert view.contracted == [ContractedPart.PRODUCT_STORY, ContractedPart.BUSINESS_PLAN]
    assert view.by_consultant == ["Phương án kinh doanh", "Câu chuyện sản phẩm"]
    assert view.by_producer == ["Nhãn và bao bì", "Kiểm nghiệm"]
    events = dossier_history(any_rt, "admin", dossier_id)
    assert [e.trigger for e in events] == ["register", "preparation"]
    assert events[1].details == {"before": None, "after": {
        "prepared_by": "consultant", "officer": None, "consultant": "Cty TNHH Tư vấn ABC",
        "contracted": ["product-story", "business-plan"]}}


def test_editing_keeps_before_and_after_and_one_row_per_firm(any_rt: Runtime) -> None:
    dossier_id = register(any_rt, "producer", None, None, [])
    other = register(any_rt, None, None, "Cty TNHH Tư vấn ABC", ["testing"], product="Vải tươi")
    view = c.set_preparation(any_rt, "admin", dossier_id, parse_preparation(
        None, None, "CÔNG TY TNHH TƯ VẤN ABC", ["testing", "whole-dossier"]))
    assert view.consultant == "Cty TNHH Tư vấn ABC"  # as first written
    assert (view.by_consultant, view.by_producer) == (["Toàn bộ hồ sơ"], [])
    assert count(any_rt, Consultant) == 1
    last = dossier_history(any_rt, "admin", dossier_id)[-1]
    assert last.trigger == "preparation"
    assert last.details["before"]["prepared_by"] == "producer"
    assert last.details["after"]["contracted"] == ["whole-dossier"]
    again = c.set_preparation(any_rt, "admin", dossier_id, parse_preparation(
        "consultant", None, "Cty TNHH Tư vấn ABC", ["whole-dossier"]))
    assert again == view
    assert len(dossier_history(any_rt, "admin", dossier_id)) == 3  # the same again: no event
    assert show_dossier(any_rt, "admin", other).preparation is not None


@pytest.mark.parametrize(("options", "message"), [
    (("consultant", None, None, ["testing"]), "tên đơn vị tư vấn"),
    ((None, None, "Cty ABC", []), "phần thuê tư vấn"),
    (("producer", None, None, ["testing"]), "chỉ ghi khi hồ sơ thuê tư vấn"),
    (("officer", None, None, []), "Cần tên người dùng của cán bộ hỗ trợ"),
    (("producer", "admin", None, []), "Cán bộ hỗ trợ chỉ ghi khi"),
    (("someone", None, None, []), "Người chuẩn bị hồ sơ 'someone' không hợp lệ"),
    ((None, None, "Cty ABC", ["logo"]), "Phần thuê tư vấn 'logo' không hợp lệ"),
    ((None, None, "  ..  ", ["testing"]), "tên đơn vị tư vấn"),
])
def test_nonsense_is_refused_before_anything_is_written(
        rt: Runtime, options: tuple[object, ...], message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as refused:
        register(rt, *options)
    # Named in words, never as a face's option; the faces read the codes.
    assert "--" not in refused.value.message
    assert refused.value.fields or "không hợp lệ" in message
    assert (count(rt, Dossier), count(rt, OutboxMessage)) == (0, 0)


def test_a_helping_officer_must_exist_and_belong_to_the_unit(rt: Runtime) -> None:
    admin.add_user(rt, "admin", "can-bo-yen-the", "district", "Yên Thế", None)
    with pytest.raises(NotFound):
        register(rt, None, "ai-do", None, [])
    with pytest.raises(InvalidInput, match="không thuộc Huyện Lục Ngạn"):
        register(rt, None, "can-bo-yen-the", None, [])
    # The registration and its letter went with the refused preparation.
    assert (count(rt, Dossier), count(rt, DossierPreparation), count(rt, OutboxMessage)) == (0, 0, 0)


def test_only_the_units_own_officers_and_the_department_edit_it(rt: Runtime) -> None:
    admin.add_user(rt, "admin", "can-bo-luc-ngan", "district", "Lục Ngạn", None)
    admin.add_user(rt, "admin", "can-bo-yen-the", "district", "Yên Thế", None)
    dossier_id = register(rt, None, "can-bo-luc-ngan", None, [], actor="can-bo-luc-ngan")
    producer = parse_preparation("producer", None, None, [])
    with pytest.raises(PermissionDenied):
        c.set_preparation(rt, "can-bo-yen-the", dossier_id, producer)
    assert c.set_preparation(rt, "can-bo-luc-ngan", dossier_id, producer).prepared_by == "producer"
