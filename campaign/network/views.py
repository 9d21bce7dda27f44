"""/cities: the network's page, micro-cached like the wall (campaign/wall/pagecache.py)."""

from flask import Blueprint, render_template

from campaign.i18n import current_locale
from campaign.network.ranking import ranking
from campaign.wall import stats
from campaign.wall.pagecache import page_cached
from campaign.wall.presenters import CardMaker

bp = Blueprint("network", __name__)


@bp.get("/cities")
@page_cached
def cities():
    locale = current_locale()
    places = ranking(locale)
    make_card = CardMaker(locale)
    cards = {place.key: [make_card(entry) for entry in place.latest] for place in places}
    return render_template(
        "network/cities.html", places=places, cards=cards, counters=stats.counters()
    )
