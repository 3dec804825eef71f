import { useState } from "react";
import { useTranslation } from "react-i18next";

type NearMeButtonProps = {
  active: boolean;
  /** Called with "lat,lon" rounded to about 100 m (enough to sort by distance). */
  onLocate: (near: string) => void;
};

export function NearMeButton({ active, onLocate }: NearMeButtonProps) {
  const { t } = useTranslation();
  const [locating, setLocating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const locate = () => {
    if (!("geolocation" in navigator) || !navigator.geolocation) {
      setError(t("directory.geolocationUnavailable"));
      return;
    }
    setLocating(true);
    setError(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const { latitude, longitude } = position.coords;
        onLocate(`${latitude.toFixed(3)},${longitude.toFixed(3)}`);
      },
      () => {
        setLocating(false);
        setError(t("directory.geolocationDenied"));
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  };

  return (
    <div className="near-me">
      <button
        type="button"
        className="button button-secondary"
        onClick={locate}
        disabled={locating}
        aria-pressed={active}
      >
        <span aria-hidden="true">⌖ </span>
        {locating ? t("directory.locating") : t("directory.nearMe")}
      </button>
      {active ? <p className="field-hint">{t("directory.nearMeActive")}</p> : null}
      {error ? (
        <p className="field-errors" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
