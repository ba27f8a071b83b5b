"""The one line `ocop run` prints and `ocop serve` logs for each flow (issue 12)."""

import pytest

from flows.run_summary import flow_sentence


@pytest.mark.parametrize(("name", "result", "line"), [
    ("deadline-reminders", {"as_of": "2022-03-25", "queued": 2, "already_queued": 1},
     "deadline-reminders: 2 thư mới vào hộp thư đi, 1 thư đã có từ trước (ngày 25/03/2022)."),
    ("expire-certificates", {"certificates_expired": 1, "dossiers_expired": 1, "notices_queued": 0},
     "expire-certificates: 1 giấy chứng nhận hết hiệu lực, 1 hồ sơ chuyển sang hết hiệu lực, "
     "0 thư báo sắp hết hạn."),
    ("renewal-campaign", {"opened": {"planned": [], "opened": [
        {"campaign_id": 1, "kind": "renewal", "deadline": "2022-10-15", "products": 3,
         "units_notified": 2}]}, "reminders": {"queued": 0, "already_queued": 0}, "closed": []},
     "renewal-campaign: mở chiến dịch đánh giá lại số 1 (3 sản phẩm, 2 đơn vị được báo, "
     "hạn 15/10/2022)."),
    ("revocation-campaign", {"opened": {"planned": [], "opened": []}, "reminders": {"queued": 0},
                             "closed": [{"campaign": 2, "kind": "revocation", "status": "closed",
                                         "proposals": 4, "unreturned": None, "listed": None}]},
     "revocation-campaign: đóng chiến dịch thu hồi số 2 (4 đề nghị thu hồi, danh sách đã gửi Sở)."),
    ("renewal-campaign", {"opened": {"planned": [], "opened": []}, "reminders": {"queued": 0},
                          "closed": []},
     "renewal-campaign: hôm nay không có chiến dịch nào đến ngày mở, nhắc hay đóng."),
    ("dispatch-notifications", {"sent": 1, "retrying": 0, "failed": 1, "errors": ["x@y: 550"]},
     "dispatch-notifications: đã gửi 1 thư, 0 thư sẽ thử lại, 1 thư thất bại.\n  - x@y: 550"),
])
def test_each_flow_result_reads_as_a_sentence(name: str, result: dict[str, object],
                                              line: str) -> None:
    assert flow_sentence(name, result) == line
