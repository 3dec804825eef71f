import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { useCheckInCode } from "../api/manage";

/** The place's check-in QR code (members scan it at the door), shown and printable alone. */
export function CheckInQr({ spaceId, spaceName }: { spaceId: number; spaceName: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const code = useCheckInCode(spaceId, shown);

  const print = () => {
    document.body.classList.add("print-check-in-qr");
    const cleanup = () => {
      document.body.classList.remove("print-check-in-qr");
      window.removeEventListener("afterprint", cleanup);
    };
    window.addEventListener("afterprint", cleanup);
    window.print();
  };

  return (
    <div>
      <button
        type="button"
        className="button button-secondary"
        aria-expanded={shown}
        onClick={() => setShown((value) => !value)}
      >
        {shown ? t("manage.hideQr") : t("manage.showQr")}
      </button>
      {shown ? (
        <>
          {code.isPending ? <Loading /> : null}
          {code.error ? <ErrorAlert error={code.error} /> : null}
          {code.data ? (
            <div className="check-in-qr">
              <p className="check-in-qr-title">{t("manage.qrTitle", { name: spaceName })}</p>
              <img
                src={code.data.qr_svg_url}
                width={240}
                height={240}
                alt={t("manage.qrAlt", { name: spaceName })}
              />
              <p className="check-in-qr-url">{code.data.url}</p>
              <p className="no-print">
                <button type="button" className="button" onClick={print}>
                  {t("manage.printQr")}
                </button>
              </p>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
