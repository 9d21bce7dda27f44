"""Joining the campaign: the form, the entry it makes, and the submitter's own pages."""
