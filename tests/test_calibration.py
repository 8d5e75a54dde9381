"""Floor calibration: the homography from four projected floor points, and its checks."""

from __future__ import annotations

import json

import numpy as np
import pytest

from gaitscreen.core.calibration import FloorCalibration, dlt_homography
from gaitscreen.core.errors import CalibrationError, GaitScreenError
from gaitscreen.synth.camera import CameraModel

CAM = CameraModel(image_size=(1920, 1080), focal_px=1500.0, principal_px=(962.0, 538.0),
                  height_m=1.2, pitch_deg=14.0, yaw_deg=2.0, roll_deg=1.0)
# A 1.0 m x 4.0 m walkway rectangle from 2 m to 6 m in front of the camera.
WORLD = np.array([[-0.5, 2.0], [0.5, 2.0], [0.5, 6.0], [-0.5, 6.0]])


def _project(xy: np.ndarray, cam: CameraModel = CAM) -> np.ndarray:
    xy = np.asarray(xy, float)
    pts = np.stack([xy[..., 0], np.zeros(xy.shape[:-1]), xy[..., 1]], -1)
    return cam.project(pts)[0]


def _definition(**kw) -> dict:
    d = {"name": "test", "image_points_px": _project(WORLD).tolist(), "world_points_m": WORLD.tolist(),
         "frame_size": [1920, 1080]}
    d.update(kw)
    return d


def test_dlt_recovers_a_known_homography() -> None:
    h = np.array([[1.2, 0.1, 30.0], [-0.05, 0.9, 12.0], [1e-4, 2e-4, 1.0]])
    src = np.array([[0.0, 0.0], [1000.0, 10.0], [950.0, 800.0], [20.0, 700.0]])
    hom = np.c_[src, np.ones(4)] @ h.T
    dst = hom[:, :2] / hom[:, 2:]
    est = dlt_homography(src, dst)
    assert np.allclose(est / est[2, 2], h / h[2, 2], atol=1e-8)


def test_projected_floor_points_map_back_to_metres() -> None:
    cal = FloorCalibration.from_dict(_definition())
    rng = np.random.default_rng(0)
    xy = np.c_[rng.uniform(-1.5, 1.5, 50), rng.uniform(1.5, 8.0, 50)]
    back, front = cal.to_floor(_project(xy))
    assert front.all()
    assert np.abs(back - xy).max() < 1e-6
    assert cal.provenance() == {"name": "test", "sha256": cal.sha256}
    # The hash identifies the geometry, not the name; the definition round-trips.
    assert FloorCalibration.from_dict(_definition(name="other")).sha256 == cal.sha256
    assert FloorCalibration.from_dict(cal.to_dict()).sha256 == cal.sha256
    moved = _definition()
    moved["image_points_px"][0][0] += 1.0
    assert FloorCalibration.from_dict(moved).sha256 != cal.sha256


def test_feet_behind_the_horizon_are_flagged() -> None:
    cal = FloorCalibration.from_dict(_definition())
    above = np.array([[960.0, 100.0]])  # far above the horizon of a camera pitched 14° down
    xy, front = cal.to_floor(above)
    assert not front[0] and np.isnan(xy).all()


def test_expected_error_grows_at_the_far_end() -> None:
    cal = FloorCalibration.from_dict(_definition())
    err = cal.expected_error(5.0)
    # Far corner (6 m) : depth per pixel ~ z² / (f h) ~ 36 / (1500 x 1.2) = 0.02 m/px.
    assert 0.012 < err["m_per_px_far"] < 0.03
    assert err["position_error_m"] == pytest.approx(5.0 * err["m_per_px_far"], rel=1e-3)
    assert err["far_point_px"][1] < _project(WORLD[:1])[0, 1]  # far corners are higher in the image
    near = cal.metres_per_px(_project(WORLD[:1])[0])
    assert near < err["m_per_px_far"] / 4


def test_two_lines_give_the_same_calibration() -> None:
    start = _project(np.array([[-0.5, 2.0], [0.5, 2.0]]))
    end = _project(np.array([[-0.5, 6.0], [0.5, 6.0]]))
    cal = FloorCalibration.from_dict({"lines_px": [start.tolist(), end.tolist()], "line_distance_m": 4.0,
                                      "walkway_width_m": 1.0, "frame_size": [1920, 1080]})
    back, _ = cal.to_floor(_project(np.array([[0.0, 4.0]])))
    assert np.allclose(back, [[0.5, 2.0]], atol=1e-6)  # floor origin at the start line's left end
    assert (cal.start_line_m, cal.end_line_m) == (0.0, 4.0)


