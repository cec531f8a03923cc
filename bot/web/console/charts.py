"""Charts drawn by the server as inline SVG: no image server, no chart library, no script.

Each chart carries a ``<title>`` (its accessible name) and its figures as a table the page
shows beside it, so a screen reader and a text-only client read the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 320
BAR = 18
GAP = 6
LABEL = 150
COLOURS = ("#2678b6", "#e39b2d", "#4caf50", "#9c5bc4", "#d13b3b")


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    key: str
    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]

    @property
    def empty(self) -> bool:
        """Nothing counted yet: the page says so rather than draw an axis up to a lone «1»."""
        return not any(value for series in self.series for value in series.values)

    @property
    def svg(self) -> Markup:
        return columns(self) if len(self.series) > 1 else bars(self)

    @property
    def colours(self) -> tuple[str, ...]:
        return COLOURS[: len(self.series)]


def _frame(chart: Chart, width: int, height: int, body: list[str]) -> Markup:
    title = escape(chart.title)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img"'
        f' aria-labelledby="chart-{chart.key}" data-chart="{chart.key}">'
        f'<title id="chart-{chart.key}">{title}</title>'
    )
    return Markup(head + "".join(body) + "</svg>")  # every label and title escaped above


def bars(chart: Chart) -> Markup:
    """Horizontal bars, one a label: followers per session, requests per state."""
    values = chart.series[0].values
    top = max(values, default=0) or 1
    room = WIDTH - LABEL - 40
    body = []
    for row, (label, value) in enumerate(zip(chart.labels, values, strict=True)):
        y = row * (BAR + GAP)
        length = round(room * value / top)
        body.append(
            f'<text x="{LABEL - 4}" y="{y + 13}" text-anchor="end" font-size="10"'
            f' fill="currentColor">{escape(_short(label))}</text>'
            f'<rect x="{LABEL}" y="{y}" width="{length}" height="{BAR}" fill="{COLOURS[0]}"'
            f' data-value="{value}"/>'
            f'<text x="{LABEL + length + 4}" y="{y + 13}" font-size="11"'
            f' fill="currentColor">{value}</text>'
        )
    return _frame(chart, WIDTH, max(len(values), 1) * (BAR + GAP), body)


def columns(chart: Chart) -> Markup:
    """Stacked columns, one a label (an hour), a colour a series (a kind of delivery)."""
    height, base = 150, 130
    slots = max(len(chart.labels), 1)
    step = (WIDTH - 30) / slots
    totals = [sum(s.values[i] for s in chart.series) for i in range(len(chart.labels))]
    top = max(totals, default=0) or 1
    body = [f'<text x="0" y="10" font-size="10" fill="currentColor">{top}</text>']
    for i, label in enumerate(chart.labels):
        x, y = 30 + i * step, float(base)
        for colour, series in zip(COLOURS, chart.series, strict=False):
            size = (base - 12) * series.values[i] / top
            y -= size
            if size:
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.8:.1f}" height="{size:.1f}"'
                    f' fill="{colour}"/>'
                )
        if i % 3 == 0:
            body.append(
                f'<text x="{x:.1f}" y="{height - 4}" font-size="9" fill="currentColor">'
                f"{escape(label)}</text>"
            )
    return _frame(chart, WIDTH, height, body)


def _short(label: str) -> str:
    return label if len(label) <= 24 else label[:23] + "…"
