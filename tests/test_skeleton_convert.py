"""Joint layout conversions: exact tables, COCO→H36M synthesis, NaN, batch shapes."""

from __future__ import annotations

import numpy as np
import pytest

from gaitscreen.core.errors import SkeletonFormatError
from gaitscreen.core.skeleton import (
    COCO17_NAMES,
    H36M17_NAMES,
    LAYOUT_BONES,
    LAYOUT_NAMES,
    LAYOUT_SIDES,
    LAYOUTS,
    MODEL24_NAMES,
    NTU25_NAMES,
    coco17_to_h36m17,
    convert,
    h36m17_to_ntu25,
    ntu25_to_model24,
)

# The published table, written out independently of the package constants.
NTU_FROM_H36M = {
    0: 0, 1: 7, 2: 9, 3: 10, 4: 11, 5: 12, 6: 13, 7: 13, 8: 14, 9: 15, 10: 16,
    11: 16, 12: 4, 13: 5, 14: 6, 15: 6, 16: 1, 17: 2, 18: 3, 19: 3, 20: 8,
    21: 13, 22: 13, 23: 16, 24: 16,
}  # fmt: skip
MODEL_ORDER = [6, 7, 21, 22, 10, 11, 23, 24, 12, 13, 14, 15, 16, 17, 18, 19, 4, 8, 5, 9, 1, 2, 0, 3]
COCO_DIRECT = {  # H36M index: COCO index
    1: 12, 2: 14, 3: 16, 4: 11, 5: 13, 6: 15, 11: 5, 12: 7, 13: 9, 14: 6, 15: 8, 16: 10,
}  # fmt: skip


def distinct(num_joints: int, c: int = 3) -> np.ndarray:
    """Joint j holds (100j, 100j+1, ...) so every joint is recognisable."""
    return (100.0 * np.arange(num_joints)[:, None] + np.arange(c)[None, :]).astype(np.float32)


def random_coco(rng: np.random.Generator, lead: tuple[int, ...] = ()) -> tuple[np.ndarray, np.ndarray]:
    joints = rng.uniform(0, 500, size=(*lead, 17, 2)).astype(np.float32)
    conf = rng.uniform(0.5, 1.0, size=(*lead, 17)).astype(np.float32)
    return joints, conf


def test_layout_tables() -> None:
    assert LAYOUTS == {"coco17": 17, "h36m17": 17, "ntu25": 25}
    assert COCO17_NAMES[0] == "nose" and COCO17_NAMES[16] == "right_ankle"
    assert COCO17_NAMES[5] == "left_shoulder" and COCO17_NAMES[12] == "right_hip"
    assert H36M17_NAMES[0] == "pelvis" and H36M17_NAMES[1] == "right_hip"
    assert H36M17_NAMES[10] == "head" and H36M17_NAMES[13] == "left_wrist"
    for layout, n in LAYOUTS.items():
        assert len(LAYOUT_NAMES[layout]) == n
        assert len(LAYOUT_SIDES[layout]) == n
        for parent, child in LAYOUT_BONES[layout]:
            assert 0 <= parent < n and 0 <= child < n and parent != child
    assert LAYOUT_SIDES["h36m17"][1] == "R" and LAYOUT_SIDES["h36m17"][4] == "L"
    assert LAYOUT_SIDES["h36m17"][0] == "C"
    # every NTU joint used by the model is drawn by some bone
    assert {j for bone in LAYOUT_BONES["ntu25"] for j in bone} == set(range(25))


def test_ntu_from_h36m_entry_by_entry() -> None:
    h36m = distinct(17)
    ntu, conf = h36m17_to_ntu25(h36m)
    assert conf is None
    assert ntu.shape == (25, 3)
    for ntu_idx, h36m_idx in NTU_FROM_H36M.items():
        np.testing.assert_array_equal(ntu[ntu_idx], h36m[h36m_idx], err_msg=f"NTU {ntu_idx}")
    # names agree with the table for the unambiguous joints
    assert NTU25_NAMES[4] == "left_shoulder" and H36M17_NAMES[11] == "left_shoulder"
    assert NTU25_NAMES[16] == "right_hip" and H36M17_NAMES[1] == "right_hip"


