import { useParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { joinWithLink, useJoinInfo } from "../api/employers";
import { EmployeeWelcome } from "../components/employee-welcome";
import { useEmployersT } from "../i18n";

/** An employer's join link: staff with an address of its e-mail domain join by themselves. */
export function JoinRoute() {
  const { t } = useEmployersT();
  const token = useParams().token ?? "";
  const info = useJoinInfo(token);
  return (
    <div className="narrow-page">
      <PageTitle title={t("welcome.joinTitle")} />
      <h1>{t("welcome.joinTitle")}</h1>
      {info.isPending ? <Loading /> : null}
      {info.isError ? (
        <ErrorAlert title={t("welcome.joinInvalidTitle")}>
          <p>{t("welcome.joinInvalid")}</p>
        </ErrorAlert>
      ) : null}
      {info.data ? (
        <EmployeeWelcome
          here={`/rejoindre/${encodeURIComponent(token)}`}
          intro={
            <p>
              {t("welcome.joinIntro", {
                employer: info.data.employer_name,
                domain: info.data.email_domain,
              })}
            </p>
          }
          actionLabel={t("welcome.join", { employer: info.data.employer_name })}
          accept={() => joinWithLink(token)}
        />
      ) : null}
    </div>
  );
}
