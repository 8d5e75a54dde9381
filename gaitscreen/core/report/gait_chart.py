"""The gait chart of a walk in the visit PDF: its steps over time, the walking period and the steady part.

Drawn from the walk's ``timeline`` entry of the visit report dict (step times and
feet from the gait analysis, the steady part from the floor-calibrated measure), so
the JSON holds every number the chart shows. A vector drawing with real text.
"""

from __future__ import annotations

import math
from typing import Any

from reportlab.graphics.shapes import Drawing, Line, Rect
from reportlab.lib import colors

from ..i18n import _, format_number
from .charts import _text, _tick_step
from .styles import INK, LEFT_SIDE, MUTED, RIGHT_SIDE, RULE, text_width
from .text import number

WALK_BG = colors.HexColor("#EEF2F6")
STEADY_BG = colors.HexColor("#DCEAF6")


def gait_chart(tl: dict[str, Any], *, width: float, height: float = 62.0) -> Drawing:
    """Step ticks (patient's left foot up, right foot down) on a time axis, walking period and steady part."""
    d = Drawing(width, height)
    left, right, bottom, top = 40.0, 10.0, 26.0, 6.0
    pw, ph = width - left - right, height - bottom - top
    t_max = max(number(tl.get("duration_s")) or 1.0, 1.0)
    tick = _tick_step(t_max)

    def x(t: float) -> float:
        return left + pw * min(max(t, 0.0), t_max) / t_max

    mid = bottom + ph / 2
    for start, end, fill in (("walk_start_s", "walk_end_s", WALK_BG), ("steady_start_s", "steady_end_s", STEADY_BG)):
        a, b = number(tl.get(start)), number(tl.get(end))
        if a is not None and b is not None and b > a:
            d.add(Rect(x(a), bottom, max(x(b) - x(a), 0.5), ph, fillColor=fill, strokeColor=None))
    d.add(Line(left, mid, left + pw, mid, strokeColor=RULE, strokeWidth=0.5))
    feet = list(tl.get("step_feet") or [])
    for i, t in enumerate(tl.get("step_times_s") or []):
        foot = str(feet[i]).upper()[:1] if i < len(feet) else ""
        up = foot == "L"
        colour = LEFT_SIDE if up else RIGHT_SIDE if foot == "R" else INK
        d.add(Line(x(t), mid, x(t), mid + (ph / 2 - 2) * (1 if up else -1), strokeColor=colour, strokeWidth=1.4))
    for k in range(int(math.floor(t_max / tick + 1e-9)) + 1):
        t = k * tick
        d.add(Line(x(t), bottom, x(t), bottom - 3, strokeColor=INK, strokeWidth=0.5))
        d.add(_text(x(t), bottom - 10, f"{t:g}", 6.5, anchor="middle"))
    d.add(Rect(left, bottom, pw, ph, fillColor=None, strokeColor=INK, strokeWidth=0.6))
    d.add(_text(left - 4, mid + ph / 4 - 2, _("left"), 6.5, anchor="end", colour=LEFT_SIDE))
    d.add(_text(left - 4, mid - ph / 4 - 2, _("right"), 6.5, anchor="end", colour=RIGHT_SIDE))
    speed = number(tl.get("speed_m_per_s"))
    items = [(WALK_BG, _("walking")), (STEADY_BG, _("steady part") + (
        f" ({format_number(speed, 2)} m/s)" if speed is not None else ""))]
    lx = left
    for fill, label in items:
        d.add(Rect(lx, 3, 9, 7, fillColor=fill, strokeColor=RULE, strokeWidth=0.3))
        d.add(_text(lx + 12, 4, label, 6.5))
        lx += 24 + text_width(label, 6.5)
    d.add(_text(lx, 4, _("Time in the recording (s); a tick is a step"), 6.5, colour=MUTED))
    return d
