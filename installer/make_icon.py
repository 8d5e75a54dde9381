"""Draw GaitScreen's application icon: ``resources/icons/gaitscreen.png`` (+ ``.ico``).

An original, deliberately simple picture: a white walking figure seen from the
front on a teal rounded square, above a line of heel-to-toe footprints (the tandem
walk GaitScreen screens). Drawn with OpenCV at 4× and scaled down for smooth edges.

    python installer/make_icon.py            # writes the PNG files and gaitscreen.ico

The ``.ico`` for the Windows build and installer holds PNG-compressed images of
16, 32, 48 and 256 pixels, written directly (OpenCV cannot write ``.ico``).
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)
TEAL = (140, 122, 31)  # BGR of #1f7a8c
DEEP = (94, 78, 18)
WHITE = (255, 255, 255)
MINT = (214, 236, 190)


def draw(size: int = 256, scale: int = 4) -> np.ndarray:
    """The icon as a BGRA image of ``size`` × ``size`` pixels."""
    n = size * scale
    img = np.zeros((n, n, 4), np.uint8)

    def p(x: float, y: float) -> tuple[int, int]:  # coordinates in a 0..1 square
        return int(round(x * n)), int(round(y * n))

    def w(t: float) -> int:
        return max(1, int(round(t * n)))

    # Rounded square background with a slightly darker lower band (the floor).
    radius, inset = 0.18, 0.03
    mask = np.zeros((n, n), np.uint8)
    a, b = inset, 1 - inset
    cv2.rectangle(mask, p(a + radius, a), p(b - radius, b), 255, -1)
    cv2.rectangle(mask, p(a, a + radius), p(b, b - radius), 255, -1)
    for cx, cy in ((a + radius, a + radius), (b - radius, a + radius), (a + radius, b - radius),
                   (b - radius, b - radius)):
        cv2.circle(mask, p(cx, cy), w(radius), 255, -1, cv2.LINE_AA)
    img[..., :3] = TEAL
    img[int(0.74 * n):, :, :3] = DEEP
    img[..., 3] = mask

    # Two footprints, heel to toe along the centre line, the farther one smaller.
    for i, (y, s) in enumerate(((0.905, 1.0), (0.815, 0.78))):
        x = 0.5 + (0.03 if i % 2 else -0.03) * s
        cv2.ellipse(img, p(x, y - 0.012 * s), (w(0.03 * s), w(0.045 * s)), 0, 0, 360, (*MINT, 255), -1,
                    cv2.LINE_AA)
        cv2.circle(img, p(x, y + 0.045 * s), w(0.022 * s), (*MINT, 255), -1, cv2.LINE_AA)

    # Walking figure, front view: head, trunk, arms swinging, one leg forward.
    limb = w(0.055)
    colour = (*WHITE, 255)
    cv2.circle(img, p(0.5, 0.16), w(0.075), colour, -1, cv2.LINE_AA)
    neck, hip = (0.5, 0.26), (0.5, 0.47)
    cv2.line(img, p(*neck), p(*hip), colour, limb, cv2.LINE_AA)
    for hand in ((0.33, 0.45), (0.67, 0.40)):
        elbow = ((neck[0] + hand[0]) / 2 + (0.02 if hand[0] < 0.5 else -0.02), 0.36)
        cv2.line(img, p(0.5, 0.30), p(*elbow), colour, limb, cv2.LINE_AA)
        cv2.line(img, p(*elbow), p(*hand), colour, limb, cv2.LINE_AA)
    for knee, foot in (((0.45, 0.60), (0.475, 0.735)), ((0.55, 0.59), (0.525, 0.70))):
        cv2.line(img, p(*hip), p(*knee), colour, limb, cv2.LINE_AA)
        cv2.line(img, p(*knee), p(*foot), colour, limb, cv2.LINE_AA)

    img[..., 3] = np.minimum(img[..., 3], mask)
    return cv2.resize(img, (size, size), interpolation=cv2.INTER_AREA)


def ico_bytes(images: dict[int, np.ndarray]) -> bytes:
    """A Windows ``.ico`` holding one PNG-compressed image per size (Vista and later read these)."""
    pngs = []
    for size in sorted(images):
        ok, data = cv2.imencode(".png", images[size])
        if not ok:
            raise RuntimeError(f"PNG encoding of the {size}-pixel icon failed")
        pngs.append((size, data.tobytes()))
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, payload = b"", b""
    for size, data in pngs:
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return header + entries + payload


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ICONS, help="folder for the icon files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    main_png = args.out / "gaitscreen.png"
    images = {size: draw(size) for size in SIZES}
    for size, image in images.items():
        target = main_png if size == 256 else args.out / f"gaitscreen-{size}.png"
        if not cv2.imwrite(str(target), image):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(target)
    ico = args.out / "gaitscreen.ico"
    ico.write_bytes(ico_bytes({s: images[s] for s in (16, 32, 48, 256)}))
    print(ico)
    return 0


if __name__ == "__main__":
    sys.exit(main())
