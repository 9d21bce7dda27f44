"""What gets posted through a provider: the text, checked against the network's limit."""

from flask_babel import gettext as _

from campaign.models import Entry
from campaign.sharing.links import X_LIMIT, hashtags_for, sentence, x_post_length, x_post_text
from campaign.sharing.oauth import Provider
from campaign.textinput import TextInputError, clean_text


def default_text(provider: Provider, entry: Entry, public_url: str | None) -> str:
    """The post we propose: the sentence, the hashtag, and the link once the entry is public.

    The hashtag is followed by a space or a line break, never by more text, so a Chinese
    tag does not swallow the next characters.
    """
    hashtag = hashtags_for(entry.language, entry.local_hashtag)
    if provider.name == "x":
        text = x_post_text(
            entry.statement,
            entry.language,
            with_url=bool(public_url),
            local_hashtag=entry.local_hashtag,
        )
        parts = [text, hashtag]
        if public_url:
            parts.append(public_url)
        return " ".join(parts)
    text = f"{sentence(entry.statement, entry.language)}\n\n{hashtag}"
    if public_url:
        text += f"\n{public_url}"
    return text


def check_text(provider: Provider, text: str) -> str:
    """The text cleaned, or TextInputError with a message for the person."""
    text = clean_text(text, allow_newlines=True)
    if not text:
        raise TextInputError(_("Please write the text of your post."))
    if provider.name == "x" and x_post_length(text) > X_LIMIT:
        raise TextInputError(
            _(
                "This is too long for X: %(length)d of %(limit)d (links count 23, Chinese, "
                "Japanese and emoji characters count 2).",
                length=x_post_length(text),
                limit=X_LIMIT,
            )
        )
    if len(text) > provider.text_limit:
        raise TextInputError(
            _("Please keep your post to %(limit)d characters.", limit=provider.text_limit)
        )
    return text
