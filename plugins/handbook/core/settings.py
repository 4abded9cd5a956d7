"""The handbook's settings, read from the `handbook` plugin entry of `mkdocs.yml`.

One definition of every option and its default, shared by the MkDocs adapter (`config.py`) and the
linter, which reads `mkdocs.yml` without MkDocs.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

LINK_SCOPES = ("section", "page", "all")
REGIONS = {"tw": "s2twp", "hk": "s2hkp"}
"""Regions of the Traditional edition and the OpenCC configuration (with phrase tables) of each."""
CHARACTERS_ONLY = {"tw": "s2tw", "hk": "s2hk"}
"""Per region, the configuration that changes character forms only (titles of works, reports)."""


class SettingsError(ValueError):
    """mkdocs.yml cannot be read or its handbook options are invalid (linter exit status 2)."""


@dataclass
class Settings:
    """Options of the handbook plugin (`plugins: - handbook: {...}` in mkdocs.yml)."""

    edition: str = "1.0"
    editions: list[str] = field(default_factory=lambda: ["1.0"])
    link_scope: str = "page"
    """How often one term is linked: its first mention per "page", per "section", or "all" mentions."""
    link_gap: int = 30
    """At least this many characters between two automatic links in one paragraph (0: no limit)."""
    stop_phrases: list[str] = field(default_factory=list)
    """Longer proper nouns never to link inside (小裂变 is a company, not 裂变)."""
    region: str = "tw"
    """Vocabulary of the Traditional edition: `tw` (Taiwan, default) or `hk` (Hong Kong)."""
    opencc: str = ""
    """OpenCC configuration; empty means the region's phrase-level one (`s2twp` / `s2hkp`)."""
    conversion_table: str = "conversions.yml"
    pdf: bool = True
    """Build the print edition: the PDFs and the one-page print book (`print/`) of each script."""

    @property
    def opencc_config(self) -> str:
        """The OpenCC configuration of the Traditional edition: the explicit one, else the region's."""
        return self.opencc or REGIONS[self.region]

    @property
    def characters_config(self) -> str:
        """The region's character-only configuration (titles of works keep their wording)."""
        return CHARACTERS_ONLY[self.region]

    @property
    def reverse_config(self) -> str:
        """The OpenCC configuration that takes the Traditional edition back to Simplified words."""
        return {"s2twp": "tw2sp", "s2hkp": "hk2s"}.get(self.opencc_config, "t2s")

    @classmethod
    def from_mapping(cls, data: dict[str, Any] | None) -> Settings:
        """Settings from the plugin's option mapping, validated."""
        data = dict(data or {})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise SettingsError(f"handbook 插件不认识选项：{', '.join(unknown)}")
        settings = cls(**data)
        return settings.with_environment()

    def with_environment(self) -> Settings:
        """The settings with `HANDBOOK_EDITION` (set by `scripts/build --edition`), `HANDBOOK_REGION`
        and `HANDBOOK_PDF=0` applied, validated.

        Read here rather than with mkdocs.yml's `!ENV`, which parses "1.10" as the number 1.1.
        """
        import os

        edition = os.environ.get("HANDBOOK_EDITION", "").strip()
        if edition:
            self.edition = edition
        region = os.environ.get("HANDBOOK_REGION", "").strip()
        if region:
            self.region = region
        if os.environ.get("HANDBOOK_PDF", "").strip() in ("0", "false", "no"):
            self.pdf = False  # previews and tests that do not need the PDFs
        self.validate()
        return self

    def validate(self) -> None:
        """Raise SettingsError when options contradict each other."""
        if self.link_scope not in LINK_SCOPES:
            raise SettingsError(f"link_scope 只能是 {' / '.join(LINK_SCOPES)}，而不是 {self.link_scope!r}")
        if self.region not in REGIONS:
            raise SettingsError(f"region 只能是 {' / '.join(REGIONS)}（台湾 / 香港），而不是 {self.region!r}")
        if not isinstance(self.link_gap, int) or isinstance(self.link_gap, bool) or self.link_gap < 0:
            raise SettingsError(f"link_gap 必须是 0 或正整数，而不是 {self.link_gap!r}")
        if not isinstance(self.stop_phrases, list) or not all(isinstance(p, str) and p.strip() for p in self.stop_phrases):
            raise SettingsError("stop_phrases 必须是非空字符串的列表，如 [小裂变]")
        if not isinstance(self.editions, list) or not all(isinstance(e, str) for e in self.editions):
            raise SettingsError("editions 必须是带引号的版次列表，如 [\"1.0\", \"1.1\"]")
        if self.edition not in self.editions:
            raise SettingsError(f"edition {self.edition!r} 不在 editions 列表 {self.editions} 中")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV [NAME, default]` resolved, other tags (`!!python/name`) ignored."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    import os

    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
    elif isinstance(node, yaml.ScalarNode):
        items = [loader.construct_scalar(node)]
    else:
        return None
    for name in items[:-1] if len(items) > 1 else items:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return items[-1] if len(items) > 1 else None


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read(config_file: Path) -> Settings:
    """The handbook settings of an mkdocs.yml (defaults when the file has no handbook entry)."""
    try:
        config = yaml.load(config_file.read_text("utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError) as err:
        raise SettingsError(f"无法读取 {config_file}：{err}") from err
    for plugin in config.get("plugins") or []:
        if plugin == "handbook":
            return Settings().with_environment()
        if isinstance(plugin, dict) and "handbook" in plugin:
            return Settings.from_mapping(plugin["handbook"])
    return Settings().with_environment()
