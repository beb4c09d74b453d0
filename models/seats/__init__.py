"""Seats (座次): where each delegate sits, and the notes the desk shows on ✔.

:mod:`models.seats.labels` reads a seat as people write it, :mod:`models.seats.plan` is the hall
plan and the block assignment (both pure); :mod:`models.seats.assigning` and
:mod:`models.seats.notes` are the services. The roster file reads seats and notes too
(models.io.roster_file), so this package's own import stays light: the services are imported
from their modules.
"""
