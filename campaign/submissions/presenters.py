"""What the share page and the public entry page show, gathered from an entry."""

from campaign import cards
from campaign.countries import country_name
from campaign.languages import get_language
from campaign.media import card_urls
from campaign.models import Entry, RevisionState
from campaign.sharing import invitations
from campaign.sharing.links import share_links, share_text
from campaign.sharing.oauth import configured_providers
from campaign.sharing.qr import qr_svg
from campaign.urls import absolute_url, absolute_url_for
from campaign.wall import stats


def _common(entry: Entry, token: str | None = None) -> dict:
    public_url = absolute_url_for("submissions.entry_page", slug=entry.slug)
    return {
        "entry": entry,
        "language": get_language(entry.language),
        "country": country_name(entry.country_code),
        "cards": card_urls(entry, token),
        "formats": cards.FORMATS,
        "public_url": public_url,
        # Link sharing waits for approval: a network must never cache a 404 preview.
        "share_links": share_links(public_url, entry.statement, entry.language, entry.local_hashtag)
        if entry.is_public
        else [],
    }


def share_page_context(entry: Entry, token: str) -> dict:
    context = _common(entry, token)
    last_edit = entry.revisions[-1] if entry.revisions else None
    context.update(
        pending_edit=last_edit if last_edit and last_edit.state is RevisionState.PENDING else None,
        rejected_edit=last_edit is not None and last_edit.state is RevisionState.REJECTED,
        token=token,
        manage_url=absolute_url_for("submissions.manage", token=token),
        manage_qr=qr_svg(absolute_url_for("submissions.manage", token=token)),
        share_text=share_text(
            entry.statement,
            entry.language,
            context["public_url"] if entry.is_public else None,
            entry.local_hashtag,
        ),
        # Posting the image needs no public page: offered at once, under any moderation.
        post_providers=list(configured_providers().values()),
        invitation=_invitation(entry) if entry.is_public else None,
    )
    return context


def _invitation(entry: Entry) -> dict:
    return {
        "url": invitations.invitation_url(entry),
        "links": invitations.invitation_links(entry),
        "texts": invitations.invitation_texts(entry),
    }


def entry_page_context(entry: Entry, token: str | None) -> dict:
    context = _common(entry, token)
    landscape = context["cards"].get("landscape")
    context.update(
        token=token,
        preview_title=preview_title(entry),
        # Only a public card: a held one is for its owner's eyes, never for a network.
        og_image=absolute_url(landscape) if landscape and entry.is_public else None,
        share_text=share_text(
            entry.statement, entry.language, context["public_url"], entry.local_hashtag
        ),
        joined_after=invitations.joined_after_count(entry) if entry.is_public else 0,
        joined_count=stats.counters().entries,
    )
    return context


def preview_title(entry: Entry) -> str:
    """The entry page's title in a link preview, in the entry's language: who, where (city
    as typed, the country's name in that language) and the hashtag as posted."""
    language = get_language(entry.language)
    place = language.place_line(entry.city, country_name(entry.country_code, entry.language))
    who = language.place_separator.join([entry.name, place])
    return f"{who} · {language.hashtag_for_posting}"


def join_preview(inviter: Entry | None) -> dict:
    """The join page's link preview: the inviter's own card when the link is an invitation."""
    landscape = card_urls(inviter).get("landscape") if inviter else None
    return {"invitation_card": absolute_url(landscape) if landscape else None}
