"""The one form every feature shares."""

from flask_wtf import FlaskForm


class EmptyForm(FlaskForm):
    """A button that changes something: the CSRF token and nothing else."""
