"""Creating and changing editions: plain functions that flush but never commit."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import or_, select

from campaign.editions import rules
from campaign.editions.rules import EditionError
from campaign.extensions import db
from campaign.models import City, Edition, Entry


@dataclass(frozen=True)
class EditionSettings:
    """Everything an admin sets on an edition but its logo, as typed (checked on saving)."""

    city_ids: list[int]
    default_language: str
    languages: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    campaign_lines: dict[str, str] = field(default_factory=dict)
    designs: list[str] = field(default_factory=list)
    hashtag: str | None = None
    accent: str | None = None
    background: str | None = None
    moderation: str | None = None  # "pre" or "post"; None: the campaign's MODERATION


def find_edition(slug: str) -> Edition | None:
    return db.session.scalar(select(Edition).where(Edition.slug == slug))


def all_editions() -> list[Edition]:
    return list(db.session.scalars(select(Edition).order_by(Edition.slug)))


def create_edition(slug: str, settings: EditionSettings, *, taken: set[str]) -> Edition:
    """A new edition (flushed); EditionError when the slug or a setting is refused.

    `taken`: the first path segments of the app's routes (rules.taken_segments).
    """
    slug = rules.check_slug(slug.strip(), taken)
    if find_edition(slug) is not None:
        raise EditionError(_("An edition named “%(slug)s” exists already.", slug=slug))
    edition = Edition(slug=slug)
    apply_settings(edition, settings)
    db.session.add(edition)
    db.session.flush()
    return edition


def apply_settings(edition: Edition, settings: EditionSettings) -> None:
    """Check every setting, then change the edition (nothing changes when one is refused)."""
    languages = rules.check_languages(settings.languages, settings.default_language)
    names = rules.check_texts(settings.names, languages, rules.NAME_MAX)
    lines = rules.check_texts(settings.campaign_lines, languages, rules.LINE_MAX)
    designs = rules.check_designs(settings.designs)
    hashtag = rules.check_hashtag(settings.hashtag)
    accent = rules.check_colour(settings.accent)
    background = rules.check_colour(settings.background)
    moderation = rules.check_moderation(settings.moderation)
    cities = _cities(settings.city_ids)
    edition.languages = languages
    edition.default_language = settings.default_language
    edition.names = names
    edition.campaign_lines = lines
    edition.designs = designs
    edition.hashtag = hashtag
    edition.accent = accent
    edition.background = background
    edition.moderation = moderation
    edition.cities = cities
    db.session.flush()


def _cities(ids: list[int]) -> list[City]:
    if not ids:
        raise EditionError(_("An edition belongs to at least one city of the directory."))
    cities = list(db.session.scalars(select(City).where(City.id.in_(ids))))
    if len(cities) != len(set(ids)):
        raise EditionError(_("One of the cities is not in the directory."))
    return sorted(cities, key=lambda city: ids.index(city.id))


def of_edition(edition: Edition):
    """The officials' entries that belong to an edition: invited for it, or of its cities."""
    return or_(Entry.edition_id == edition.id, Entry.city_id.in_([c.id for c in edition.cities]))
