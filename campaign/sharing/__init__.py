"""Getting entries onto social networks."""
