"""The reports window's four charts (Qt Charts), each built from a ``Report`` and wired so a
click on a bar or a point names the figure behind it (a drill-down key, see
``Report.drill``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QMargins, QPointF, Qt, QTime
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from workshop_app.reports.kpis import Report
from workshop_app.reports.summary_pdf import stage_name
from workshop_app.services.steps import pause_label

BLUE = QColor("#0b4f8a")
LIGHT = QColor("#9fb3c8")
AMBER = QColor("#d9822b")
BAY_COLOURS = ["#0b4f8a", "#2f855a", "#d9822b", "#805ad5", "#c53030", "#319795", "#718096"]

Drill = Callable[[str, str], None]  # (key, what the user clicked, for the table's title)


def _local(day: date, at: time) -> QDateTime:
    """``day`` at ``at`` in this PC's local time (what the date axis shows)."""
    return QDateTime(QDate(day.year, day.month, day.day), QTime(at.hour, at.minute))


def _drill_once(drill: Drill, key: str, title: str) -> Callable[[QPointF], None]:
    """A click anywhere on a series: one drill-down key for the whole series."""

    def clicked(_point: QPointF) -> None:
        drill(key, title)

    return clicked


def tr(text: str) -> str:
    # lupdate files module-level tr() calls under the empty context
    return QCoreApplication.translate("", text)


def short_stage(stage: str) -> str:
    """A stage's short name for a chart axis."""
    names = {
        "reception": tr("Reception"),
        "queue": tr("Queue"),
        "in_bay": tr("In bay"),
        "diagnosis": tr("Diagnosis"),
        "repair": tr("Repair"),
        "road_test": tr("Road test"),
        "quality_check": tr("QC"),
        "wash": tr("Wash"),
        "pickup": tr("Pickup"),
    }
    return names.get(stage, stage)


def short_pause(reason: str) -> str:
    names = {
        "parts": tr("Parts"),
        "approval": tr("Approval"),
        "customer": tr("Customer"),
        "break": tr("Break"),
        "other": tr("Other"),
    }
    return names.get(reason, reason)


def _small(axis: QBarCategoryAxis) -> None:
    f = QFont(axis.labelsFont())
    f.setPointSizeF(8.5)
    axis.setLabelsFont(f)


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    f = QFont(chart.titleFont())
    f.setPointSizeF(11)
    f.setBold(True)
    chart.setTitleFont(f)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(4)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def view(chart: QChart) -> QChartView:
    v = QChartView(chart)
    v.setRenderHint(QPainter.RenderHint.Antialiasing)
    v.setMinimumHeight(300)
    return v


def efficiency_chart(report: Report, drill: Drill) -> QChart:
    chart = _chart(tr("Efficiency per technician (sold ÷ clocked), %"))
    techs = [t for t in report.technicians if t.efficiency.value is not None]
    s = QBarSet(tr("Efficiency"))
    s.setColor(BLUE)
    for t in techs:
        s.append(round((t.efficiency.value or 0) * 100, 1))
    series = QBarSeries()
    series.append(s)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value%")
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    s.setLabelColor(QColor("#1f2933"))
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append([t.label.split(" ", 1)[-1] for t in techs] or [tr("no work in this range")])
    _small(axis_x)
    axis_y = QValueAxis()
    axis_y.setRange(0, max([120.0, *((t.efficiency.value or 0) * 110 for t in techs)]))
    axis_y.setLabelFormat("%d%%")
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    chart.legend().hide()
    s.clicked.connect(lambda i: drill(f"technician:{techs[i].key}", techs[i].label))
    return chart


def stage_chart(report: Report, drill: Drill) -> QChart:
    chart = _chart(tr("Cycle time per stage, minutes (median and p90)"))
    stages = [st for st in report.stages if st.count]
    med, p90 = QBarSet(tr("median")), QBarSet(tr("p90"))
    med.setColor(BLUE)
    p90.setColor(LIGHT)
    for st in stages:
        med.append(st.median_min or 0)
        p90.append(st.p90_min or 0)
    series = QBarSeries()
    series.append(med)
    series.append(p90)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append([short_stage(st.stage) for st in stages] or [tr("no work in this range")])
    _small(axis_x)
    axis_y = QValueAxis()
    axis_y.setLabelFormat("%d")
    top = max([st.p90_min or 0 for st in stages] + [10.0])
    axis_y.setRange(0, top * 1.05)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    for s in (med, p90):
        s.clicked.connect(lambda i: drill(f"stage:{stages[i].stage}", stage_name(stages[i].stage)))
    return chart


def pause_chart(report: Report, drill: Drill) -> QChart:
    chart = _chart(tr("Pause reasons by lost time (Pareto)"))
    pauses = report.pauses
    s = QBarSet(tr("Hours lost"))
    s.setColor(AMBER)
    for p in pauses:
        s.append(p.lost_hours)
    bars = QBarSeries()
    bars.append(s)
    chart.addSeries(bars)
    line = QLineSeries()
    line.setName(tr("Cumulative share"))
    line.setPen(QPen(QColor("#1f2933"), 2))
    line.setPointsVisible(True)
    for i, p in enumerate(pauses):
        line.append(i, p.cumulative * 100)
    chart.addSeries(line)
    axis_x = QBarCategoryAxis()
    axis_x.append([short_pause(p.reason) for p in pauses] or [tr("no pauses in this range")])
    _small(axis_x)
    hours = QValueAxis()
    hours.setRange(0, max([p.lost_hours for p in pauses] + [1.0]) * 1.1)
    hours.setLabelFormat("%.0f h")
    share = QValueAxis()
    share.setRange(0, 100)
    share.setLabelFormat("%d%%")
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(hours, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(share, Qt.AlignmentFlag.AlignRight)
    bars.attachAxis(axis_x)
    bars.attachAxis(hours)
    line.attachAxis(axis_x)
    line.attachAxis(share)
    s.clicked.connect(lambda i: drill(f"pause:{pauses[i].reason}", pause_label(pauses[i].reason)))
    return chart


def utilisation_chart(report: Report, drill: Drill) -> QChart:
    chart = _chart(tr("Bay utilisation per day (occupied ÷ open), %"))
    axis_x = QDateTimeAxis()
    axis_x.setFormat("MM-dd")
    axis_y = QValueAxis()
    axis_y.setRange(0, 100)
    axis_y.setLabelFormat("%d%%")
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    names = {b.bay_id: b.name for b in report.bays}
    days = [d for d, _row in report.bay_days]
    for k, bay_id in enumerate(names):
        line = QLineSeries()
        line.setName(names[bay_id])
        line.setPen(QPen(QColor(BAY_COLOURS[k % len(BAY_COLOURS)]), 2))
        for day, row in report.bay_days:
            value = dict(row).get(bay_id)
            if value is not None:
                ms = _local(day, time(12)).toMSecsSinceEpoch()
                line.append(ms, value * 100)
        chart.addSeries(line)
        line.attachAxis(axis_x)
        line.attachAxis(axis_y)
        line.clicked.connect(_drill_once(drill, f"bay:{bay_id}", names[bay_id]))
    if days:
        axis_x.setRange(
            _local(days[0], time(0)),
            _local(days[-1], time(23, 59)),
        )
        axis_x.setTickCount(min(8, max(2, len(days))))
    return chart
