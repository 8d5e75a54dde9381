"""Joint layouts: names, index mappings between layouts, bones and sides.

Three layouts are used for sequences:

* ``coco17``: the 17 COCO keypoints in the order the ultralytics pose models emit.
* ``h36m17``: the 17 Human3.6M joints used by the published tandem-gait data.
* ``ntu25``: the 25 NTU RGB+D (Kinect v2) joints, here filled from H36M-17, so
  several NTU joints repeat an H36M joint (hand, thumb and hand tip all take the
  wrist; foot takes the ankle).

The classifier consumes a fourth, derived order, ``model24``: the NTU joints with
joint 20 (spine at the shoulders) dropped and the rest regrouped; it is an input
order for the network, not a layout that sequences are stored in.

Sides are ``"L"``, ``"R"`` or ``"C"`` (centre line) from the subject's point of view.
Bones are (parent, child) index pairs, parents closer to the pelvis.
"""

from __future__ import annotations

#: Number of joints of every layout a :class:`SkeletonSequence` may hold.
LAYOUTS: dict[str, int] = {"coco17": 17, "h36m17": 17, "ntu25": 25}

COCO17_NAMES: tuple[str, ...] = (
    "nose",
    "left_eye",
    "right_eye",
    "left_ear",
    "right_ear",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_wrist",
    "right_wrist",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
)

H36M17_NAMES: tuple[str, ...] = (
    "pelvis",
    "right_hip",
    "right_knee",
    "right_ankle",
    "left_hip",
    "left_knee",
    "left_ankle",
    "spine",
    "thorax",
    "neck",
    "head",
    "left_shoulder",
    "left_elbow",
    "left_wrist",
    "right_shoulder",
    "right_elbow",
    "right_wrist",
)

NTU25_NAMES: tuple[str, ...] = (
    "spine_base",
    "spine_mid",
    "neck",
    "head",
    "left_shoulder",
    "left_elbow",
    "left_wrist",
    "left_hand",
    "right_shoulder",
    "right_elbow",
    "right_wrist",
    "right_hand",
    "left_hip",
    "left_knee",
    "left_ankle",
    "left_foot",
    "right_hip",
    "right_knee",
    "right_ankle",
    "right_foot",
    "spine_shoulder",
    "left_hand_tip",
    "left_thumb",
    "right_hand_tip",
    "right_thumb",
)

LAYOUT_NAMES: dict[str, tuple[str, ...]] = {
    "coco17": COCO17_NAMES,
    "h36m17": H36M17_NAMES,
    "ntu25": NTU25_NAMES,
}

# --- Mappings -------------------------------------------------------------------

#: H36M joints taken directly from a COCO joint: ``{h36m_index: coco_index}``.
#: The remaining H36M joints (pelvis 0, spine 7, thorax 8, neck 9, head 10) are
#: synthesised, see :func:`gaitscreen.core.skeleton.convert.coco17_to_h36m17`.
H36M17_FROM_COCO17_DIRECT: dict[int, int] = {
    1: 12,  # right hip
    2: 14,  # right knee
    3: 16,  # right ankle
    4: 11,  # left hip
    5: 13,  # left knee
    6: 15,  # left ankle
    11: 5,  # left shoulder
    12: 7,  # left elbow
    13: 9,  # left wrist
    14: 6,  # right shoulder
    15: 8,  # right elbow
    16: 10,  # right wrist
}

#: H36M joints built from several COCO joints.
H36M17_SYNTHESISED: tuple[int, ...] = (0, 7, 8, 9, 10)

#: COCO face keypoints averaged into the H36M head: nose, eyes, ears.
COCO17_FACE: tuple[int, ...] = (0, 1, 2, 3, 4)

#: ``NTU25_FROM_H36M17[n]`` is the H36M joint that fills NTU joint ``n``.
NTU25_FROM_H36M17: tuple[int, ...] = (
    0, 7, 9, 10, 11, 12, 13, 13, 14, 15, 16, 16, 4,
    5, 6, 6, 1, 2, 3, 3, 8, 13, 13, 16, 16,
)  # fmt: skip

#: ``MODEL24_FROM_NTU25[m]`` is the NTU joint at classifier input position ``m``
#: (NTU joint 20, spine at the shoulders, is not used).
MODEL24_FROM_NTU25: tuple[int, ...] = (
    6, 7, 21, 22, 10, 11, 23, 24, 12, 13, 14, 15,
    16, 17, 18, 19, 4, 8, 5, 9, 1, 2, 0, 3,
)  # fmt: skip

MODEL24_NAMES: tuple[str, ...] = tuple(NTU25_NAMES[i] for i in MODEL24_FROM_NTU25)

# --- Drawing --------------------------------------------------------------------

COCO17_BONES: tuple[tuple[int, int], ...] = (
    (0, 1), (0, 2), (1, 3), (2, 4),  # face
    (5, 6), (11, 12), (5, 11), (6, 12),  # torso
    (5, 7), (7, 9), (6, 8), (8, 10),  # arms
    (11, 13), (13, 15), (12, 14), (14, 16),  # legs
)  # fmt: skip

H36M17_BONES: tuple[tuple[int, int], ...] = (
    (0, 1), (1, 2), (2, 3),  # right leg
    (0, 4), (4, 5), (5, 6),  # left leg
    (0, 7), (7, 8), (8, 9), (9, 10),  # spine to head
    (8, 11), (11, 12), (12, 13),  # left arm
    (8, 14), (14, 15), (15, 16),  # right arm
)  # fmt: skip

NTU25_BONES: tuple[tuple[int, int], ...] = (
    (0, 1), (1, 20), (20, 2), (2, 3),  # spine to head
    (20, 4), (4, 5), (5, 6), (6, 7), (7, 21), (7, 22),  # left arm
    (20, 8), (8, 9), (9, 10), (10, 11), (11, 23), (11, 24),  # right arm
    (0, 12), (12, 13), (13, 14), (14, 15),  # left leg
    (0, 16), (16, 17), (17, 18), (18, 19),  # right leg
)  # fmt: skip

LAYOUT_BONES: dict[str, tuple[tuple[int, int], ...]] = {
    "coco17": COCO17_BONES,
    "h36m17": H36M17_BONES,
    "ntu25": NTU25_BONES,
}


def _side(name: str) -> str:
    if name.startswith("left_"):
        return "L"
    if name.startswith("right_"):
        return "R"
    return "C"


#: Side of every joint, ``"L"``, ``"R"`` or ``"C"``, per layout.
LAYOUT_SIDES: dict[str, tuple[str, ...]] = {
    layout: tuple(_side(n) for n in names) for layout, names in LAYOUT_NAMES.items()
}
MODEL24_SIDES: tuple[str, ...] = tuple(_side(n) for n in MODEL24_NAMES)
