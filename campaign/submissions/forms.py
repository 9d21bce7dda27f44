"""The join form and the submitter's edit form."""

import json
import math

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    FloatField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from campaign.countries import country_names
from campaign.drawable import drawable
from campaign.forms import (
    ALWAYS_CHOSEN,
    DESIGN_LABELS,
    Form,
    check_characters,
    cleaned_line,
    cleaned_paragraphs,
)
from campaign.languages import LANGUAGES
from campaign.models import EntryKind

STATEMENT_MAX = 280
OFFICIAL_STATEMENT_MAX = 1500
NAME_MAX = 60
CITY_MAX = 80


class StatementMixin:
    statement = TextAreaField(
        _l("I’m a lifelong learner because…"),
        filters=[cleaned_line],
        validators=[
            DataRequired(_l("Please write your statement.")),
            Length(
                max=STATEMENT_MAX, message=_l("Please keep your statement to %(max)d characters.")
            ),
            check_characters,
            drawable("statement"),
        ],
    )


class JoinForm(StatementMixin, Form):
    photo = FileField(
        _l("Your photo"),
        validators=[FileRequired(_l("Please add a photo of yourself."))],
        render_kw={"accept": "image/*", "capture": "user"},
    )
    name = StringField(
        _l("Your first name or display name"),
        filters=[cleaned_line],
        validators=[
            DataRequired(_l("Please tell us your name.")),
            Length(max=NAME_MAX, message=_l("Please keep your name to %(max)d characters.")),
            check_characters,
            drawable("name"),
        ],
        render_kw={"autocomplete": "given-name"},
    )
    city = StringField(
        _l("Your learning city"),
        filters=[cleaned_line],
        validators=[
            DataRequired(_l("Please tell us your city.")),
            Length(max=CITY_MAX, message=_l("Please keep the city to %(max)d characters.")),
            check_characters,
            drawable("city"),
        ],
        # data-city-autocomplete: static/js/city-autocomplete.js suggests directory cities.
        render_kw={
            "autocomplete": "address-level2",
            "data-city-autocomplete": "",
            "data-country-field": "country",
        },
    )
    country = SelectField(
        _l("Country"), validators=[InputRequired(_l("Please choose your country."))]
    )
    language = SelectField(
        _l("Language of your statement"),
        choices=[
            SelectChoice(language.code, language.name, render_kw={"lang": language.code})
            for language in LANGUAGES.values()
        ],
        validators=[InputRequired()],
        render_kw=ALWAYS_CHOSEN,
    )
    # Empty unless the person moved the focal point: then the cards are framed around the
    # faces found in the photo (campaign.cards.framing).
    focal_x = FloatField(validators=[Optional(), NumberRange(0, 1)], widget=HiddenField.widget)
    focal_y = FloatField(validators=[Optional(), NumberRange(0, 1)], widget=HiddenField.widget)
    faces = HiddenField()  # see chosen_faces
    design = RadioField(
        _l("Card design"),
        choices=[SelectChoice(name, label) for name, label in DESIGN_LABELS.items()],
        default="split",
        # Optional: a form from before the choice existed gets the default design.
        validators=[Optional()],
    )
    # The inviter's slug from /join?via=...; checked (public entry or nothing) on submission.
    via = HiddenField()
    consent = BooleanField(
        _l(
            "I agree that my photo and statement are published on the campaign wall "
            "and may be shared."
        ),
        validators=[
            DataRequired(_l("Please agree to publication so that we can show your entry."))
        ],
    )
    # Its label and message name the configured AGE_THRESHOLD (set in __init__).
    age = BooleanField()

    def __init__(
        self, *args, locale: str = "en", age: int = 16, designs: list[str] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        if designs:  # a city edition offers some of the designs only
            self.design.choices = [c for c in self.design.choices if c[0] in designs]
            if self.design.default not in designs:
                self.design.default = designs[0]
                self.design.data = self.design.data if self.design.data in designs else designs[0]
        self.age.label.text = _l(
            "I am %(age)d or older, or I am a parent or teacher sending this for a younger "
            "learner with their agreement.",
            age=age,
        )
        self.age.validators = [
            DataRequired(
                _l(
                    "People under %(age)d cannot join on their own. Please ask a parent or "
                    "teacher to send your photo and sentence for you.",
                    age=age,
                )
            )
        ]
        self.age.flags.required = True
        self.country.choices = [SelectChoice("", _l("Choose your country"))] + [
            SelectChoice(code, name) for code, name in country_names(locale).items()
        ]

    def validate_country(self, field) -> None:
        if field.data not in country_names("en"):
            raise ValidationError(_l("Please choose your country."))

    def consent_statements(self) -> list[str]:
        """The statements the person ticked, as worded on their page (for the consent record)."""
        return [str(self.consent.label.text), str(self.age.label.text)]


class EditStatementForm(StatementMixin, Form):
    pass


def edit_statement_form(kind: EntryKind, **kwargs) -> Form:
    """The statement form for an entry: officials may write up to 1,500 characters."""
    if kind is EntryKind.OFFICIAL:
        return OfficialEditStatementForm(**kwargs)
    return EditStatementForm(**kwargs)


class OfficialEditStatementForm(Form):
    """An official editing their statement from their private link (paragraphs kept)."""

    statement = TextAreaField(
        _l("I’m a lifelong learner because…"),
        filters=[cleaned_paragraphs],
        validators=[
            DataRequired(_l("Please write your statement.")),
            Length(
                max=OFFICIAL_STATEMENT_MAX,
                message=_l("Please keep your statement to %(max)d characters."),
            ),
            check_characters,
            drawable("statement"),
        ],
        render_kw={"maxlength": OFFICIAL_STATEMENT_MAX, "rows": 10},
    )


def card_choices(form: Form) -> dict:
    """The card maker's part of a join or an official's form: the photo's bytes, the focal
    point and the faces its preview framed, the design."""
    return {
        "photo": form.photo.data.read(),
        "focal": chosen_focal(form),
        "faces": chosen_faces(form),
        "design": form.design.data or form.design.default,
    }


def chosen_focal(form: Form) -> tuple[float, float] | None:
    """The focal point the person set on the photo; None if they left it to the framing."""
    if form.focal_x.data is None or form.focal_y.data is None:
        return None
    return form.focal_x.data, form.focal_y.data


MAX_FACES = 8


def chosen_faces(form: Form) -> tuple[tuple[float, float, float, float], ...] | None:
    """The faces the page's preview found in the photo (left, top, right, bottom as fractions),
    so the cards are framed as the preview showed; None when absent or malformed: then the
    server finds them itself. They only place the crop of the sender's own photo."""
    try:
        boxes = json.loads(form.faces.data or "null")
    except ValueError:
        return None
    if not isinstance(boxes, list) or len(boxes) > MAX_FACES:
        return None
    faces = []
    for box in boxes:
        if not (isinstance(box, list) and len(box) == 4):
            return None
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in box):
            return None
        left, top, right, bottom = (float(v) for v in box)
        if not (0 <= left < right <= 1 and 0 <= top < bottom <= 1):
            return None
        faces.append((left, top, right, bottom))
    return tuple(faces)
