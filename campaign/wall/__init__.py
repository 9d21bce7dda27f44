"""The public wall: approved entries, their filters, search, feed, embed and statistics."""
