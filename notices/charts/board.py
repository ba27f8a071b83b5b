"""The dashboard's four charts from its counts, in the order the page shows them."""

from datetime import date

from notices.charts.bars import due_chart, renewals_chart, stars_chart
from notices.charts.heatmap import Link, heatmap_chart
from notices.charts.shapes import Chart
from states.oversight.dashboard import Dashboard
from states.vocabulary import State


def board_charts(board: Dashboard, today: date, link: Link | None) -> list[Chart]:
    states = [s for s in State if s in board.by_state]
    return [stars_chart(board.certified_by_year), heatmap_chart(board.units, states, link),
            due_chart(board.due_by_week, today), renewals_chart(board.renewals_by_month)]
