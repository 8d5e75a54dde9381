"""Version of the synthetic data generator, recorded in every clip's meta."""

from __future__ import annotations

#: Bump when the same seed would produce different data (any model change).
GENERATOR_VERSION = "1.0.0"

#: Generator name recorded with the version.
GENERATOR_NAME = "gaitscreen.synth"
