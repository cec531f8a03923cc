"""Translations: gettext catalogues per feature, compiled in memory at start-up."""
