"""The admin's edition form and logo form (what each field means: campaign/models/edition.py)."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectChoice, SelectField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from campaign import cards
from campaign.cities.directory import search_cities
from campaign.editions.service import EditionSettings
from campaign.forms import ALWAYS_CHOSEN, DESIGN_LABELS, Form
from campaign.languages import DEFAULT_LANGUAGE, LANGUAGES
from campaign.models import Edition
from campaign.models.edition import SLUG_MAX


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EditionForm(Form):
    slug = StringField(
        _l("Address name (/c/…/)"),
        validators=[
            InputRequired(_l("Please give the edition an address name.")),
            Length(max=SLUG_MAX),
        ],
    )
    cities = SelectMultipleField(_l("Directory cities"), coerce=int, render_kw={"size": 8})
    languages = CheckboxesField(_l("Languages offered"))
    default_language = SelectField(_l("Language its pages open in"), render_kw=ALWAYS_CHOSEN)
    moderation = SelectField(
        _l("Moderation"),
        choices=[
            SelectChoice("", _l("As the whole campaign")),
            SelectChoice("pre", _l("Before publication")),
            SelectChoice("post", _l("After publication")),
        ],
        default="",
        # A form sent without it (a script, an older page) follows the campaign.
        validate_choice=False,
        render_kw=ALWAYS_CHOSEN,
    )
    designs = CheckboxesField(_l("Card designs offered (none ticked: all)"))
    hashtag = StringField(_l("Local hashtag (optional)"), validators=[Optional(), Length(max=60)])
    accent = StringField(
        _l("Accent colour on the cards (#RRGGBB, optional)"), validators=[Optional()]
    )
    background = StringField(
        _l("Background colour of the cards (#RRGGBB, optional)"), validators=[Optional()]
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cities.choices = [
            SelectChoice(city.id, f"{city.name} ({city.country_code})")
            for city in search_cities(limit=2000)
        ]
        self.languages.choices = [SelectChoice(code, lang.name) for code, lang in LANGUAGES.items()]
        self.default_language.choices = list(self.languages.choices)
        self.designs.choices = [
            SelectChoice(name, DESIGN_LABELS.get(name, name)) for name in cards.design_names()
        ]

    def per_language(self, prefix: str) -> dict[str, str]:
        return {code: self[f"{prefix}_{code}"].data or "" for code in LANGUAGES}

    def settings(self) -> EditionSettings:
        return EditionSettings(
            city_ids=list(self.cities.data or []),
            default_language=self.default_language.data or DEFAULT_LANGUAGE,
            languages=list(self.languages.data or []),
            names=self.per_language("name"),
            campaign_lines=self.per_language("line"),
            designs=list(self.designs.data or []),
            hashtag=self.hashtag.data,
            accent=self.accent.data,
            background=self.background.data,
            moderation=self.moderation.data or None,  # checked by the service
        )

    def fill_from(self, edition: Edition) -> None:
        """The edition's settings in the fields (a page opened, not a form sent)."""
        if "slug" in self:
            self.slug.data = edition.slug
        self.cities.data = [city.id for city in edition.cities]
        self.languages.data = list(edition.languages)
        self.default_language.data = edition.default_language
        self.designs.data = list(edition.designs)
        self.hashtag.data = edition.hashtag or ""
        self.accent.data = edition.accent or ""
        self.background.data = edition.background or ""
        self.moderation.data = edition.moderation or ""
        for code in LANGUAGES:
            self[f"name_{code}"].data = edition.names.get(code, "")
            self[f"line_{code}"].data = edition.campaign_lines.get(code, "")


# A name and a campaign line per language: fields name_<code> and line_<code>.
for _code, _language in LANGUAGES.items():
    setattr(
        EditionForm,
        f"name_{_code}",
        StringField(
            _l("Name in %(language)s", language=_language.name),
            validators=[Optional(), Length(max=80)],
        ),
    )
    setattr(
        EditionForm,
        f"line_{_code}",
        StringField(
            _l("Campaign line on the cards in %(language)s (optional)", language=_language.name),
            validators=[Optional(), Length(max=120)],
        ),
    )


class LogoForm(Form):
    logo = FileField(
        _l("Logo (PNG, WebP or JPEG)"), validators=[FileRequired(_l("Please choose a logo file."))]
    )
