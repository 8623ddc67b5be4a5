"""The policies every export is checked with: the default, tiers with a relative rule, a preset."""

from __future__ import annotations

from jreject.config import Config, config_from_dict, default_config

POLICIES: dict[str, Config] = {
    "default": default_config(),
    "tiers": config_from_dict(
        {
            "policy": [
                {
                    "minimum": {"chrome": 100, "safari": "15.4", "firefox": 100, "ie": False},
                    "action": "block",
                },
                {"relative": {"latest_minus": 2}, "action": "modal"},
            ]
        }
    ),
    "modern": config_from_dict({"policy": [{"minimum": {"preset": "modern"}, "action": "block"}]}),
}
