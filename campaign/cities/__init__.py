"""The learning-cities directory: matching typed cities, suggestions, CSV import, admin pages.

Shared by the join form (submissions) and officials' invitations, so it is a package of its
own that neither feature owns.
"""