def test_ntu_confidence_follows_joints() -> None:
    conf = np.arange(17, dtype=np.float32) / 16
    _, ntu_conf = h36m17_to_ntu25(distinct(17), conf)
    assert ntu_conf is not None
    for ntu_idx, h36m_idx in NTU_FROM_H36M.items():
        assert ntu_conf[ntu_idx] == conf[h36m_idx]


def test_model24_order() -> None:
    ntu = distinct(25)
    model, _ = ntu25_to_model24(ntu)
    assert model.shape == (24, 3)
    for pos, ntu_idx in enumerate(MODEL_ORDER):
        np.testing.assert_array_equal(model[pos], ntu[ntu_idx])
    assert 20 not in MODEL_ORDER
    assert MODEL24_NAMES == tuple(NTU25_NAMES[i] for i in MODEL_ORDER)


def test_convert_chain_matches_steps() -> None:
    rng = np.random.default_rng(0)
    joints, conf = random_coco(rng, (5,))
    h, hc = coco17_to_h36m17(joints, conf)
    n, nc = h36m17_to_ntu25(h, hc)
    m, mc = ntu25_to_model24(n, nc)
    cj, cc = convert(joints, conf, "coco17", "ntu25")
    np.testing.assert_array_equal(cj, n)
    np.testing.assert_array_equal(cc, nc)
    cj, cc = convert(joints, conf, "coco17", "model24")
    np.testing.assert_array_equal(cj, m)
    np.testing.assert_array_equal(cc, mc)
    cj, cc = convert(h, hc, "h36m17", "ntu25")
    np.testing.assert_array_equal(cj, n)
    same, same_c = convert(joints, conf, "coco17", "coco17")
    np.testing.assert_array_equal(same, joints)
    assert same is not joints and same_c is not conf


@pytest.mark.parametrize(("src", "dst"), [("ntu25", "coco17"), ("h36m17", "coco17"), ("coco17", "x")])
def test_convert_rejects_unsupported(src: str, dst: str) -> None:
    with pytest.raises(SkeletonFormatError):
        convert(np.zeros((LAYOUTS[src], 2)), None, src, dst)


def test_wrong_joint_count_and_conf_shape() -> None:
    with pytest.raises(SkeletonFormatError):
        h36m17_to_ntu25(np.zeros((10, 25, 3)))
    with pytest.raises(SkeletonFormatError):
        coco17_to_h36m17(np.zeros((10, 17, 2)), np.ones((10, 16)))


def test_coco_to_h36m_synthesis() -> None:
    rng = np.random.default_rng(1)
    c, cc = random_coco(rng)
    h, hc = coco17_to_h36m17(c, cc)
    assert hc is not None
    for h_idx, c_idx in COCO_DIRECT.items():
        np.testing.assert_array_equal(h[h_idx], c[c_idx])
        assert hc[h_idx] == cc[c_idx]
    pelvis = (c[11] + c[12]) / 2
    thorax = (c[5] + c[6]) / 2
    w = cc[:5]  # all face keypoints are confident (>= 0.5)
    head = (w[:, None] * c[:5]).sum(axis=0) / w.sum()
    np.testing.assert_allclose(h[0], pelvis, rtol=1e-6)
    np.testing.assert_allclose(h[8], thorax, rtol=1e-6)
    np.testing.assert_allclose(h[7], (pelvis + thorax) / 2, rtol=1e-6)
    np.testing.assert_allclose(h[10], head, rtol=1e-5)
    np.testing.assert_allclose(h[9], (thorax + head) / 2, rtol=1e-5)
    assert hc[0] == min(cc[11], cc[12])
    assert hc[8] == min(cc[5], cc[6])
    assert hc[7] == min(cc[5], cc[6], cc[11], cc[12])
    assert hc[10] == cc[:5].min()
    assert hc[9] == min(cc[5], cc[6], cc[:5].min())


def test_head_uses_only_confident_face_points() -> None:
    c = distinct(17, 2)
    cc = np.ones(17, dtype=np.float32)
    cc[[1, 3]] = 0.1  # left eye and left ear below the threshold
    cc[2] = 0.6
    h, hc = coco17_to_h36m17(c, cc, face_threshold=0.3)
    expected = (1.0 * c[0] + 0.6 * c[2] + 1.0 * c[4]) / 2.6
    np.testing.assert_allclose(h[10], expected, rtol=1e-6)
    assert hc[10] == pytest.approx(0.6)


