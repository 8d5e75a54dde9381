"""The only layer that knows both the core and Qt.

It will hold the long-lived inference worker (a QThread with a job queue and
progress, cancel and error signals) that the desktop application uses; the
command line calls the core directly.
"""
