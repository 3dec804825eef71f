import { useId, useState } from "react";
import { ErrorAlert, SuccessAlert } from "@/components/ui/status";
import { useCostCentres, useDeletePolicy, usePolicies, useSavePolicy } from "../api/employers";
import type { Policy } from "../api/types";
import { useEmployersT } from "../i18n";
import { ConfirmAction, QueryState } from "./common";
import { PolicyForm } from "./policy-form";

const DEFAULT = "default";

/** "Règles": the company's default policy, and the cost centres' own ones. */
export function PoliciesSection({ employerId }: { employerId: number }) {
  const { t } = useEmployersT();
  const id = useId();
  const policies = usePolicies(employerId);
  const centres = useCostCentres(employerId);
  const save = useSavePolicy(employerId);
  const remove = useDeletePolicy(employerId);
  const [scope, setScope] = useState(DEFAULT);
  const [saved, setSaved] = useState(false);
  const [creating, setCreating] = useState(false);

  const list = policies.data ?? [];
  const companyPolicy = list.find((policy) => policy.cost_centre === null);
  const own = (centreId: number): Policy | undefined =>
    list.find((policy) => policy.cost_centre === centreId);
  const centre = centres.data?.find((candidate) => String(candidate.id) === scope);
  const current = scope === DEFAULT ? companyPolicy : centre ? own(centre.id) : undefined;
  const showForm = scope === DEFAULT || Boolean(current) || creating;

  return (
    <>
      <p className="section-hint">{t("policy.intro")}</p>
      <QueryState query={policies} />
      {policies.data && centres.data ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-scope`}>{t("policy.scope")}</label>
            <select
              id={`${id}-scope`}
              value={scope}
              onChange={(event) => {
                setScope(event.target.value);
                setSaved(false);
                setCreating(false);
                save.reset();
              }}
            >
              <option value={DEFAULT}>{t("policy.companyDefault")}</option>
              {centres.data.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {t(own(candidate.id) ? "policy.centreOwn" : "policy.centreInherits", {
                    name: candidate.name,
                  })}
                </option>
              ))}
            </select>
          </div>
          {scope !== DEFAULT && !current ? (
            <div className="alert alert-info">
              <p>{t("policy.inherits", { name: centre?.name ?? "" })}</p>
              {!creating ? (
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => setCreating(true)}
                >
                  {t("policy.createOwn")}
                </button>
              ) : null}
            </div>
          ) : null}
          {saved ? <SuccessAlert>{t("policy.saved")}</SuccessAlert> : null}
          {showForm ? (
            <PolicyForm
              key={`${scope}-${current?.id ?? "new"}`}
              policy={current ?? companyPolicy}
              busy={save.isPending}
              error={save.error}
              submitLabel={t("policy.save")}
              onSubmit={(body) => {
                setSaved(false);
                save.mutate(
                  { scope, body },
                  {
                    onSuccess: () => {
                      setSaved(true);
                      setCreating(false);
                    },
                  },
                );
              }}
            />
          ) : null}
          {scope !== DEFAULT && current ? (
            <ConfirmAction
              label={t("policy.removeOwn")}
              question={t("policy.removeQuestion", { name: centre?.name ?? "" })}
              confirmLabel={t("policy.removeConfirm")}
              disabled={remove.isPending}
              onConfirm={() => remove.mutate(scope, { onSuccess: () => setSaved(false) })}
            />
          ) : null}
          {remove.error ? <ErrorAlert error={remove.error} /> : null}
        </>
      ) : null}
    </>
  );
}
