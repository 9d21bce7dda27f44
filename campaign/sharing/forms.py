"""Forms of the sharing pages (CSRF-protected by Flask-WTF)."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from campaign.forms import Form


class ConnectForm(Form):
    """The "Post to …" button on the share page; the manage token names the entry."""

    token = HiddenField(validators=[DataRequired(), Length(max=100)])


class ComposeForm(Form):
    text = TextAreaField(
        _l("Text of your post"),
        validators=[DataRequired(), Length(max=3000)],
        render_kw={"rows": 6},
    )
