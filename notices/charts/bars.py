"""The bar charts: stars recognised per year, what falls due per week, certificates expiring
per month against the renewals sent back."""

from datetime import date

from notices.charts.shapes import (
    DUE,
    EXPIRING,
    LATE,
    RECEIVED,
    STAR_COLOURS,
    Box,
    Chart,
    Key,
    Line,
    TableView,
    Words,
    count_axis,
    nice_top,
)
from states.oversight.calendar_counts import MonthRenewals, WeekDue

LEFT, TOP, PLOT_HEIGHT = 56, 40, 220
BOTTOM = TOP + PLOT_HEIGHT


def stars_chart(by_year: dict[int, dict[int, int]]) -> Chart:
    """Products recognised per year, stacked by stars (imported history included)."""
    years = sorted(by_year)
    stars = sorted({s for counts in by_year.values() for s in counts}) or [3, 4, 5]
    top = nice_top(max((sum(c.values()) for c in by_year.values()), default=0))
    slot = max(28, min(64, 640 // max(len(years), 1)))
    width = LEFT + slot * max(len(years), 1) + 24
    boxes: list[Box] = []
    words: list[Words] = []
    for n, year in enumerate(years):
        x, base = LEFT + n * slot + slot * 0.15, float(BOTTOM)
        for s in stars:
            count = by_year[year].get(s, 0)
            if count:
                height = PLOT_HEIGHT * count / top
                base -= height
                boxes.append(Box(x, base, slot * 0.7, height, STAR_COLOURS[s],
                                 f"{year}: {count} sản phẩm {s} sao", count, f"{s}",
                                 caption=str(count) if height >= 14 else "", row=str(year),
                                 column=f"{s} sao"))
        words.append(Words(x + slot * 0.35, BOTTOM + 16, str(year), "middle", 10))
        words.append(Words(x + slot * 0.35, base - 4, str(sum(by_year[year].values())), "middle",
                           10, bold=True))
    axis_words, lines = count_axis(top, LEFT, BOTTOM, PLOT_HEIGHT, width - 16, "Số sản phẩm")
    total = sum(sum(c.values()) for c in by_year.values())
    return Chart(
        "stars", "Sản phẩm được công nhận theo năm và số sao",
        f"Cột chồng theo năm công nhận (kể cả danh sách nhập từ trước): {total} sản phẩm"
        + (f" từ {years[0]} đến {years[-1]}." if years else "; chưa có sản phẩm nào."),
        "sản phẩm", width, BOTTOM + 30,
        TableView(("Năm", *(f"{s} sao" for s in stars), "Tổng"),
                  tuple((y, *(by_year[y].get(s, 0) for s in stars), sum(by_year[y].values()))
                        for y in years)),
        tuple(Key(f"{s} sao", STAR_COLOURS[s]) for s in stars), tuple(boxes),
        tuple(words + axis_words), tuple(lines))


def due_chart(weeks: list[WeekDue], today: date) -> Chart:
    """Dossiers due per week for the next weeks, campaign deadlines marked, today a line."""
    slot = 52
    width = LEFT + slot * len(weeks) + 24
    top = nice_top(max((w.dossiers for w in weeks), default=0))
    boxes: list[Box] = []
    words: list[Words] = []
    lines: list[Line] = []
    for n, week in enumerate(weeks):
        x = LEFT + n * slot
        height = PLOT_HEIGHT * week.dossiers / top
        span = _week(week)
        boxes.append(Box(x + 8, BOTTOM - height, slot - 16, height, DUE,
                         f"Tuần {span}: {week.dossiers} hồ sơ đến hạn", week.dossiers, "due",
                         caption=str(week.dossiers) if week.dossiers else "", row=span,
                         column="Hồ sơ đến hạn"))
        words.append(Words(x + slot / 2, BOTTOM + 16, f"{week.starts_on:%d/%m}", "middle", 10))
        for k, campaign in enumerate(week.campaigns):
            boxes.append(Box(x + slot / 2 - 5, TOP - 18 + 12 * k, 10, 10, LATE,
                             f"Hạn chiến dịch {campaign}", 1, "campaign", row=span,
                             column="Hạn chiến dịch"))
        if week.starts_on <= today <= week.ends_on:
            mark = x + slot * (today - week.starts_on).days / 7
            lines.append(Line(mark, TOP - 4, mark, BOTTOM + 20, LATE, dashed=True, width=2))
            words.append(Words(mark + 3, BOTTOM + 30, f"Hôm nay {today:%d/%m}", "start", 10,
                               colour=LATE, bold=True))
    axis_words, axis_lines = count_axis(top, LEFT, BOTTOM, PLOT_HEIGHT, width - 16, "Số hồ sơ")
    due = sum(w.dossiers for w in weeks)
    return Chart(
        "due", f"Lịch đến hạn {len(weeks)} tuần tới",
        f"Số hồ sơ đến hạn xử lý mỗi tuần (tuần bắt đầu thứ Hai): {due} hồ sơ; "
        f"{sum(len(w.campaigns) for w in weeks)} hạn chiến dịch. Đường đỏ: hôm nay.",
        "hồ sơ", width, BOTTOM + 40,
        TableView(("Tuần", "Hồ sơ đến hạn", "Hạn chiến dịch"),
                  tuple((_week(w), w.dossiers, "; ".join(w.campaigns)) for w in weeks)),
        (Key("Hồ sơ đến hạn", DUE), Key("Hạn chiến dịch", LATE)), tuple(boxes),
        tuple(words + axis_words), tuple(axis_lines + lines))


def renewals_chart(months: list[MonthRenewals]) -> Chart:
    """Certificates expiring per month against the renewals the units have sent back."""
    slot = 30
    width = LEFT + slot * len(months) + 24
    top = nice_top(max((m.expiring for m in months), default=0))
    boxes: list[Box] = []
    words: list[Words] = []
    for n, m in enumerate(months):
        x = LEFT + n * slot + 3
        for k, (value, fill, series, what, column) in enumerate((
                (m.expiring, EXPIRING, "expiring", "giấy chứng nhận hết hạn", "Hết hạn"),
                (m.received, RECEIVED, "received", "hồ sơ đánh giá lại đã nhận",
                 "Đã nhận hồ sơ đánh giá lại"))):
            height = PLOT_HEIGHT * value / top
            boxes.append(Box(x + k * 12, BOTTOM - height, 11, height, fill,
                             f"{m.month:%m/%Y}: {value} {what}", value, series,
                             row=f"{m.month:%m/%Y}", column=column))
        if n % 3 == 0:
            words.append(Words(x + 12, BOTTOM + 16, f"{m.month:%m/%y}", "middle", 10))
    axis_words, lines = count_axis(top, LEFT, BOTTOM, PLOT_HEIGHT, width - 16,
                                   "Số giấy chứng nhận")
    expiring, received = sum(m.expiring for m in months), sum(m.received for m in months)
    return Chart(
        "renewals", f"Giấy chứng nhận hết hạn {len(months)} tháng tới và hồ sơ đánh giá lại",
        f"Mỗi tháng hai cột: số giấy chứng nhận hết hạn (36 tháng) và số đã có hồ sơ đánh giá "
        f"lại gửi về: {received}/{expiring} giấy chứng nhận.",
        "giấy chứng nhận", width, BOTTOM + 30,
        TableView(("Tháng", "Hết hạn", "Đã nhận hồ sơ đánh giá lại"),
                  tuple((f"{m.month:%m/%Y}", m.expiring, m.received) for m in months)),
        (Key("Hết hạn", EXPIRING), Key("Đã nhận hồ sơ đánh giá lại", RECEIVED)), tuple(boxes),
        tuple(words + axis_words), tuple(lines))


def _week(week: WeekDue) -> str:
    return f"{week.starts_on:%d/%m/%Y} – {week.ends_on:%d/%m/%Y}"
