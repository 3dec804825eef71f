import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** Seconds left until `expiresAt` (never negative). */
function secondsLeft(expiresAt: string, now: number): number {
  return Math.max(0, Math.floor((new Date(expiresAt).getTime() - now) / 1000));
}

/** Announced to screen readers at these marks only (a per-second announcement is noise). */
const ANNOUNCE_AT = [60, 120, 300, 600];

/**
 * The time left to pay for a held booking. The visible timer updates every second (not
 * announced); a polite live region speaks at a few marks, and `onExpire` runs at zero.
 */
export function HoldCountdown({
  expiresAt,
  onExpire,
}: {
  expiresAt: string;
  onExpire?: () => void;
}) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const left = secondsLeft(expiresAt, now);
  const [announced, setAnnounced] = useState("");
  const [lastMark, setLastMark] = useState<number | null>(null);

  useEffect(() => {
    if (left <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [left]);

  const currentMark = left === 0 ? 0 : (ANNOUNCE_AT.find((value) => left <= value) ?? null);
  if (currentMark !== lastMark) {
    setLastMark(currentMark);
    if (currentMark !== null) {
      setAnnounced(
        currentMark === 0
          ? t("booking.holdExpired")
          : t("booking.holdLeftMinutes", { count: currentMark / 60 }),
      );
    }
  }

  useEffect(() => {
    if (left === 0) onExpire?.();
  }, [left, onExpire]);

  const minutes = Math.floor(left / 60);
  const seconds = String(left % 60).padStart(2, "0");
  return (
    <div className={left === 0 ? "hold-countdown is-expired" : "hold-countdown"}>
      <p role="timer" aria-live="off">
        {left === 0
          ? t("booking.holdExpired")
          : t("booking.holdLeft", { time: `${minutes}:${seconds}` })}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announced}
      </p>
    </div>
  );
}
