"""Lifters trained on GaitScreen's synthetic walks, and synthetic walks lifted for 3-D models.

The glue between the synthetic generator (:mod:`gaitscreen.synth`) and the lifting
code of :mod:`gaitscreen.core.lifting`: it sits with the generator, above core, so
the core never depends on the synthetic data (the import contracts enforce that).
"""
