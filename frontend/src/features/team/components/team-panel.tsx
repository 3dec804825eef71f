import { useId, useState, type FormEvent } from "react";
import { FormField } from "@/components/ui/form-field";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { formatInstantDate } from "@/lib/format";
import {
  useInvite,
  useRemoveMember,
  useRevokeInvitation,
  useTeam,
  type TeamMember,
  type TeamRole,
} from "../api/team";
import { useFieldErrors } from "../field-errors";
import { useTeamT } from "../i18n";
import { ConfirmAction } from "./confirm-action";

const PARIS = "Europe/Paris";
const ROLES: TeamRole[] = ["manager", "front_desk"];

function fullName(member: TeamMember): string {
  return [member.first_name, member.last_name].filter(Boolean).join(" ") || member.email;
}

function InviteForm({ operatorId }: { operatorId: number }) {
  const { t, language } = useTeamT();
  const invite = useInvite(operatorId);
  const roleId = useId();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TeamRole>("manager");
  const [sent, setSent] = useState<string | null>(null);
  const errors = useFieldErrors(invite.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSent(null);
    invite.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (data) => {
          const answer = data as { email: string; expires_at: string };
          setSent(
            t("invite.sent", {
              email: answer.email,
              date: formatInstantDate(answer.expires_at, PARIS, language, "medium"),
            }),
          );
          setEmail("");
        },
      },
    );
  };
  const fieldErrorsShown = Object.keys(errors).length > 0;
  return (
    <form className="stack-form" onSubmit={submit} noValidate aria-label={t("invite.title")}>
      <h3>{t("invite.title")}</h3>
      <div className="field-row">
        <FormField
          label={t("invite.email")}
          hint={t("invite.emailHint")}
          type="email"
          autoComplete="off"
          required
          value={email}
          errors={errors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <div className="field">
          <label htmlFor={roleId}>{t("invite.role")}</label>
          <select
            id={roleId}
            value={role}
            aria-invalid={errors.role ? true : undefined}
            onChange={(event) => setRole(event.target.value as TeamRole)}
          >
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`roles.${value}`)}
              </option>
            ))}
          </select>
          {errors.role ? (
            <ul className="field-errors">
              {errors.role.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
      {invite.error && !fieldErrorsShown ? <ErrorAlert error={invite.error} /> : null}
      {sent ? <SuccessAlert>{sent}</SuccessAlert> : null}
      <button type="submit" className="button" disabled={invite.isPending || !email.trim()}>
        {t("invite.send")}
      </button>
    </form>
  );
}

function MembersTable({
  caption,
  members,
  role,
  operatorId,
  meId,
  onNotice,
}: {
  caption: string;
  members: TeamMember[];
  role: TeamRole;
  operatorId: number;
  meId: number | undefined;
  onNotice: (text: string) => void;
}) {
  const { t } = useTeamT();
  const remove = useRemoveMember(operatorId);
  return (
    <>
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
      <div className="table-scroll">
        <table className="data-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("email")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const name = fullName(member);
              return (
                <tr key={member.id}>
                  <th scope="row">
                    {name} {member.id === meId ? t("you") : null}
                  </th>
                  <td>{member.email}</td>
                  <td>
                    <ConfirmAction
                      label={t("removeOf", { name })}
                      text={t("remove")}
                      question={t("removeQuestion", { name, role: t(`roles.${role}`) })}
                      disabled={remove.isPending}
                      onConfirm={() =>
                        remove.mutate(
                          { userId: member.id, role },
                          { onSuccess: () => onNotice(t("removed", { name })) },
                        )
                      }
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** An operator's team: managers, front desk, open invitations, and the invite form. */
export function TeamPanel({ operatorId, meId }: { operatorId: number; meId?: number }) {
  const { t, language } = useTeamT();
  const team = useTeam(operatorId);
  const revoke = useRevokeInvitation(operatorId);
  const [notice, setNotice] = useState<string | null>(null);

  if (team.isPending) return <Loading />;
  if (team.error) return <ErrorAlert error={team.error} onRetry={() => void team.refetch()} />;
  const data = team.data;
  return (
    <>
      <p>{t("intro")}</p>
      <div aria-live="polite">{notice ? <SuccessAlert>{notice}</SuccessAlert> : null}</div>
      <MembersTable
        caption={t("managers")}
        members={data.managers}
        role="manager"
        operatorId={operatorId}
        meId={meId}
        onNotice={setNotice}
      />
      {data.front_desk.length ? (
        <MembersTable
          caption={t("frontDesk")}
          members={data.front_desk}
          role="front_desk"
          operatorId={operatorId}
          meId={meId}
          onNotice={setNotice}
        />
      ) : (
        <p>{t("noFrontDesk")}</p>
      )}
      <h3>{t("invitations")}</h3>
      {revoke.error ? <ErrorAlert error={revoke.error} /> : null}
      {data.invitations.length ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("invitations")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("email")}</th>
                <th scope="col">{t("role")}</th>
                <th scope="col">{t("expires")}</th>
                <th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {data.invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row">{invitation.email}</th>
                  <td>{t(`roles.${invitation.role}`)}</td>
                  <td>{formatInstantDate(invitation.expires_at, PARIS, language, "medium")}</td>
                  <td>
                    <ConfirmAction
                      label={t("revokeOf", { email: invitation.email })}
                      text={t("revoke")}
                      question={t("revokeQuestion", { email: invitation.email })}
                      disabled={revoke.isPending}
                      onConfirm={() =>
                        revoke.mutate(invitation.id, { onSuccess: () => setNotice(t("revoked")) })
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("noInvitations")}</p>
      )}
      <InviteForm operatorId={operatorId} />
    </>
  );
}
