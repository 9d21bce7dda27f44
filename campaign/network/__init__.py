"""The network of learning cities: /cities ranks editions and directory cities by participation."""
