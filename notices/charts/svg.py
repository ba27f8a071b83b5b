"""A chart as SVG markup: one template for every chart, every text escaped."""

from jinja2 import Environment, PackageLoader, StrictUndefined

from notices.charts.shapes import Chart

ENV = Environment(loader=PackageLoader("notices", "templates/charts"), autoescape=True,
                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
# Coordinates with one decimal: enough for a screen and a printer, a fifth of the bytes.
ENV.filters["n"] = lambda value: f"{value:.1f}".removesuffix(".0")
LEGEND_SLOT = 190


def _ink(fill: str) -> str:
    """White writing on a dark box, dark on a light one."""
    red, green, blue = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if 0.299 * red + 0.587 * green + 0.114 * blue < 140 else "#263238"


ENV.filters["ink"] = _ink


SCREEN_FONTS = "DejaVu Sans, Arial, sans-serif"


def chart_svg(chart: Chart, scale: float = 1.5, fonts: str = SCREEN_FONTS) -> str:
    """The chart as a standalone SVG document (inline in a page, or an image in a PDF), drawn
    `scale` times its own units: a page's text is larger than a printed one. A PDF names the
    one font it embeds in `fonts`."""
    per_row = max(1, (chart.width - 16) // LEGEND_SLOT)
    rows = -(-len(chart.legend) // per_row)
    return ENV.get_template("chart.svg").render(
        c=chart, scale=scale, fonts=fonts, per_row=per_row, legend_slot=LEGEND_SLOT,
        legend_height=rows * 18 + 10)
