import { useEffect, useRef } from "react";
import { Link, Navigate, NavLink, useParams } from "react-router";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading, SuccessAlert } from "@/components/ui/status";
import { isApiError } from "@/lib/api/errors";
import { useEmployer, useUpdateEmployer } from "../api/employers";
import type { Employer } from "../api/types";
import { BundleSection } from "../components/bundle-section";
import { CostCentresSection } from "../components/cost-centres-section";
import { CsrSection } from "../components/csr-section";
import { EmployerForm } from "../components/employer-form";
import { InvoicesSection } from "../components/invoices-section";
import { PoliciesSection } from "../components/policies-section";
import { StaffSection } from "../components/staff-section";
import { UsageSection } from "../components/usage-section";
import { useEmployersT } from "../i18n";
import { employerPath, employersPaths, SECTIONS, type SectionSlug } from "../paths";
import "../employers.css";

function DetailsSection({ employer }: { employer: Employer }) {
  const { t } = useEmployersT();
  const update = useUpdateEmployer(employer.id);
  return (
    <>
      {update.isSuccess ? <SuccessAlert>{t("common.saved")}</SuccessAlert> : null}
      <EmployerForm
        initial={employer}
        submitLabel={t("common.save")}
        busy={update.isPending}
        error={update.error}
        onSubmit={(values) => update.mutate(values)}
      />
    </>
  );
}

function SectionBody({ employer, section }: { employer: Employer; section: SectionSlug }) {
  switch (section) {
    case "forfait":
      return <BundleSection employer={employer} />;
    case "salaries":
      return <StaffSection employer={employer} />;
    case "centres-de-couts":
      return <CostCentresSection employerId={employer.id} />;
    case "regles":
      return <PoliciesSection employerId={employer.id} />;
    case "usage":
      return <UsageSection employerId={employer.id} />;
    case "factures":
      return <InvoicesSection employerId={employer.id} />;
    case "rse":
      return <CsrSection employerId={employer.id} />;
    case "informations":
      return <DetailsSection employer={employer} />;
  }
}

/** One employer's admin area: a section per task, reached by the links under the title. */
export function EmployerRoute() {
  const { t } = useEmployersT();
  const params = useParams();
  const id = Number.parseInt(params.id ?? "", 10);
  const section: SectionSlug = SECTIONS.includes(params.section as SectionSlug)
    ? (params.section as SectionSlug)
    : "forfait";
  const employer = useEmployer(Number.isFinite(id) ? id : 0);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  // Moving between sections keeps the page: focus goes to the section's title.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [section]);

  // "/employeur/:id" opens the first section, with its link marked current.
  if (!params.section && Number.isFinite(id)) return <Navigate to={employerPath(id)} replace />;
  if (employer.isPending) return <Loading />;
  if (employer.isError) {
    return (
      <div className="employer-page">
        {isApiError(employer.error, 404) || isApiError(employer.error, 403) ? (
          <ErrorAlert title={t("area.notFound")}>
            <p>
              <Link to={employersPaths.area}>{t("area.back")}</Link>
            </p>
          </ErrorAlert>
        ) : (
          <ErrorAlert error={employer.error} onRetry={() => void employer.refetch()} />
        )}
      </div>
    );
  }
  const data = employer.data;
  const title = t(`sections.${section}`);
  return (
    <div className="employer-page">
      <PageTitle title={`${title} — ${data.name}`} />
      <p className="breadcrumb">
        <Link to={employersPaths.area}>{t("area.title")}</Link>
      </p>
      <h1>{data.name}</h1>
      <nav aria-label={t("area.sectionsNav")} className="segmented employer-tabs">
        {SECTIONS.map((slug) => (
          <NavLink key={slug} to={employerPath(data.id, slug)}>
            {t(`sections.${slug}`)}
          </NavLink>
        ))}
      </nav>
      <h2 ref={heading} tabIndex={-1} className="step-title">
        {title}
      </h2>
      <SectionBody employer={data} section={section} />
    </div>
  );
}
