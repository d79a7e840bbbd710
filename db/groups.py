"""Reference groups for the dashboard's group filter: memberships as of 2025.

A small table kept here rather than in each country's file: it is context, not a pledge.
"""

from __future__ import annotations

EU = frozenset(
    "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT "
    "ROU SVK SVN ESP SWE".split()
)
NATO = frozenset(
    "ALB BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN ISL ITA LVA LTU LUX MNE NLD MKD NOR "
    "POL PRT ROU SVK SVN ESP SWE TUR GBR USA".split()
)
NORDIC_BALTIC = frozenset("DNK EST FIN ISL LVA LTU NOR SWE".split())
COMMONWEALTH = frozenset(
    "ATG AUS BHS BGD BRB BLZ BWA BRN CMR CAN CYP DMA SWZ FJI GAB GMB GHA GRD GUY IND JAM KEN "
    "KIR LSO MWI MYS MDV MLT MUS MOZ NAM NRU NZL NGA PAK PNG RWA KNA LCA VCT WSM SYC SLE SGP "
    "SLB ZAF LKA TZA TGO TON TTO TUV UGA GBR VUT ZMB".split()
)

GROUPS: dict[str, frozenset[str]] = {
    "EU": EU,
    "NATO": NATO,
    "Nordic-Baltic Eight": NORDIC_BALTIC,
    "Commonwealth": COMMONWEALTH,
}


def members(group: str | None) -> frozenset[str] | None:
    """The ISO codes in `group`, or None for no group filter."""
    return GROUPS.get(group) if group else None
