"""The plugin's typed MkDocs configuration; defaults come from `settings.Settings`."""
from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from handbook.core.settings import LINK_SCOPES, REGIONS, Settings

_DEFAULT = Settings()


class HandbookConfig(base.Config):
    """`plugins: - handbook: {...}` in mkdocs.yml (see settings.Settings for the meaning)."""

    edition = c.Type(str, default=_DEFAULT.edition)
    editions = c.ListOfItems(c.Type(str), default=list(_DEFAULT.editions))
    link_scope = c.Choice(LINK_SCOPES, default=_DEFAULT.link_scope)
    region = c.Choice(tuple(REGIONS), default=_DEFAULT.region)
    link_gap = c.Type(int, default=_DEFAULT.link_gap)
    stop_phrases = c.ListOfItems(c.Type(str), default=list(_DEFAULT.stop_phrases))
    opencc = c.Type(str, default=_DEFAULT.opencc)
    conversion_table = c.Type(str, default=_DEFAULT.conversion_table)
    pdf = c.Type(bool, default=_DEFAULT.pdf)

    def settings(self) -> Settings:
        """The validated, MkDocs-free settings."""
        values = {name: self[name] for name in Settings.__dataclass_fields__}
        return Settings(**values).with_environment()
