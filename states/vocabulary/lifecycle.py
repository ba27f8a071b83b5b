"""The lifecycle's words: a dossier's states, what people do to it, whose move it is."""

from enum import StrEnum

# Who acts when a schedule does something (expiry, campaigns opened by plan).
SYSTEM_ACTOR = "hệ thống"


class State(StrEnum):
    REGISTERED = "registered"
    DISTRICT_INSPECTED = "district_inspected"
    DISTRICT_SCORED = "district_scored"
    RETURNED = "returned"
    PROVINCIAL_REVIEW = "provincial_review"
    CENTRAL_REVIEW = "central_review"
    CERTIFIED = "certified"
    NOT_RECOGNISED = "not_recognised"
    RENEWAL = "renewal"
    EXPIRED = "expired"
    REVOKED = "revoked"
    WITHDRAWN = "withdrawn"


class Action(StrEnum):
    """What a person does: the machine's triggers (inspect … revoke), the other changes an audit
    event records (register, documents), and what permissions name (manage_users …)."""

    REGISTER = "register"
    INSPECT = "inspect"
    SCORE = "score"
    DOCUMENTS = "documents"
    FORWARD = "forward"
    RETURN = "return"
    CERTIFY = "certify"
    CERTIFY_LOCALLY = "certify_locally"
    NOT_RECOGNISE = "not_recognise"
    WITHDRAW = "withdraw"
    OPEN_RENEWAL = "open_renewal"
    EXPIRE = "expire"
    REVOKE = "revoke"
    MANAGE_USERS = "manage_users"
    CAMPAIGN = "campaign"
    PROPOSE_REVOCATION = "propose_revocation"
    OUTBOX = "outbox"
    PLAN = "plan"
    PREPARATION = "preparation"  # issue 14: who prepared a dossier, and training courses
    TRAINING = "training"
    # Two-level government (1/7/2025): a dossier follows its unit's successor.
    REASSIGN_UNIT = "reassign_unit"
    DASHBOARD = "dashboard"
    CORRECT = "correct"  # issue 12: a correction, audited with before, after and the reason
    # Issue 25: inviting a producer to its own account (and disabling it); the producer's
    # changes to its submitted registration form.
    INVITE_PRODUCER = "invite_producer"
    REGISTRATION_FORM = "registration_form"
    # Issue 25: a dossier's document files, the officer's check of each, paper originals.
    UPLOAD_FILE = "upload_file"
    CHECK_FILE = "check_file"
    PAPER_ORIGINALS = "paper_originals"
    FILES_CHECK = "files_check"
    # Issue 21: councils that score in the system; a member's sheet reopened by the chair and
    # the council's closed result are written in each dossier's history.
    COUNCIL = "council"
    REOPEN_SHEET = "reopen_sheet"
    COUNCIL_RESULT = "council_result"
    # Publishing a closed council's results (the complaint window begins), in each dossier's history.
    PUBLISH_RESULTS = "publish_results"
    # Issue 25 over issue 21: a council's reader opened one accepted file, or took the .zip.
    READ_FILE = "read_file"
    READ_PACKAGE = "read_package"



