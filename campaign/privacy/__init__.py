"""Privacy by design and the campaign's life.

- `notice.py`: the privacy notice per language (shipped text, or the operator's files).
- `consent.py`: which wording of the consent and notice each entry's owner accepted.
- `period.py`: when submissions are open, the archive after the end, the admin's switch.
- `retention.py`: what `flask privacy purge` deletes, and when.
- `export.py`: "Download my data", a zip of everything stored about an entry.
"""
