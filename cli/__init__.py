"""The ``huiwu`` command line by area; main.py builds the root group from these modules."""
