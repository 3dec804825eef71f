import { useState, type FormEvent } from "react";
import { FormField } from "@/components/ui/form-field";
import { ErrorAlert } from "@/components/ui/status";
import { useCostCentres, useDeleteCostCentre, useSaveCostCentre } from "../api/employers";
import type { CostCentre } from "../api/types";
import { useEmployersT } from "../i18n";
import { ConfirmAction, FormError, QueryState, Section } from "./common";
import { useFieldErrors } from "../field-errors";

function CentreForm({
  employerId,
  centre,
  onDone,
}: {
  employerId: number;
  centre?: CostCentre;
  onDone?: () => void;
}) {
  const { t } = useEmployersT();
  const save = useSaveCostCentre(employerId);
  const [name, setName] = useState(centre?.name ?? "");
  const [code, setCode] = useState(centre?.code ?? "");
  const errors = useFieldErrors(save.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(
      { id: centre?.id, name: name.trim(), code: code.trim() },
      {
        onSuccess: () => {
          if (!centre) {
            setName("");
            setCode("");
          }
          onDone?.();
        },
      },
    );
  };
  return (
    <form
      className="stack-form"
      onSubmit={submit}
      noValidate
      aria-label={centre ? t("centres.editOf", { name: centre.name }) : t("centres.add")}
    >
      <div className="field-row">
        <FormField
          label={t("centres.name")}
          value={name}
          required
          errors={errors.name}
          onChange={(event) => setName(event.target.value)}
        />
        <FormField
          label={t("centres.code")}
          hint={t("centres.codeHint")}
          value={code}
          errors={errors.code}
          onChange={(event) => setCode(event.target.value)}
        />
      </div>
      <FormError error={save.error} shown={["name", "code"]} />
      <div className="action-row">
        <button type="submit" className="button" disabled={save.isPending || !name.trim()}>
          {centre ? t("common.save") : t("centres.add")}
        </button>
        {onDone && centre ? (
          <button type="button" className="button button-secondary" onClick={onDone}>
            {t("common.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function CentreItem({ employerId, centre }: { employerId: number; centre: CostCentre }) {
  const { t } = useEmployersT();
  const remove = useDeleteCostCentre(employerId);
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <li>
        <CentreForm employerId={employerId} centre={centre} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className="centre-item">
      <span>
        <strong>{centre.name}</strong>
        {centre.code ? <span className="field-hint"> · {centre.code}</span> : null}
      </span>
      <span className="action-row">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => setEditing(true)}
        >
          {t("common.edit")} <span className="visually-hidden">— {centre.name}</span>
        </button>
        <ConfirmAction
          label={t("common.delete")}
          question={t("centres.deleteQuestion", { name: centre.name })}
          confirmLabel={t("common.delete")}
          disabled={remove.isPending}
          onConfirm={() => remove.mutate(centre.id)}
        />
      </span>
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
    </li>
  );
}

/** "Centres de coûts": the analytic codes usage and invoices are split by. */
export function CostCentresSection({ employerId }: { employerId: number }) {
  const { t } = useEmployersT();
  const centres = useCostCentres(employerId);
  return (
    <>
      <p className="section-hint">{t("centres.intro")}</p>
      <QueryState query={centres} />
      {centres.data && !centres.data.length ? <p>{t("centres.none")}</p> : null}
      {centres.data?.length ? (
        <ul className="plain-list centre-list">
          {centres.data.map((centre) => (
            <CentreItem key={centre.id} employerId={employerId} centre={centre} />
          ))}
        </ul>
      ) : null}
      <Section title={t("centres.add")} level={3}>
        <CentreForm employerId={employerId} />
      </Section>
    </>
  );
}
