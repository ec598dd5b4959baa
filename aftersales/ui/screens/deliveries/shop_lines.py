"""The board's summary line per shop: orders, on-time rate, failed runs by reason, re-deliveries."""

from rich.text import Text

from .... import i18n
from ....services.deliveries.quality import ShopQuality


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def quality_line(shop: ShopQuality) -> Text:
    """One shop's figures; its name is literal text, failed runs in red when there are any."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(shop.shop_name, style="bold")
    line.append(f" {shop.shop_code}  ", style="dim")
    line.append(i18n.t("deliveries.quality.figures", orders=shop.orders, on_time=percent(shop.on_time_rate),
                       redeliveries=shop.redeliveries, reschedules=shop.reschedules))
    if shop.failures:
        reasons = ", ".join(f"{i18n.label(reason)} {count}" for reason, count in shop.failures.items())
        line.append("  " + i18n.t("deliveries.quality.failed", rate=percent(shop.failed_runs / shop.orders),
                                  reasons=reasons), style="red")
    return line


def quality_lines(shops: list[ShopQuality], days: int) -> Text:
    """A heading and one line per shop (shops without orders in the period are left out)."""
    out = Text(i18n.t("deliveries.quality.heading", days=days), style="dim", no_wrap=True, overflow="ellipsis")
    for shop in shops:
        out.append("\n")
        out.append_text(quality_line(shop))
    return out