def test_head_falls_back_to_nose() -> None:
    c = distinct(17, 2)
    cc = np.ones(17, dtype=np.float32)
    cc[:5] = [0.2, 0.1, 0.1, 0.0, 0.05]
    h, hc = coco17_to_h36m17(c, cc)
    np.testing.assert_array_equal(h[10], c[0])
    assert hc[10] == pytest.approx(0.2)
    assert hc[9] == pytest.approx(0.2)


def test_head_without_confidence_is_plain_mean() -> None:
    c = distinct(17, 2)
    h, hc = coco17_to_h36m17(c)
    assert hc is None
    np.testing.assert_allclose(h[10], c[:5].mean(axis=0), rtol=1e-6)


def test_nan_propagates() -> None:
    c = distinct(17, 2)
    cc = np.ones(17, dtype=np.float32)
    c[11] = np.nan  # left hip missing
    cc[11] = 0.0
    c[9] = np.nan  # left wrist missing
    h, hc = coco17_to_h36m17(c, cc)
    assert np.isnan(h[4]).all()  # left hip copied
    assert np.isnan(h[13]).all()  # left wrist copied
    assert np.isnan(h[0]).all() and np.isnan(h[7]).all()  # pelvis, spine
    assert np.isfinite(h[8]).all() and np.isfinite(h[10]).all()  # thorax, head
    assert hc[0] == 0 and hc[7] == 0 and hc[13] == 0  # NaN joints get confidence 0
    n, nc = h36m17_to_ntu25(h, hc)
    for ntu_idx, h36m_idx in NTU_FROM_H36M.items():
        assert np.isnan(n[ntu_idx]).all() == (h36m_idx in (0, 4, 7, 13))
    m, _ = ntu25_to_model24(n, nc)
    assert np.isnan(m).any() and not (m == 0).all(axis=-1).any()


def test_nan_face_points_are_skipped_and_all_nan_face_gives_nan_head() -> None:
    c = distinct(17, 2)
    cc = np.ones(17, dtype=np.float32)
    c[3] = np.nan
    h, _ = coco17_to_h36m17(c, cc)
    np.testing.assert_allclose(h[10], c[[0, 1, 2, 4]].mean(axis=0), rtol=1e-6)
    c[:5] = np.nan
    h, hc = coco17_to_h36m17(c, cc)
    assert np.isnan(h[10]).all() and np.isnan(h[9]).all()
    assert hc[10] == 0 and hc[9] == 0


@pytest.mark.parametrize("lead", [(7,), (3, 7)])
def test_batch_shapes(lead: tuple[int, ...]) -> None:
    rng = np.random.default_rng(2)
    c, cc = random_coco(rng, lead)
    h, hc = coco17_to_h36m17(c, cc)
    assert h.shape == (*lead, 17, 2) and hc.shape == (*lead, 17)
    n, nc = h36m17_to_ntu25(h, hc)
    assert n.shape == (*lead, 25, 2) and nc.shape == (*lead, 25)
    m, mc = ntu25_to_model24(n, nc)
    assert m.shape == (*lead, 24, 2) and mc.shape == (*lead, 24)
    # each batch element equals the unbatched conversion
    flat_c = c.reshape(-1, 17, 2)
    flat_cc = cc.reshape(-1, 17)
    flat_m = m.reshape(-1, 24, 2)
    for i in range(flat_c.shape[0]):
        one, _ = convert(flat_c[i], flat_cc[i], "coco17", "model24")
        np.testing.assert_allclose(flat_m[i], one, rtol=1e-6)
    assert h.dtype == np.float32 and hc.dtype == np.float32


def test_inputs_not_modified() -> None:
    c = distinct(17, 3)
    cc = np.ones(17)
    c_copy, cc_copy = c.copy(), cc.copy()
    convert(c, cc, "coco17", "model24")
    np.testing.assert_array_equal(c, c_copy)
    np.testing.assert_array_equal(cc, cc_copy)