def test_lens_distortion_is_removed_before_the_homography() -> None:
    import cv2

    k = np.array([[CAM.focal_px, 0, CAM.principal_px[0]], [0, CAM.focal_px, CAM.principal_px[1]], [0, 0, 1.0]])
    dist = np.array([-0.12, 0.03, 0.0, 0.0, 0.0])

    def distorted(xy: np.ndarray) -> np.ndarray:
        uv = _project(xy)
        norm = (uv - k[:2, 2]) / CAM.focal_px
        obj = np.c_[norm, np.ones(len(norm))]
        out, _ = cv2.projectPoints(obj, np.zeros(3), np.zeros(3), k, dist)
        return out.reshape(-1, 2)

    d = _definition(image_points_px=distorted(WORLD).tolist(), camera_matrix=k.tolist(), dist_coeffs=dist.tolist())
    cal = FloorCalibration.from_dict(d)
    probe = np.array([[1.2, 3.0], [-1.0, 7.0]])
    back, _ = cal.to_floor(distorted(probe))
    assert np.abs(back - probe).max() < 1e-3
    plain = FloorCalibration.from_dict(_definition(image_points_px=distorted(WORLD).tolist()))
    assert np.abs(plain.to_floor(distorted(probe))[0] - probe).max() > 0.005  # distortion matters (5x the corrected error)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (dict(image_points_px=_project(WORLD)[:3].tolist()), "exactly four image points"),
        (dict(world_points_m=WORLD[:3].tolist()), "exactly four floor points"),
        (dict(world_points_m=[[0, 0], [1, 0], [float("nan"), 4], [0, 4]]), "NaN"),
        (dict(world_points_m=[[0, 0], [1, 0], [2, 0], [0, 4]]), "one line"),
        (dict(image_points_px=[[100, 900], [500, 900], [900, 900], [300, 600]]), "one line"),
        (dict(frame_size=[1280, 720]), "outside the 1280x720 image"),
        (dict(world_points_m=[[0, 0], [0.1, 0], [0.1, 0.1], [0, 0.1]]), "zero area"),
        (dict(world_points_m=[WORLD[0].tolist(), WORLD[2].tolist(), WORLD[1].tolist(), WORLD[3].tolist()]),
         "crosses itself"),
        (dict(image_points_px=_project(WORLD)[[0, 2, 1, 3]].tolist()), "crosses itself"),
        (dict(image_points_px="four points"), "not a list of numbers"),
    ],
)
def test_bad_calibrations_get_one_clear_sentence(change: dict, words: str) -> None:
    with pytest.raises(CalibrationError, match=words) as info:
        FloorCalibration.from_dict(_definition(**change))
    assert isinstance(info.value, GaitScreenError)
    assert "\n" not in str(info.value)


def test_a_calibration_that_puts_the_near_floor_behind_the_camera_is_refused() -> None:
    # The points flipped upside down: the floor would hang from the ceiling, and the
    # bottom of the frame (the floor at the patient's feet) would lie beyond the horizon.
    img = _project(WORLD)
    img[:, 1] = 1080.0 - img[:, 1]
    with pytest.raises(CalibrationError, match="behind the camera"):
        FloorCalibration.from_dict(_definition(image_points_px=img.tolist()))
    FloorCalibration.from_dict(_definition(image_points_px=img.tolist(), frame_size=None))  # unknown frame: no check


def test_files(tmp_path) -> None:
    good = tmp_path / "room.json"
    good.write_text(json.dumps({k: v for k, v in _definition().items() if k != "name"}))
    cal = FloorCalibration.load(good)
    assert cal.name == "room"
    bad = tmp_path / "bad.json"
    bad.write_text("image_points_px: 1, 2")
    with pytest.raises(CalibrationError, match="not a JSON file"):
        FloorCalibration.load(bad)
    with pytest.raises(CalibrationError, match="Cannot read"):
        FloorCalibration.load(tmp_path / "missing.json")
    (tmp_path / "list.json").write_text("[1, 2]")
    with pytest.raises(CalibrationError, match="JSON object"):
        FloorCalibration.load(tmp_path / "list.json")


@pytest.mark.parametrize(("height", "pitch", "yaw"), [(1.2, 14.0, 2.0), (0.9, 8.0, -6.0), (1.6, 22.0, 0.0)])
def test_camera_height_and_position_from_the_homography(height: float, pitch: float, yaw: float) -> None:
    from gaitscreen.core.calibration.camera_pose import camera_pose

    cam = CameraModel(image_size=(1920, 1080), focal_px=1600.0, principal_px=(960.0, 540.0), height_m=height,
                      pitch_deg=pitch, yaw_deg=yaw, roll_deg=1.5, x_m=0.3)
    cal = FloorCalibration.from_dict(_definition(image_points_px=_project(WORLD, cam).tolist()))
    pose = camera_pose(np.linalg.inv(cal.homography), (960.0, 540.0))
    assert pose is not None
    assert pose.height_m == pytest.approx(height, abs=0.01)
    assert pose.focal_px == pytest.approx(1600.0, rel=0.02)
    assert np.allclose(pose.floor_xy, [0.3, 0.0], atol=0.02)
