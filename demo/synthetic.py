"""Deterministic, realistic Vietnamese producers and products for the demo and the benchmarks."""

import random
from dataclasses import dataclass

PRODUCTS: dict[str, tuple[str, ...]] = {
    "food": ("Vải thiều sấy khô", "Mật ong rừng", "Gà đồi", "Miến dong", "Bánh đa Kế", "Mỳ Chũ",
             "Nhãn lồng sấy", "Cam Bố Hạ", "Gạo nếp cái hoa vàng", "Lạc sen", "Bánh chưng",
             "Thịt lợn bản", "Chả mực", "Tương nếp", "Na dai", "Bưởi Diễn", "Trứng gà đồi",
             "Măng khô", "Mắm tép", "Ổi lê"),
    "beverage": ("Rượu làng Vân", "Trà xanh", "Nước cốt vải", "Rượu nếp cái", "Trà hoa vàng",
                 "Rượu mơ", "Nước ép bưởi"),
    "herbal": ("Tinh dầu bưởi", "Cao dây thìa canh", "Trà giảo cổ lam", "Xà phòng thảo dược",
               "Cao xạ đen", "Trà túi lọc lá vối"),
    "textile": ("Khăn lụa tơ tằm", "Vải thổ cẩm", "Áo dệt tay"),
    "souvenir": ("Mây tre đan", "Gốm Thổ Hà", "Chổi chít", "Sản phẩm từ gỗ lũa", "Nón lá"),
    "tourism": ("Du lịch sinh thái Khuôn Thần", "Điểm du lịch Suối Mỡ", "Homestay bản Giỏ"),
}
GROUP_WEIGHTS = {"food": 60, "beverage": 14, "herbal": 10, "textile": 3, "souvenir": 9,
                 "tourism": 4}
PLACES = ("Nam Dương", "Phì Điền", "Quý Sơn", "Tân Mộc", "Kiên Lao", "Hồng Giang", "Cẩm Lý",
          "Đông Lỗ", "Xuân Lương", "Đồng Kỳ", "An Lạc", "Thanh Luận", "Ngọc Thiện", "Việt Lập",
          "Hoàng Ninh", "Tư Mại", "Lãng Sơn", "Đồng Phúc", "Tiên Sơn", "Bảo Đài", "Mai Đình",
          "Hương Gián", "Tam Tiến", "Phồn Xương", "Song Khê", "Xương Giang", "Đa Mai", "Dĩnh Kế")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý")
GIVEN = ("Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Văn Hải", "Thị Hoa", "Văn Hùng",
         "Thị Lan", "Văn Minh", "Thị Nga", "Văn Phúc", "Thị Thu", "Văn Toàn", "Thị Yến")
PRODUCER_KINDS = (("cooperative", "HTX", 55), ("enterprise", "Công ty TNHH", 20),
                  ("household", "Hộ kinh doanh", 18), ("cooperative-group", "Tổ hợp tác", 7))
ASCII = str.maketrans("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ",
                      "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd")


@dataclass(frozen=True)
class SampleProduct:
    producer: str
    producer_type: str
    product: str
    group: str
    email: str | None


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"


def slug(text: str) -> str:
    return "".join(c for c in text.lower().translate(ASCII) if c.isalnum())


def sample_product(rng: random.Random, serial: int, email_share: float = 0.7) -> SampleProduct:
    group = rng.choices(list(GROUP_WEIGHTS), weights=list(GROUP_WEIGHTS.values()))[0]
    kind, prefix, _ = rng.choices(PRODUCER_KINDS, weights=[k[2] for k in PRODUCER_KINDS])[0]
    place = rng.choice(PLACES)
    if kind == "household":
        producer = f"{prefix} {person(rng)}"
    else:
        producer = f"{prefix} {rng.choice(('Nông sản', 'Sản xuất', 'Dịch vụ', 'Đặc sản'))} {place}"
    product = f"{rng.choice(PRODUCTS[group])} {place}"
    email = f"{slug(producer)[:24]}{serial}@example.vn" if rng.random() < email_share else None
    return SampleProduct(producer, kind, product, group, email)
