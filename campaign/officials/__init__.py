"""Officials and the learning-cities directory: invited, verified statements; cities by CSV."""
