"""Vector drawings of the report: the instability chart and key-frame skeletons.

Both are reportlab ``Drawing`` objects, so they stay sharp at any zoom and their
labels are real (selectable) text.
"""

from __future__ import annotations

import math
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect, String
from reportlab.lib import colors

from ..i18n import _, format_number
from ..skeleton.joints import COCO17_BONES, LAYOUT_SIDES
from .styles import (
    CENTRE,
    INK,
    LEFT_SIDE,
    MUTED,
    RIGHT_SIDE,
    RULE,
    STABLE,
    UNSTABLE,
    UNSTABLE_BG,
    font,
    font_bold,
    printable,
    register_fonts,
    text_shape,
    text_width,
)
from .text import number

EXCLUDED_BG = colors.HexColor("#E4E7EB")
COUNTED_RING = 4.2  # radius of the ring around a window the rate rule counts
GRID = colors.HexColor("#E3E7EB")
MIN_JOINT_CONFIDENCE = 0.3
_SIDES = LAYOUT_SIDES["coco17"]


def _text(x: float, y: float, text: str, size: float = 7, *, anchor: str = "start", colour=INK,
          bold: bool = False) -> String | Group:
    return text_shape(x, y, text, size, anchor=anchor, base=font_bold() if bold else font(), colour=colour)


def _tick_step(span_s: float) -> float:
    for step in (0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0):
        if span_s / step <= 16:
            return step
    return 120.0


