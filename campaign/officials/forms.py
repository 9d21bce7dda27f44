"""Forms: the official's statement form, and the admin's invitation and city forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    FloatField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from campaign.countries import country_names
from campaign.drawable import drawable
from campaign.forms import ALWAYS_CHOSEN, Form, check_characters, cleaned_line
from campaign.languages import LANGUAGES
from campaign.submissions.forms import JoinForm, OfficialEditStatementForm

NAME_MAX = 80
TITLE_MAX = 160
CITY_MAX = 120
REGION_MAX = 120


def _language_choices() -> list[SelectChoice]:
    return [
        SelectChoice(language.code, language.name, render_kw={"lang": language.code})
        for language in LANGUAGES.values()
    ]


def _country_choices(locale: str) -> list[SelectChoice]:
    return [SelectChoice("", _l("Choose the country"))] + [
        SelectChoice(code, name) for code, name in country_names(locale).items()
    ]


def _check_country(form: Form, field) -> None:
    if field.data not in country_names("en"):
        raise ValidationError(_l("Please choose the country."))


def _text_field(
    label, required: str, limit: int, drawn: str | None = None, **render_kw
) -> StringField:
    """A one-line text field; drawn names the card text it becomes, checked for glyphs."""
    return StringField(
        label,
        filters=[cleaned_line],
        validators=[
            DataRequired(required),
            Length(max=limit, message=_l("Please keep this to %(max)d characters.")),
            check_characters,
            *([drawable(drawn)] if drawn else []),
        ],
        render_kw=render_kw or None,
    )


class OfficialStatementForm(Form):
    """What an invited official sends: like the learner's form, with a longer statement."""

    photo = FileField(
        _l("Your photo"),
        validators=[FileRequired(_l("Please add a photo of yourself."))],
        render_kw={"accept": "image/*", "capture": "user"},
    )
    name = _text_field(_l("Your name"), _l("Please tell us your name."), NAME_MAX, "name")
    title = _text_field(
        _l("Your title"), _l("Please give your title, such as Mayor of Espoo."), TITLE_MAX, "title"
    )
    language = SelectField(
        _l("Language of your statement"),
        choices=_language_choices(),
        validators=[InputRequired()],
        render_kw=ALWAYS_CHOSEN,
    )
    statement = OfficialEditStatementForm.statement
    # Empty unless the person moved the focal point: then the cards are framed around the
    # faces found in the photo (campaign.cards.framing).
    focal_x = FloatField(validators=[Optional(), NumberRange(0, 1)], widget=HiddenField.widget)
    focal_y = FloatField(validators=[Optional(), NumberRange(0, 1)], widget=HiddenField.widget)
    faces = JoinForm.faces  # the faces the preview framed (chosen_faces)
    design = JoinForm.design
    consent = BooleanField(
        _l(
            "I agree that my photo, name, title and statement are published on the campaign "
            "wall and may be shared."
        ),
        validators=[
            DataRequired(_l("Please agree to publication so that we can show your statement."))
        ],
    )


class InvitationForm(Form):
    name = _text_field(
        _l("Official’s name"), _l("Please give the official’s name."), NAME_MAX, "name"
    )
    title = _text_field(
        _l("Title"), _l("Please give the title, such as Mayor of Espoo."), TITLE_MAX, "title"
    )
    city = _text_field(
        _l("City"),
        _l("Please give the city."),
        CITY_MAX,
        "city",
        autocomplete="off",
        **{"data-city-autocomplete": "", "data-country-field": "country"},
    )
    country = SelectField(_l("Country"), validators=[_check_country])
    language = SelectField(
        _l("Language of the invitation"),
        choices=_language_choices(),
        validators=[InputRequired()],
        render_kw=ALWAYS_CHOSEN,
    )
    email = EmailField(
        _l("E-mail (optional)"),
        filters=[lambda value: (value or "").strip() or None],
        validators=[
            Optional(),
            Length(max=254),
            Email(_l("Please give a valid e-mail address."), check_deliverability=False),
        ],
    )
    pre_approved = BooleanField(_l("Publish the statement without waiting for a moderator"))
    send_email = BooleanField(_l("E-mail the link now"), default=True)

    def __init__(self, *args, locale: str = "en", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.country.choices = _country_choices(locale)


class CityForm(Form):
    name = _text_field(_l("City"), _l("Please give the city’s name."), CITY_MAX)
    country = SelectField(_l("Country"), validators=[_check_country])
    region = StringField(
        _l("Region (optional)"),
        filters=[cleaned_line],
        validators=[Optional(), Length(max=REGION_MAX), check_characters],
    )
    member_since = IntegerField(
        _l("Member of the network since (optional)"),
        validators=[Optional(), NumberRange(2013, 2100, _l("Please give a year from 2013."))],
    )

    def __init__(self, *args, locale: str = "en", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.country.choices = _country_choices(locale)


class CityImportForm(Form):
    csv_file = FileField(
        _l("CSV file"),
        validators=[
            FileRequired(_l("Please choose a CSV file.")),
            FileAllowed(["csv", "txt"], _l("Please choose a .csv file.")),
        ],
    )


class MapCityForm(Form):
    """Map a typed city that is not in the directory to one that is."""

    city = HiddenField(validators=[DataRequired(), Length(max=CITY_MAX)])
    country_code = HiddenField(validators=[DataRequired(), Length(min=2, max=2)])
    city_id = SelectField(_l("Directory city"), coerce=int, validate_choice=False)
