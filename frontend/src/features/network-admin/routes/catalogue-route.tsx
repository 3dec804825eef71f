import { useId, useState } from "react";
import { Link } from "react-router";
import { FormField } from "@/components/ui/form-field";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import {
  useCatalogue,
  useCreateService,
  useDeleteService,
  useUpdateService,
  type CatalogueService,
  type ServiceCategory,
} from "../api/catalogue";
import { AdminGate } from "../components/admin-gate";
import { useFieldErrors } from "../field-errors";
import { useNetworkAdminT } from "../i18n";
import { networkAdminPaths } from "../paths";
import "../network-home.css";

const CATEGORIES: ServiceCategory[] = [
  "connectivity",
  "workspace",
  "amenity",
  "mobility",
  "family",
  "making",
  "accessibility",
  "security",
];

/** /reseau/services — the service catalogue and the socle de base (network admins). */
export function CatalogueRoute() {
  const { t } = useNetworkAdminT();
  return (
    <div className="network-page">
      <PageTitle title={t("catalogue.title")} />
      <p>
        <Link to={networkAdminPaths.home}>{t("home.back")}</Link>
      </p>
      <h1>{t("catalogue.title")}</h1>
      <AdminGate next={networkAdminPaths.catalogue}>
        <Catalogue />
      </AdminGate>
    </div>
  );
}

function Catalogue() {
  const { t, language } = useNetworkAdminT();
  const services = useCatalogue();
  const update = useUpdateService();
  const remove = useDeleteService();
  const removeErrors = useFieldErrors(remove.error);
  const [notice, setNotice] = useState<string | null>(null);
  const name = (service: CatalogueService) =>
    language === "en" ? service.name_en : service.name_fr;
  return (
    <>
      <p>{t("catalogue.intro")}</p>
      <div aria-live="polite">{notice ? <SuccessAlert>{notice}</SuccessAlert> : null}</div>
      {update.error ? <ErrorAlert error={update.error} /> : null}
      {remove.error ? (
        <ErrorAlert error={remove.error}>
          {removeErrors.code ? <p>{removeErrors.code[0]}</p> : undefined}
        </ErrorAlert>
      ) : null}
      {services.isPending ? <Loading /> : null}
      {services.isError ? (
        <ErrorAlert error={services.error} onRetry={() => void services.refetch()} />
      ) : null}
      {services.data ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption>
              {t("catalogue.count", {
                count: services.data.length,
                base: services.data.filter((service) => service.is_base).length,
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("catalogue.name")}</th>
                <th scope="col">{t("catalogue.code")}</th>
                <th scope="col">{t("catalogue.category")}</th>
                <th scope="col">{t("catalogue.base")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("catalogue.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {services.data.map((service) => (
                <tr key={service.id}>
                  <th scope="row">{name(service)}</th>
                  <td>{service.code}</td>
                  <td>{t(`categories.${service.category}`)}</td>
                  <td>
                    <input
                      type="checkbox"
                      checked={
                        update.isPending && update.variables.id === service.id
                          ? update.variables.is_base
                          : Boolean(service.is_base)
                      }
                      disabled={update.isPending}
                      aria-label={t("catalogue.inBase", { name: name(service) })}
                      onChange={(event) => {
                        const isBase = event.target.checked;
                        setNotice(null);
                        update.mutate(
                          { id: service.id, is_base: isBase },
                          {
                            onSuccess: () =>
                              setNotice(
                                t(isBase ? "catalogue.addedToBase" : "catalogue.removedFromBase", {
                                  name: name(service),
                                }),
                              ),
                          },
                        );
                      }}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={remove.isPending}
                      aria-label={t("catalogue.delete", { name: name(service) })}
                      onClick={() => {
                        setNotice(null);
                        remove.mutate(service.id, {
                          onSuccess: () =>
                            setNotice(t("catalogue.deleted", { name: name(service) })),
                        });
                      }}
                    >
                      {t("catalogue.deleteShort")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <NewService onDone={setNotice} />
    </>
  );
}

function NewService({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useNetworkAdminT();
  const id = useId();
  const create = useCreateService();
  const errors = useFieldErrors(create.error);
  const [code, setCode] = useState("");
  const [nameFr, setNameFr] = useState("");
  const [nameEn, setNameEn] = useState("");
  const [category, setCategory] = useState<ServiceCategory>("amenity");
  const [isBase, setIsBase] = useState(false);
  return (
    <>
      <h2>{t("catalogue.new")}</h2>
      <form
        className="stack-form"
        noValidate
        aria-label={t("catalogue.new")}
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            { code: code.trim(), name_fr: nameFr, name_en: nameEn, category, is_base: isBase },
            {
              onSuccess: (service) => {
                onDone(t("catalogue.created", { name: service.name_fr }));
                setCode("");
                setNameFr("");
                setNameEn("");
                setIsBase(false);
              },
            },
          );
        }}
      >
        <FormField
          label={`${t("catalogue.code")} *`}
          hint={t("catalogue.codeHint")}
          value={code}
          maxLength={40}
          errors={errors.code}
          onChange={(event) => setCode(event.target.value)}
        />
        <FormField
          label={`${t("catalogue.nameFr")} *`}
          value={nameFr}
          maxLength={100}
          errors={errors.name_fr}
          onChange={(event) => setNameFr(event.target.value)}
        />
        <FormField
          label={`${t("catalogue.nameEn")} *`}
          value={nameEn}
          maxLength={100}
          errors={errors.name_en}
          onChange={(event) => setNameEn(event.target.value)}
        />
        <div className="field">
          <label htmlFor={`${id}-category`}>{t("catalogue.category")}</label>
          <select
            id={`${id}-category`}
            value={category}
            onChange={(event) => setCategory(event.target.value as ServiceCategory)}
          >
            {CATEGORIES.map((value) => (
              <option key={value} value={value}>
                {t(`categories.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox-field">
          <input
            id={`${id}-base`}
            type="checkbox"
            checked={isBase}
            onChange={(event) => setIsBase(event.target.checked)}
          />
          <label htmlFor={`${id}-base`}>{t("catalogue.base")}</label>
        </div>
        {create.error && Object.keys(errors).length === 0 ? (
          <ErrorAlert error={create.error} />
        ) : null}
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t("places.working") : t("catalogue.create")}
        </button>
      </form>
    </>
  );
}