LABELS: dict[type[StrEnum], dict[str, str]] = {
    State: {
        State.REGISTERED: "Đã đăng ký",
        State.DISTRICT_INSPECTED: "Đã kiểm tra thực tế",
        State.DISTRICT_SCORED: "Đã chấm điểm cấp huyện / xã",
        State.RETURNED: "Trả lại (không đủ điểm chuyển tỉnh)",
        State.PROVINCIAL_REVIEW: "Đang đánh giá cấp tỉnh",
        State.CENTRAL_REVIEW: "Đang đánh giá cấp trung ương (5 sao)",
        State.CERTIFIED: "Đã công nhận",
        State.NOT_RECOGNISED: "Không được công nhận",
        State.RENEWAL: "Đang đánh giá lại",
        State.EXPIRED: "Hết hiệu lực",
        State.REVOKED: "Đã thu hồi",
        State.WITHDRAWN: "Chủ thể rút hồ sơ",
    },
    Action: {
        Action.REGISTER: "đăng ký sản phẩm",
        Action.INSPECT: "ghi biên bản kiểm tra thực tế",
        Action.SCORE: "ghi điểm hội đồng cấp huyện / xã",
        Action.DOCUMENTS: "cập nhật danh mục hồ sơ",
        Action.FORWARD: "chuyển hồ sơ lên tỉnh",
        Action.RETURN: "trả lại hồ sơ",
        Action.CERTIFY: "công nhận sản phẩm",
        Action.CERTIFY_LOCALLY: "công nhận sản phẩm 3 sao cấp huyện (QĐ 148)",
        Action.NOT_RECOGNISE: "quyết định không công nhận",
        Action.WITHDRAW: "ghi nhận rút hồ sơ",
        Action.OPEN_RENEWAL: "mở đánh giá lại",
        Action.EXPIRE: "cho hết hiệu lực",
        Action.REVOKE: "thu hồi công nhận",
        Action.MANAGE_USERS: "quản lý người dùng và đơn vị",
        Action.CAMPAIGN: "mở / đóng chiến dịch",
        Action.PROPOSE_REVOCATION: "đề nghị thu hồi",
        Action.OUTBOX: "quản lý hộp thư đi",
        Action.PLAN: "lập kế hoạch năm (đợt đánh giá, chiến dịch)",
        Action.PREPARATION: "ghi nhận người chuẩn bị hồ sơ",
        Action.TRAINING: "quản lý lớp tập huấn",
        Action.REASSIGN_UNIT: "chuyển hồ sơ sang đơn vị kế thừa",
        Action.DASHBOARD: "xem bảng điều hành của Sở",
        Action.CORRECT: "sửa thông tin đã ghi",
        Action.INVITE_PRODUCER: "mời chủ thể dùng tài khoản riêng",
        Action.REGISTRATION_FORM: "cập nhật phiếu đăng ký",
        Action.UPLOAD_FILE: "nộp tệp tài liệu",
        Action.CHECK_FILE: "kiểm tra tài liệu (chấp nhận / từ chối)",
        Action.PAPER_ORIGINALS: "đánh dấu hồ sơ bản giấy",
        Action.FILES_CHECK: "kiểm tra kho tệp",
        Action.COUNCIL: "lập và điều hành hội đồng đánh giá",
        Action.REOPEN_SHEET: "mở lại phiếu chấm của thành viên",
        Action.COUNCIL_RESULT: "kết luận điểm của hội đồng",
        Action.PUBLISH_RESULTS: "công bố kết quả của hội đồng",
        Action.READ_FILE: "mở đọc tệp tài liệu (hội đồng)",
        Action.READ_PACKAGE: "tải gói hồ sơ .zip (hội đồng)",
    },
}

# States whose dossier ended its cycle: nothing more is expected of anyone.
TERMINAL_STATES = frozenset({State.RETURNED, State.NOT_RECOGNISED, State.EXPIRED, State.REVOKED,
                             State.WITHDRAWN})
# States whose deadline is someone's next action (a certificate's expiry is not a task).
ACTION_STATES: tuple[State, ...] = tuple(
    s for s in State if s not in TERMINAL_STATES and s != State.CERTIFIED)
# Whose move it is: the local unit's officers (these) or the Department (the rest).
LOCAL_STATES = frozenset({State.REGISTERED, State.RENEWAL, State.DISTRICT_INSPECTED,
                          State.DISTRICT_SCORED})
# Dossiers that were evaluated once and may go round again.
EVALUATING_STATES = (State.REGISTERED, State.DISTRICT_INSPECTED, State.DISTRICT_SCORED,
                     State.PROVINCIAL_REVIEW, State.CENTRAL_REVIEW)


# What the person responsible must do next, shown in reminders and the stuck list.
NEXT_ACTION: dict[State, str] = {
    State.REGISTERED: "Kiểm tra thực tế cơ sở sản xuất và lập biên bản",
    State.RENEWAL: "Tiếp nhận hồ sơ đánh giá lại, kiểm tra thực tế cơ sở",
    State.DISTRICT_INSPECTED: "Tổ chức hội đồng chấm điểm",
    State.DISTRICT_SCORED: "Chuyển hồ sơ lên tỉnh (đủ điểm, đủ tài liệu) hoặc trả lại",
    State.PROVINCIAL_REVIEW: "Hội đồng tỉnh đánh giá, ra quyết định công nhận",
    State.CENTRAL_REVIEW: "Theo dõi kết quả đánh giá cấp trung ương",
}
