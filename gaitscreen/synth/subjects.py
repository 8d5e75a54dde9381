"""Synthetic older adults: body dimensions, tandem-gait habits and balance.

Body dimensions are stature times the segment proportions of Winter's
anthropometric table (after Drillis & Contini), each ratio varied a little per
subject; breadths differ by sex. Gait and balance parameters depend on a latent
``frailty`` in [0, 1] (0: a fit 65-year-old, 1: a frail 80-year-old). Values and
their sources are listed in ``docs/synthetic_data.md``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np

# --- Segment proportions (fractions of stature H) --------------------------------
HIP_HEIGHT = 0.530  # greater trochanter ~ hip joint centre
KNEE_HEIGHT = 0.285
ANKLE_HEIGHT = 0.039
SHOULDER_HEIGHT = 0.800  # glenohumeral centre, a little below the acromion (0.818)
HEAD_CENTRE_HEIGHT = 0.925  # between chin (0.870) and eyes (0.936), at the ears
UPPER_ARM = 0.186
FOREARM = 0.146
FOOT_LENGTH = 0.152
#: Biacromial and hip breadth by sex (Winter's table gives 0.259 and 0.191 overall).
SHOULDER_BREADTH = {"F": 0.245, "M": 0.262}
HIP_BREADTH = {"F": 0.200, "M": 0.185}
#: Joint-centre separations as a share of the external breadths.
SHOULDER_JOINT_SHARE = 0.85
HIP_JOINT_SHARE = 0.55
HEAD_BREADTH = 0.088  # ear to ear

# --- Stature of adults aged 65-80 (m): mean, SD by sex -----------------------------
STATURE = {"F": (1.555, 0.065), "M": (1.685, 0.070)}
SHARE_FEMALE = 0.55


@dataclass(frozen=True)
class SynthSubject:
    """One synthetic older adult. Lengths in metres, angles in degrees."""

    subject_id: str
    sex: str  # "F" or "M"
    age: int
    frailty: float  # latent 0..1; drives speed, sway and variability
    stature_m: float
    # Body dimensions
    thigh_m: float
    shank_m: float
    ankle_height_m: float
    foot_length_m: float
    trunk_m: float  # hip-joint line to shoulder-joint line
    head_m: float  # shoulder-joint line to head centre
    hip_width_m: float  # between hip joint centres
    shoulder_width_m: float  # between shoulder joint centres
    head_breadth_m: float
    upper_arm_m: float
    forearm_m: float
    # Tandem gait
    step_length_m: float  # ankle to ankle, about one foot length
    cadence_spm: float  # steps per minute
    swing_fraction: float  # share of a step spent in swing
    step_time_cv: float
    foot_lateral_sd_m: float  # foot placement scatter about the line
    foot_lift_m: float
    # Posture and sway
    sway_ml_m: float  # SD of slow mediolateral pelvis sway
    step_sway_m: float  # amplitude of the step-synchronous pelvis sway
    trunk_roll_sd_deg: float
    trunk_flexion_deg: float
    head_pitch_deg: float  # looking down at the line
    arm_abduction_deg: float
    arm_swing_deg: float
    elbow_flexion_deg: float

    @property
    def speed_mps(self) -> float:
        """Mean walking speed: step length times step frequency."""
        return self.step_length_m * self.cadence_spm / 60.0

    @property
    def leg_m(self) -> float:
        """Thigh plus shank."""
        return self.thigh_m + self.shank_m

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly fields (floats rounded to 0.1 mm / 0.01)."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            out[key] = round(float(value), 4) if isinstance(value, float) else value
        return out


def _vary(rng: np.random.Generator, sd: float) -> float:
    """A multiplicative factor 1 + N(0, sd), kept within ±3 SD."""
    return 1.0 + float(np.clip(rng.normal(0.0, sd), -3 * sd, 3 * sd))


def generate_subject(
    rng: np.random.Generator,
    *,
    subject_id: str,
    sex: str | None = None,
    frailty: float | None = None,
) -> SynthSubject:
    """Draw one subject; ``sex`` ("F"/"M") and ``frailty`` (0..1) may be fixed."""
    if sex is None:
        sex = "F" if rng.random() < SHARE_FEMALE else "M"
    if sex not in STATURE:
        raise ValueError(f"sex must be 'F' or 'M', got {sex!r}")
    if frailty is None:
        frailty = float(rng.beta(2.0, 2.5))
    f = float(np.clip(frailty, 0.0, 1.0))
    age = int(np.clip(round(65 + 15 * (0.6 * f + 0.4 * rng.random())), 65, 80))

    mean, sd = STATURE[sex]
    h = float(mean + sd * np.clip(rng.normal(), -2.5, 2.5))

    ankle = ANKLE_HEIGHT * h * _vary(rng, 0.05)
    shank = (KNEE_HEIGHT - ANKLE_HEIGHT) * h * _vary(rng, 0.025)
    thigh = (HIP_HEIGHT - KNEE_HEIGHT) * h * _vary(rng, 0.025)
    trunk = (SHOULDER_HEIGHT - HIP_HEIGHT) * h * _vary(rng, 0.03)
    head = (HEAD_CENTRE_HEIGHT - SHOULDER_HEIGHT) * h * _vary(rng, 0.04)
    foot = FOOT_LENGTH * h * _vary(rng, 0.03)

    cadence = float(np.clip(100.0 - 45.0 * f + rng.normal(0.0, 7.0), 45.0, 115.0))
    return SynthSubject(
        subject_id=str(subject_id),
        sex=sex,
        age=age,
        frailty=f,
        stature_m=h,
        thigh_m=thigh,
        shank_m=shank,
        ankle_height_m=ankle,
        foot_length_m=foot,
        trunk_m=trunk,
        head_m=head,
        hip_width_m=HIP_BREADTH[sex] * HIP_JOINT_SHARE * h * _vary(rng, 0.06),
        shoulder_width_m=SHOULDER_BREADTH[sex] * SHOULDER_JOINT_SHARE * h * _vary(rng, 0.05),
        head_breadth_m=HEAD_BREADTH * h * _vary(rng, 0.04),
        upper_arm_m=UPPER_ARM * h * _vary(rng, 0.03),
        forearm_m=FOREARM * h * _vary(rng, 0.03),
        step_length_m=foot * float(rng.uniform(1.0, 1.15)) * (1.0 - 0.1 * f),
        cadence_spm=cadence,
        swing_fraction=float(np.clip(0.70 - 0.15 * f + rng.normal(0.0, 0.03), 0.45, 0.8)),
        step_time_cv=0.04 + 0.08 * f,
        foot_lateral_sd_m=0.008 + 0.012 * f,
        foot_lift_m=float(np.clip(0.05 - 0.02 * f + rng.normal(0.0, 0.005), 0.02, 0.07)),
        sway_ml_m=0.005 + 0.010 * f + abs(float(rng.normal(0.0, 0.002))),
        step_sway_m=0.004 + 0.008 * f,
        trunk_roll_sd_deg=0.8 + 1.6 * f,
        trunk_flexion_deg=float(np.clip(4.0 + 10.0 * f + rng.normal(0.0, 3.0), 0.0, 20.0)),
        head_pitch_deg=float(np.clip(12.0 + 10.0 * f + rng.normal(0.0, 4.0), 0.0, 35.0)),
        arm_abduction_deg=float(np.clip(8.0 + 10.0 * f + rng.normal(0.0, 5.0), 3.0, 35.0)),
        arm_swing_deg=float(np.clip(8.0 - 4.0 * f + rng.normal(0.0, 1.5), 2.0, 12.0)),
        elbow_flexion_deg=float(np.clip(15.0 + 10.0 * f + rng.normal(0.0, 4.0), 5.0, 40.0)),
    )


def usual_pace(subject: SynthSubject, speed_mps: float, *, step_length_m: float | None = None) -> SynthSubject:
    """The subject walking at usual pace (not tandem) at ``speed_mps``.

    Step length defaults to 0.36 x stature (about 0.55-0.62 m, older adults' usual
    gait); cadence follows from the speed. A step is 80 % single support (the other
    foot's swing) and 20 % double support, as in ordinary walking.
    """
    length = float(step_length_m if step_length_m is not None else 0.36 * subject.stature_m)
    return replace(
        subject,
        step_length_m=length,
        cadence_spm=60.0 * float(speed_mps) / length,
        swing_fraction=0.8,
        step_time_cv=0.03,
        foot_lateral_sd_m=0.012,
    )
