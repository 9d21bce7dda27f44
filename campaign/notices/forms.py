"""The share page's one-line form: the address to tell when the card is public."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField
from wtforms.validators import DataRequired, Email, Length

from campaign.forms import Form

EMAIL_MAX = 254  # the longest address SMTP carries (RFC 5321 path limit)


class NoticeForm(Form):
    email = EmailField(
        _l("Your e-mail address"),
        filters=[lambda value: (value or "").strip()],
        validators=[
            DataRequired(_l("Please give your e-mail address.")),
            Length(max=EMAIL_MAX, message=_l("Please give a valid e-mail address.")),
            Email(_l("Please give a valid e-mail address."), check_deliverability=False),
        ],
        render_kw={"autocomplete": "email", "maxlength": EMAIL_MAX},
    )
