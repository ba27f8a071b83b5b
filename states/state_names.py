"""The states of a dossier and what each asks of whom: plain data, cheap to import
(read-only views use it without loading the state machine)."""

STATE_LABELS: dict[str, str] = {
    "registered": "Đã đăng ký",
    "district_inspected": "Đã kiểm tra thực tế",
    "district_scored": "Đã chấm điểm cấp huyện",
    "returned": "Trả lại (không đủ điểm chuyển tỉnh)",
    "provincial_review": "Đang đánh giá cấp tỉnh",
    "central_review": "Đang đánh giá cấp trung ương (5 sao)",
    "certified": "Đã công nhận",
    "not_recognised": "Không được công nhận",
    "renewal": "Đang đánh giá lại",
    "expired": "Hết hiệu lực",
    "revoked": "Đã thu hồi",
    "withdrawn": "Chủ thể rút hồ sơ",
}
STATES: tuple[str, ...] = tuple(STATE_LABELS)
TERMINAL_STATES = frozenset({"returned", "not_recognised", "expired", "revoked", "withdrawn"})


# What the person responsible must do next, shown in reminders and the stuck list.
NEXT_ACTION: dict[str, str] = {
    "registered": "Kiểm tra thực tế cơ sở sản xuất và lập biên bản",
    "renewal": "Tiếp nhận hồ sơ đánh giá lại, kiểm tra thực tế cơ sở",
    "district_inspected": "Tổ chức hội đồng chấm điểm",
    "district_scored": "Chuyển hồ sơ lên tỉnh (đủ điểm, đủ tài liệu) hoặc trả lại",
    "provincial_review": "Hội đồng tỉnh đánh giá, ra quyết định công nhận",
    "central_review": "Theo dõi kết quả đánh giá cấp trung ương",
}
# Whose move it is: the local unit's officers or the Department.
LOCAL_STATES = frozenset({"registered", "renewal", "district_inspected", "district_scored"})
