"""The sarcopenia assessment of a visit (AWGS 2019, EWGSOP2): pure functions, no Qt.

``sppb.py`` (SPPB points tables) belongs to the chair-stand/balance work and is not
imported here; an SPPB score enters the assessment as a visit measure.
"""

from .cutoffs import AWGS, CUTOFFS, EWGSOP2, SOURCES, Cutoff
from .evaluate import MET, MISSING, NOT_MET, GuidelineResult, assess, assess_visit
from .visit import SARC_F_ITEMS, Measure, VisitMeasures

__all__ = ["AWGS", "CUTOFFS", "EWGSOP2", "MET", "MISSING", "NOT_MET", "SARC_F_ITEMS", "SOURCES", "Cutoff",
           "GuidelineResult", "Measure", "VisitMeasures", "assess", "assess_visit"]
