import { useTranslation } from "react-i18next";
import { Badge } from "@/components/ui/badge";
import type { BookingStatus } from "@/lib/api/types";

const TONES: Record<BookingStatus, "neutral" | "accent" | "info" | "success"> = {
  held: "accent",
  confirmed: "success",
  checked_in: "info",
  cancelled: "neutral",
  no_show: "neutral",
  expired: "neutral",
};

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[status]}>{t(`booking.status.${status}`)}</Badge>;
}
