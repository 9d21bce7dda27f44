"""Admin pages in the moderation area: city editions, their settings and their logos."""

from campaign.moderation.access import admin_blueprint

bp = admin_blueprint("editions_admin", __name__, url_prefix="/moderate/editions")
