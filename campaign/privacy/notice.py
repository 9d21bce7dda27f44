"""The privacy notice: shipped per language, overridable per language by the operator's files.

A notice is an HTML fragment (the operator's own files are trusted like templates) in which
`$controller_name`, `$controller_contact`, `$age`, `$rejected_photo_days`, `$report_days` and
`$ip_hash_days` are replaced with the configured values, HTML-escaped.
"""

from pathlib import Path
from string import Template

from flask import current_app
from flask_babel import gettext as _
from markupsafe import Markup, escape

SHIPPED = Path(__file__).resolve().parent / "notices"


def notice_source(language: str) -> Path:
    """The file the notice in this language comes from: the operator's, else the shipped one."""
    folder = current_app.config["PRIVACY_NOTICE_DIR"]
    if folder and (Path(folder) / f"{language}.html").is_file():
        return Path(folder) / f"{language}.html"
    if (SHIPPED / f"{language}.html").is_file():
        return SHIPPED / f"{language}.html"
    return SHIPPED / "en.html"


def notice_html(language: str) -> Markup:
    """The notice in this language with the configured values filled in."""
    config = current_app.config
    template = Template(notice_source(language).read_text(encoding="utf-8"))
    values = {
        "controller_name": escape(
            config["PRIVACY_CONTROLLER_NAME"] or _("(not configured yet: the campaign’s operator)")
        ),
        "controller_contact": _contact(config["PRIVACY_CONTROLLER_CONTACT"]),
        "age": config["AGE_THRESHOLD"],
        "rejected_photo_days": config["RETENTION_REJECTED_PHOTO_DAYS"],
        "report_days": config["RETENTION_REPORT_DAYS"],
        "ip_hash_days": config["RETENTION_IP_HASH_DAYS"],
    }
    return Markup(template.safe_substitute(values))  # noqa: S704 (the operator's own file)


def _contact(contact: str) -> Markup:
    if not contact:
        return escape(_("(not configured yet)"))
    if "@" in contact and " " not in contact and ":" not in contact:
        return Markup('<a href="mailto:{0}">{0}</a>').format(contact)
    return escape(contact)
