import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { useVerifyEmail } from "../api/hooks";

/** Target of the link in the confirmation email: confirms the address on arrival. */
export function VerifyEmailRoute() {
  const { t } = useTranslation();
  const { key = "" } = useParams();
  const verify = useVerifyEmail();
  const { mutate } = verify;
  const sentFor = useRef<string | null>(null);

  useEffect(() => {
    // Once per key, even under StrictMode's double effects.
    if (sentFor.current === key) return;
    sentFor.current = key;
    mutate(key);
  }, [key, mutate]);

  const result = verify.data;
  return (
    <div className="narrow-page">
      <PageTitle title={t("auth.verifyTitle")} />
      <h1>{t("auth.verifyTitle")}</h1>
      {verify.isPending || verify.isIdle ? <Loading label={t("auth.verifying")} /> : null}
      {result?.status === 200 ? (
        <>
          <SuccessAlert>
            <p>{t("auth.verifiedLoggedIn")}</p>
          </SuccessAlert>
          <p>
            <Link to="/">{t("auth.goHome")}</Link>
          </p>
        </>
      ) : null}
      {result?.status === 401 ? (
        <>
          <SuccessAlert>
            <p>{t("auth.verifiedLogin")}</p>
          </SuccessAlert>
          <p>
            <Link to="/connexion">{t("auth.goToLogin")}</Link>
          </p>
        </>
      ) : null}
      {(result && result.status !== 200 && result.status !== 401) || verify.isError ? (
        <>
          <ErrorAlert>
            <p>{t("auth.verifyFailed")}</p>
          </ErrorAlert>
          <p>
            <Link to="/connexion">{t("auth.goToLogin")}</Link>
          </p>
        </>
      ) : null}
    </div>
  );
}