def _stride_s(centres: list[float]) -> float | None:
    steps = sorted(b - a for a, b in zip(centres, centres[1:]) if b > a)
    return steps[len(steps) // 2] if steps else None


def instability_chart(windows: list[dict[str, Any]], clips: list[dict[str, Any]], *, threshold: float,
                      duration_s: float | None, width: float, height: float) -> Drawing:
    """P(unstable) per window at the window centres, threshold, unstable bands and clip bounds."""
    register_fonts()
    d = Drawing(width, height)
    left, right, bottom, top = 40.0, 10.0, 44.0, 16.0
    pw, ph = width - left - right, height - bottom - top
    ends = [number(w.get("end_s")) for w in windows] + [number(c.get("end_s")) for c in clips]
    t_max = max([v for v in ends if v is not None] + [number(duration_s) or 0.0, 1.0])
    tick = _tick_step(t_max)
    t_max = max(t_max, tick)

    def x(t: float) -> float:
        return left + pw * min(max(t, 0.0), t_max) / t_max

    def y(p: float) -> float:
        return bottom + ph * min(max(p, 0.0), 1.0)

    centres = [((number(w.get("start_s")) or 0.0) + (number(w.get("end_s")) or 0.0)) / 2 for w in windows]
    stride = _stride_s(centres)
    for w, c in zip(windows, centres):  # shaded bands: each window's share of the time axis
        half = stride / 2 if stride else ((number(w.get("end_s")) or c) - (number(w.get("start_s")) or c)) / 2
        p = number(w.get("p_unstable"))
        fill = EXCLUDED_BG if p is None else (UNSTABLE_BG if p > threshold else None)
        if fill is not None:
            x0, x1 = x(c - half), x(c + half)
            d.add(Rect(x0, bottom, max(x1 - x0, 0.5), ph, fillColor=fill, strokeColor=None))

    for k in range(5):  # horizontal grid and y labels
        p = k / 4
        d.add(Line(left, y(p), left + pw, y(p), strokeColor=GRID, strokeWidth=0.4))
        d.add(_text(left - 4, y(p) - 2.5, f"{p:g}", anchor="end"))
    n_ticks = int(math.floor(t_max / tick + 1e-9))
    for k in range(n_ticks + 1):
        t = k * tick
        d.add(Line(x(t), bottom, x(t), bottom - 3, strokeColor=INK, strokeWidth=0.5))
        d.add(_text(x(t), bottom - 11, f"{t:g}", anchor="middle"))

    for i, c in enumerate(clips):  # clip boundaries and names
        start, end = number(c.get("start_s")), number(c.get("end_s"))
        if start is None or end is None:
            continue
        for t in ((start, end) if i == len(clips) - 1 else (start,)):
            if t > 0:
                d.add(Line(x(t), bottom, x(t), bottom + ph + 4, strokeColor=MUTED, strokeWidth=0.6,
                           strokeDashArray=[2, 2]))
        number_text = f"{int(c.get('index', i)) + 1}"
        name = _("Clip {n}").format(n=number_text)
        if x(end) - x(start) < max(30.0, text_width(name, 6.5) + 4):
            name = number_text
        d.add(_text((x(start) + x(end)) / 2, bottom + ph + 5, name, 6.5, anchor="middle", colour=MUTED))

    d.add(Line(left, y(threshold), left + pw, y(threshold), strokeColor=INK, strokeWidth=0.8,
               strokeDashArray=[4, 2]))
    label = _("threshold {value}").format(value=f"{threshold:g}")
    label_w = text_width(label, 6.5)
    d.add(Rect(left + pw - 4 - label_w, y(threshold) + 1.5, label_w + 3, 8, fillColor=colors.white,
               strokeColor=None))
    d.add(_text(left + pw - 2.5, y(threshold) + 3, label, 6.5, anchor="end"))

    run: list[float] = []
    runs = []
    for w, c in zip(windows, centres):
        p = number(w.get("p_unstable"))
        if p is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.extend([x(c), y(p)])
    if run:
        runs.append(run)
    for pts in runs:
        if len(pts) >= 4:
            d.add(PolyLine(pts, strokeColor=INK, strokeWidth=1.0))
    for w, c in zip(windows, centres):
        p = number(w.get("p_unstable"))
        if p is not None:
            d.add(Circle(x(c), y(p), 2.3, fillColor=UNSTABLE if p > threshold else STABLE,
                         strokeColor=colors.white, strokeWidth=0.5))
            if w.get("counted"):  # the windows the rate rule counts into R
                d.add(Circle(x(c), y(p), COUNTED_RING, fillColor=None, strokeColor=INK, strokeWidth=0.8))

    d.add(Rect(left, bottom, pw, ph, fillColor=None, strokeColor=INK, strokeWidth=0.6))
    d.add(_text(left + pw / 2, bottom - 22, _("Time in the recording (s)"), 7.5, anchor="middle"))
    label = Group(_text(0, 0, "P(unstable)", 7.5, anchor="middle"))
    label.transform = (0, 1, -1, 0, 11, bottom + ph / 2)
    d.add(label)
    _legend(d, left, 4.0, counted=any(w.get("counted") for w in windows))
    return d


def _legend(d: Drawing, x0: float, y0: float, *, counted: bool = False) -> None:
    items = [
        ("dot", UNSTABLE, _("window unstable")),
        ("dot", STABLE, _("window stable")),
        *([("ring", INK, _("counted in R"))] if counted else []),
        ("band", UNSTABLE_BG, _("time of unstable windows")),
        ("band", EXCLUDED_BG, _("window not classified")),
        ("dash", MUTED, _("3-s clip boundary")),
    ]
    x = x0
    for kind, colour, text in items:
        if kind == "dot":
            d.add(Circle(x + 4, y0 + 2.5, 2.3, fillColor=colour, strokeColor=None))
        elif kind == "ring":
            d.add(Circle(x + 4, y0 + 2.5, COUNTED_RING, fillColor=None, strokeColor=colour, strokeWidth=0.8))
        elif kind == "band":
            d.add(Rect(x, y0 - 1, 9, 7, fillColor=colour, strokeColor=RULE, strokeWidth=0.3))
        else:
            d.add(Line(x + 4, y0 - 1.5, x + 4, y0 + 6.5, strokeColor=colour, strokeWidth=0.6,
                       strokeDashArray=[2, 2]))
        d.add(_text(x + 12, y0, text, 6.5))
        x += 12 + text_width(text, 6.5) + 12


def _joint(frame: dict[str, Any], i: int) -> tuple[float, float] | None:
    joints = frame.get("joints") or []
    conf = frame.get("confidence") or []
    if i >= len(joints) or not isinstance(joints[i], (list, tuple)) or len(joints[i]) < 2:
        return None
    px, py = number(joints[i][0]), number(joints[i][1])
    c = number(conf[i]) if i < len(conf) else 1.0
    if px is None or py is None or (c is not None and c < MIN_JOINT_CONFIDENCE):
        return None
    return px, py


def _head(pts: dict[int, tuple[float, float]]) -> tuple[tuple[float, float], float] | None:
    """Centre and radius of a head outline from the face keypoints (radius from the shoulders)."""
    face = [pts[i] for i in range(5) if i in pts]
    if not face:
        return None
    cx = sum(p[0] for p in face) / len(face)
    cy = sum(p[1] for p in face) / len(face)
    if 5 in pts and 6 in pts:
        r = 0.28 * math.dist(pts[5], pts[6])
    else:
        r = max((math.dist((cx, cy), p) for p in face), default=0.0) * 1.3
    return ((cx, cy), r) if r > 0 else None


def skeleton_drawing(frame: dict[str, Any], *, width: float, height: float, threshold: float) -> Drawing:
    """One key frame's COCO-17 skeleton (image coordinates, as the camera saw it), labelled."""
    register_fonts()
    d = Drawing(width, height)
    label_h, pad = 20.0, 4.0
    d.add(Rect(0.5, 0.5, width - 1, height - 1, fillColor=colors.white, strokeColor=RULE, strokeWidth=0.5))
    pts = {i: p for i in range(17) if (p := _joint(frame, i)) is not None}
    head = _head(pts)
    if len(pts) >= 2:
        xs, ys = [p[0] for p in pts.values()], [p[1] for p in pts.values()]
        if head is not None:
            (hx, hy), hr = head
            xs += [hx - hr, hx + hr]
            ys += [hy - hr, hy + hr]
        bw, bh = max(max(xs) - min(xs), 1e-6), max(max(ys) - min(ys), 1e-6)
        box_w, box_h = width - 2 * pad, height - label_h - 2 * pad
        s = min(box_w / bw, box_h / bh)
        ox = pad + (box_w - s * bw) / 2 - s * min(xs)
        oy = label_h + pad + (box_h - s * bh) / 2

        def at(i: int) -> tuple[float, float]:
            px, py = pts[i]
            return ox + s * px, oy + s * (max(ys) - py)  # image y points down

        if head is not None:  # drawing aid: head outline and neck (not COCO keypoints)
            (hx, hy), hr = head
            cx, cy = ox + s * hx, oy + s * (max(ys) - hy)
            d.add(Circle(cx, cy, s * hr, fillColor=None, strokeColor=CENTRE, strokeWidth=0.8))
            if 5 in pts and 6 in pts:
                (x5, y5), (x6, y6) = at(5), at(6)
                d.add(Line((x5 + x6) / 2, (y5 + y6) / 2, cx, cy - s * hr, strokeColor=CENTRE, strokeWidth=1.4))
        for a, b in COCO17_BONES:
            if a in pts and b in pts:
                side = _SIDES[a] if _SIDES[a] == _SIDES[b] else "C"
                colour = {"L": LEFT_SIDE, "R": RIGHT_SIDE}.get(side, CENTRE)
                (x0, y0), (x1, y1) = at(a), at(b)
                face = a < 5 and b < 5
                d.add(Line(x0, y0, x1, y1, strokeColor=colour, strokeWidth=0.7 if face else 1.4, strokeLineCap=1))
        for i in pts:
            cx, cy = at(i)
            colour = {"L": LEFT_SIDE, "R": RIGHT_SIDE}.get(_SIDES[i], CENTRE)
            d.add(Circle(cx, cy, 0.7 if i < 5 else 1.1, fillColor=colour, strokeColor=None))
    else:
        d.add(_text(width / 2, height / 2, _("no skeleton"), 6.5, anchor="middle", colour=MUTED))
    t = number(frame.get("time_s"))
    p = number(frame.get("window_p"))
    na = _("n/a")
    d.add(_text(width / 2, 11, f"t = {format_number(t, 1)} s" if t is not None else f"t = {na}", 6.8,
                anchor="middle"))
    d.add(_text(width / 2, 3.5, f"P = {format_number(p, 2)}" if p is not None else f"P = {na}", 6.8, anchor="middle",
                colour=UNSTABLE if p is not None and p > threshold else INK, bold=p is not None and p > threshold))
    return d
