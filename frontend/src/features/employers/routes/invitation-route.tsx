import { useParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { acceptInvitation } from "../api/employers";
import { EmployeeWelcome } from "../components/employee-welcome";
import { useEmployersT } from "../i18n";

/** The link of the invitation e-mail: accept being an employee of the inviting employer. */
export function InvitationRoute() {
  const { t } = useEmployersT();
  const token = useParams().token ?? "";
  return (
    <div className="narrow-page">
      <PageTitle title={t("welcome.invitationTitle")} />
      <h1>{t("welcome.invitationTitle")}</h1>
      <EmployeeWelcome
        here={`/invitation-employeur/${encodeURIComponent(token)}`}
        intro={<p>{t("welcome.invitationIntro")}</p>}
        actionLabel={t("welcome.accept")}
        accept={() => acceptInvitation(token)}
      />
    </div>
  );
}
