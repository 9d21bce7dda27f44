"""City editions: a learning city's own campaign, its pages under /c/<slug>/ and its branding."""
