"""A learning city of the UNESCO Global Network of Learning Cities."""

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from campaign.extensions import db


class City(db.Model):
    __tablename__ = "cities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(80))
    country_code: Mapped[str] = mapped_column(String(2))
    region: Mapped[str | None] = mapped_column(String(120))
    member_since: Mapped[int | None]

    __table_args__ = (UniqueConstraint("name", "country_code", name="uq_cities_name_country"),)

    def __repr__(self) -> str:
        return f"<City {self.name}, {self.country_code}>"
