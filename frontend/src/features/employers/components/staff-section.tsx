import { useId, useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { FormField } from "@/components/ui/form-field";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import { formatInstantDate } from "@/lib/format";
import {
  useAdminInvitations,
  useAdmins,
  useCostCentres,
  useEmployees,
  useEmploymentActions,
  useInvite,
  useInviteAdmin,
  useJoinLink,
  useRemoveAdmin,
  useWithdrawAdminInvitation,
} from "../api/employers";
import type { CostCentre, Employer, Employment, EmploymentStatus } from "../api/types";
import { useEmployersT } from "../i18n";
import { ConfirmAction, FormError, QueryState, Section } from "./common";
import { useFieldErrors } from "../field-errors";

const TONE: Record<EmploymentStatus, "info" | "success" | "neutral"> = {
  invited: "info",
  active: "success",
  left: "neutral",
};

function CostCentreSelect({
  label,
  centres,
  value,
  onChange,
  disabled,
}: {
  label: string;
  centres: CostCentre[];
  value: number | null;
  onChange: (value: number | null) => void;
  disabled?: boolean;
}) {
  const { t } = useEmployersT();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ""}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value ? Number(event.target.value) : null)}
      >
        <option value="">{t("staff.noCostCentre")}</option>
        {centres.map((centre) => (
          <option key={centre.id} value={centre.id}>
            {centre.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function InviteForm({ employerId, centres }: { employerId: number; centres: CostCentre[] }) {
  const { t } = useEmployersT();
  const invite = useInvite(employerId);
  const [email, setEmail] = useState("");
  const [centre, setCentre] = useState<number | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const errors = useFieldErrors(invite.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSentTo(null);
    invite.mutate(
      { email: email.trim(), cost_centre: centre },
      {
        onSuccess: (employment) => {
          setSentTo(employment.email);
          setEmail("");
        },
      },
    );
  };
  return (
    <form className="stack-form" onSubmit={submit} noValidate aria-label={t("staff.invite")}>
      <div className="field-row">
        <FormField
          label={t("staff.email")}
          type="email"
          autoComplete="off"
          required
          value={email}
          errors={errors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <CostCentreSelect
          label={t("staff.costCentre")}
          centres={centres}
          value={centre}
          onChange={setCentre}
        />
      </div>
      <FormError error={invite.error} shown={["email"]} />
      {sentTo ? <SuccessAlert>{t("staff.invited", { email: sentTo })}</SuccessAlert> : null}
      <button type="submit" className="button" disabled={invite.isPending || !email.trim()}>
        {t("staff.sendInvitation")}
      </button>
    </form>
  );
}

function EmployeeRow({
  employerId,
  employment,
  centres,
}: {
  employerId: number;
  employment: Employment;
  centres: CostCentre[];
}) {
  const { t, language } = useEmployersT();
  const actions = useEmploymentActions(employerId);
  const [notice, setNotice] = useState<string | null>(null);
  const status = employment.status ?? "invited";
  const open = status !== "left";
  const since =
    status === "active"
      ? employment.joined_at
      : status === "left"
        ? employment.left_at
        : employment.invited_at;
  const error = actions.end.error ?? actions.resend.error ?? actions.setCostCentre.error;
  const who = employment.name || employment.email;
  return (
    <tr>
      <th scope="row">
        {employment.name ? (
          <>
            {employment.name}
            <span className="cell-detail">{employment.email}</span>
          </>
        ) : (
          employment.email
        )}
      </th>
      <td>
        <Badge tone={TONE[status]}>{t(`staff.statuses.${status}`)}</Badge>
        {since ? (
          <span className="cell-detail">
            {formatInstantDate(since, "Europe/Paris", language, "medium")}
          </span>
        ) : null}
      </td>
      <td>
        <CostCentreSelect
          label={t("staff.costCentreOf", { who })}
          centres={centres}
          value={employment.cost_centre}
          disabled={!open || actions.setCostCentre.isPending}
          onChange={(centre) =>
            actions.setCostCentre.mutate(
              { employment: employment.id, centre },
              { onSuccess: () => setNotice(t("common.saved")) },
            )
          }
        />
      </td>
      <td>
        {open ? (
          <div className="action-row">
            {status === "invited" ? (
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={actions.resend.isPending}
                onClick={() =>
                  actions.resend.mutate(employment.id, {
                    onSuccess: () => setNotice(t("staff.resent", { email: employment.email })),
                  })
                }
              >
                {t("staff.resend")} <span className="visually-hidden">— {who}</span>
              </button>
            ) : null}
            <ConfirmAction
              label={status === "invited" ? t("staff.withdraw") : t("staff.leave")}
              question={
                status === "invited"
                  ? t("staff.withdrawQuestion", { who })
                  : t("staff.leaveQuestion", { who })
              }
              confirmLabel={
                status === "invited" ? t("staff.withdrawConfirm") : t("staff.leaveConfirm")
              }
              disabled={actions.end.isPending}
              onConfirm={() =>
                actions.end.mutate(employment.id, {
                  onSuccess: () => setNotice(t("staff.left", { who })),
                })
              }
            />
          </div>
        ) : null}
        {notice ? (
          <p className="field-hint" role="status">
            {notice}
          </p>
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
      </td>
    </tr>
  );
}

function JoinLink({ employer }: { employer: Employer }) {
  const { t } = useEmployersT();
  const id = useId();
  const { regenerate, close } = useJoinLink(employer.id);
  const [copied, setCopied] = useState<"" | "copied" | "failed">("");
  const url = employer.join_url ? `${window.location.origin}${employer.join_url}` : null;
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  };
  if (!employer.email_domain) {
    return <p>{t("join.needsDomain")}</p>;
  }
  return (
    <>
      <p>{t("join.explain", { domain: employer.email_domain })}</p>
      {url ? (
        <div className="field">
          <label htmlFor={id}>{t("join.link")}</label>
          <div className="input-with-button">
            <input
              id={id}
              type="text"
              readOnly
              value={url}
              spellCheck={false}
              onFocus={(event) => event.currentTarget.select()}
            />
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => void copy()}
            >
              {t("join.copy")}
            </button>
          </div>
          <p className="field-hint" role="status">
            {copied === "copied"
              ? t("join.copied")
              : copied === "failed"
                ? t("join.copyFailed")
                : ""}
          </p>
        </div>
      ) : (
        <p>{t("join.closed")}</p>
      )}
      <div className="action-row">
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={regenerate.isPending}
          onClick={() => {
            setCopied("");
            regenerate.mutate();
          }}
        >
          {url ? t("join.regenerate") : t("join.create")}
        </button>
        {url ? (
          <ConfirmAction
            label={t("join.close")}
            question={t("join.closeQuestion")}
            confirmLabel={t("join.closeConfirm")}
            disabled={close.isPending}
            onConfirm={() => close.mutate()}
          />
        ) : null}
      </div>
      {regenerate.error || close.error ? (
        <ErrorAlert error={regenerate.error ?? close.error} />
      ) : null}
    </>
  );
}

function Admins({ employerId }: { employerId: number }) {
  const { t, language } = useEmployersT();
  const admins = useAdmins(employerId);
  const pending = useAdminInvitations(employerId);
  const invite = useInviteAdmin(employerId);
  const remove = useRemoveAdmin(employerId);
  const withdraw = useWithdrawAdminInvitation(employerId);
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const errors = useFieldErrors(invite.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSentTo(null);
    invite.mutate(email.trim(), {
      onSuccess: (answer) => {
        setSentTo(answer.email);
        setEmail("");
      },
    });
  };
  return (
    <>
      <QueryState query={admins} />
      {admins.data ? (
        <ul className="plain-list admin-list">
          {admins.data.map((admin) => (
            <li key={admin.id}>
              <span>
                {admin.name ? `${admin.name} — ` : ""}
                {admin.email}
              </span>{" "}
              <ConfirmAction
                label={t("admins.remove")}
                question={t("admins.removeQuestion", { email: admin.email })}
                confirmLabel={t("admins.removeConfirm")}
                disabled={remove.isPending || admins.data.length < 2}
                onConfirm={() => remove.mutate(admin.id)}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
      {pending.data?.length ? (
        <>
          <h4>{t("admins.pending")}</h4>
          <ul className="plain-list admin-list">
            {pending.data.map((invitation) => (
              <li key={invitation.id}>
                <span>
                  {invitation.email} <Badge tone="info">{t("admins.invited")}</Badge>
                  <span className="cell-detail">
                    {t("admins.until", {
                      date: formatInstantDate(
                        invitation.expires_at,
                        "Europe/Paris",
                        language,
                        "medium",
                      ),
                    })}
                  </span>
                </span>{" "}
                <ConfirmAction
                  label={t("admins.withdraw")}
                  question={t("admins.withdrawQuestion", { email: invitation.email })}
                  confirmLabel={t("admins.withdrawConfirm")}
                  disabled={withdraw.isPending}
                  onConfirm={() => withdraw.mutate(invitation.id)}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {withdraw.error ? <ErrorAlert error={withdraw.error} /> : null}
      <form className="stack-form" onSubmit={submit} noValidate aria-label={t("admins.add")}>
        <FormField
          label={t("admins.email")}
          hint={t("admins.emailHint")}
          type="email"
          autoComplete="off"
          value={email}
          errors={errors.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <FormError error={invite.error} shown={["email"]} />
        {sentTo ? <SuccessAlert>{t("admins.sent", { email: sentTo })}</SuccessAlert> : null}
        <button
          type="submit"
          className="button button-secondary"
          disabled={invite.isPending || !email.trim()}
        >
          {t("admins.add")}
        </button>
      </form>
    </>
  );
}

/** "Salariés": invitations, the staff list, the join link and the admins. */
export function StaffSection({ employer }: { employer: Employer }) {
  const { t } = useEmployersT();
  const employees = useEmployees(employer.id);
  const centres = useCostCentres(employer.id);
  const list = employees.data ?? [];
  const centreList = centres.data ?? [];
  return (
    <>
      <Section title={t("staff.invite")} level={3} intro={t("staff.inviteIntro")}>
        <InviteForm employerId={employer.id} centres={centreList} />
      </Section>
      <Section title={t("staff.list")} level={3} intro={t("staff.listIntro")}>
        <QueryState query={employees} />
        {employees.data && !list.length ? <p>{t("staff.none")}</p> : null}
        {list.length ? (
          <div className="table-scroll">
            <table className="data-table staff-table">
              <caption className="visually-hidden">{t("staff.list")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("staff.employee")}</th>
                  <th scope="col">{t("staff.status")}</th>
                  <th scope="col">{t("staff.costCentre")}</th>
                  <th scope="col">{t("staff.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((employment) => (
                  <EmployeeRow
                    key={employment.id}
                    employerId={employer.id}
                    employment={employment}
                    centres={centreList}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Section>
      <Section title={t("join.title")} level={3}>
        <JoinLink employer={employer} />
      </Section>
      <Section title={t("admins.title")} level={3} intro={t("admins.intro")}>
        <Admins employerId={employer.id} />
      </Section>
    </>
  );
}
