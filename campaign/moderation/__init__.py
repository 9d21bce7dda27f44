"""Moderation: staff accounts, the review queue, flags, visitors' reports and the audit log."""
