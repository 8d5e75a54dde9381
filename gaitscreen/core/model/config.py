"""SkateFormer's hyper-parameters, without torch.

:class:`SkateFormerConfig` lives apart from the network so that reading a model
card and checking a model's inputs (the ONNX Runtime path) never imports torch.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["ARCHITECTURES", "PartitionSize", "SkateFormerConfig", "merged_length"]


def merged_length(frames: int, kernel_size: int) -> int:
    """Frame count after a stage's strided temporal merge (stride 2, padding (k-1)/2)."""
    pad = (kernel_size - 1) // 2
    return (frames + 2 * pad - kernel_size) // 2 + 1


PartitionSize = tuple[int, int]
ARCHITECTURES = {"ntu": "ntu_sarcopenia", "compact": "compact"}


@dataclass(frozen=True)
class SkateFormerConfig:
    """Hyper-parameters of :class:`SkateFormer`; validated on creation.

    Partition sizes are ``(frames, joints)`` per window for the four attention
    types (1: neighbouring frames x adjacent joints, 2: neighbouring frames x
    distant joints, 3: distant frames x adjacent joints, 4: distant x distant).
    ``num_points * num_people`` must be divisible by every joint size, and the
    frame count of every stage (halved by each downsampling) by every frame size.
    The embedding width is ``channels[0]``.
    """

    num_classes: int = 2
    num_people: int = 2
    num_points: int = 24
    in_channels: int = 3
    frames: int = 64
    kernel_size: int = 7
    num_heads: int = 32
    type_1_size: PartitionSize = (8, 8)
    type_2_size: PartitionSize = (8, 12)
    type_3_size: PartitionSize = (8, 8)
    type_4_size: PartitionSize = (8, 12)
    mlp_ratio: float = 4.0
    depths: tuple[int, ...] = (2, 2, 2, 2)
    channels: tuple[int, ...] = (96, 192, 192, 192)
    use_index_t: bool = True
    relative_bias: bool = True
    attn_drop: float = 0.0
    drop: float = 0.0
    drop_path: float = 0.0
    head_drop: float = 0.0

    @classmethod
    def ntu_sarcopenia(cls) -> SkateFormerConfig:
        """The configuration of the published sarcopenia stability classifier.

        24 NTU joints (reordered, joint 20 dropped) x 2 persons, 3 channels,
        64 frames, 2 classes: the field defaults above are that configuration
        (tests/test_skateformer_reference.py holds them to the published checkpoint).
        """
        return cls()

    @classmethod
    def compact(cls) -> SkateFormerConfig:
        """A narrower SkateFormer for CPU workstations: same inputs and blocks as
        :meth:`ntu_sarcopenia`, widths (32, 64, 64, 64) and 8 heads, ~0.45 M
        parameters instead of 3.6 M (about 5x faster to train and 4x faster to run
        on a CPU). The bundled synthetic-data model uses it; the published
        checkpoint needs :meth:`ntu_sarcopenia`.
        """
        return replace(cls.ntu_sarcopenia(), num_heads=8, channels=(32, 64, 64, 64))

    @classmethod
    def named(cls, name: str) -> SkateFormerConfig:
        """``"ntu"`` (the published configuration) or ``"compact"``."""
        if name not in ARCHITECTURES:
            raise ValueError(f"unknown SkateFormer size {name!r}; choose one of {', '.join(ARCHITECTURES)}")
        return getattr(cls, ARCHITECTURES[name])()

    @property
    def partition_sizes(self) -> tuple[PartitionSize, ...]:
        """The four partition sizes, type 1 to type 4."""
        return (self.type_1_size, self.type_2_size, self.type_3_size, self.type_4_size)

    @property
    def total_joints(self) -> int:
        """Width of the joint axis inside the network: joints of all persons."""
        return self.num_points * self.num_people

    def stage_frames(self) -> tuple[int, ...]:
        """Frame count seen by each stage (stages after the first downsample)."""
        counts = [self.frames]
        for _ in self.channels[1:]:
            counts.append(merged_length(counts[-1], self.kernel_size))
        return tuple(counts)

    def __post_init__(self) -> None:
        # Normalise list inputs (e.g. from JSON/YAML) to tuples.
        sequences = ("type_1_size", "type_2_size", "type_3_size", "type_4_size",
                     "depths", "channels")
        for name in sequences:
            object.__setattr__(self, name, tuple(int(n) for n in getattr(self, name)))
        self._validate()

    def _validate(self) -> None:
        counts = ("num_classes", "num_people", "num_points", "in_channels", "frames", "kernel_size")
        for name in counts:
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(
                    f"SkateFormerConfig.{name} must be a positive integer, got {value!r}"
                )
        if self.kernel_size % 2 == 0:
            raise ValueError(
                f"kernel_size must be odd to keep the frame count, got {self.kernel_size}"
            )
        if self.num_heads < 8 or self.num_heads % 8:
            raise ValueError(f"num_heads must be a positive multiple of 8, got {self.num_heads}")
        if not self.depths or len(self.depths) != len(self.channels):
            raise ValueError(
                "depths and channels need one entry per stage, "
                f"got {self.depths} and {self.channels}"
            )
        if min(self.depths) < 1:
            raise ValueError(f"every stage needs at least one block, got depths {self.depths}")
        for width in self.channels:
            if width < 1 or width % self.num_heads:
                raise ValueError(
                    f"every stage width must be a multiple of num_heads={self.num_heads}, "
                    f"got channels {self.channels}"
                )
        if self.use_index_t and self.channels[0] % 2:
            raise ValueError(
                f"channels[0] must be even for the index_t encoding, got {self.channels[0]}"
            )
        if self.mlp_ratio <= 0:
            raise ValueError(f"mlp_ratio must be positive, got {self.mlp_ratio}")
        for name in ("attn_drop", "drop", "drop_path", "head_drop"):
            rate = getattr(self, name)
            if not 0.0 <= rate < 1.0:
                raise ValueError(f"{name} must lie in [0, 1), got {rate}")
        joints = self.total_joints
        stage_frames = self.stage_frames()
        for kind, size in enumerate(self.partition_sizes, start=1):
            if len(size) != 2 or min(size) < 1:
                raise ValueError(
                    f"type_{kind}_size must be two positive integers (frames, joints), got {size}"
                )
            win_frames, win_joints = size
            if joints % win_joints:
                raise ValueError(
                    f"num_points x num_people = {self.num_points} x {self.num_people} = {joints} "
                    f"joints is not divisible by type_{kind}_size joints = {win_joints}; choose "
                    f"partition sizes that divide {joints}"
                )
            for stage, count in enumerate(stage_frames):
                if count % win_frames:
                    raise ValueError(
                        f"stage {stage} sees {count} frames (frames={self.frames}), which is not "
                        f"divisible by type_{kind}_size frames = {win_frames}"
                    )
