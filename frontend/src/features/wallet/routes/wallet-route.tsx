import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { MyEmployerPanel } from "@/components/employer-pay/my-employer-panel";
import { PageTitle } from "@/components/ui/page-title";
import { ErrorAlert, Loading } from "@/components/ui/status";
import { useMe } from "@/lib/current-user";
import { formatCredits } from "@/lib/format";
import {
  useInvoices,
  usePayments,
  usePlans,
  useSubscriptions,
  useWallet,
  useWalletEntries,
} from "../api/wallet";
import { PlanOffers } from "../components/plan-offers";
import {
  EntriesTable,
  InvoicesTable,
  LotsTable,
  PaymentsTable,
  SubscriptionsList,
} from "../components/wallet-tables";

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="space-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

type QueryLike = { isPending: boolean; error: unknown; refetch: () => unknown };

function QueryState({ query }: { query: QueryLike }) {
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Loading />;
  return null;
}

/** "Mon portefeuille": credits, offers to buy, plans, payments and invoices. */
export function WalletRoute() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const space = Number.parseInt(params.get("space") ?? "", 10);
  const me = useMe();
  const loggedIn = Boolean(me.data);
  const wallet = useWallet({ enabled: loggedIn });
  const entries = useWalletEntries({ enabled: loggedIn });
  const plans = usePlans(Number.isFinite(space) ? space : null);
  const subscriptions = useSubscriptions({ enabled: loggedIn });
  const payments = usePayments({ enabled: loggedIn });
  const invoices = useInvoices({ enabled: loggedIn });
  const language = i18n.language;

  return (
    <div className="wallet-page">
      <PageTitle title={t("wallet.title")} />
      <h1>{t("wallet.title")}</h1>
      {me.isPending ? <Loading /> : null}
      {me.data === null ? (
        <p>
          {t("wallet.loginRequired")}{" "}
          <Link to={`/connexion?next=${encodeURIComponent("/portefeuille")}`}>
            {t("auth.login")}
          </Link>
        </p>
      ) : null}
      {loggedIn ? (
        <Section title={t("wallet.credits")}>
          <QueryState query={wallet} />
          {wallet.data ? (
            <>
              <p className="wallet-total" role="status" aria-live="polite">
                {t("wallet.total", {
                  count: Number(wallet.data.total_credits),
                  credits: formatCredits(wallet.data.total_credits, language),
                })}
              </p>
              <p className="field-hint">
                {t("wallet.networkCredits", {
                  credits: formatCredits(wallet.data.network_credits, language),
                })}
              </p>
              {wallet.data.lots.length ? (
                <LotsTable lots={wallet.data.lots} />
              ) : (
                <p>{t("wallet.noLots")}</p>
              )}
            </>
          ) : null}
        </Section>
      ) : null}
      {loggedIn ? <MyEmployerPanel /> : null}
      <Section title={t("wallet.offers")}>
        <QueryState query={plans} />
        {plans.data ? <PlanOffers plans={plans.data} loggedIn={loggedIn} /> : null}
      </Section>
      {loggedIn ? (
        <>
          <Section title={t("wallet.subscriptions")}>
            <QueryState query={subscriptions} />
            {subscriptions.data?.length ? (
              <SubscriptionsList subscriptions={subscriptions.data} />
            ) : subscriptions.data ? (
              <p>{t("wallet.noSubscriptions")}</p>
            ) : null}
          </Section>
          <Section title={t("wallet.entries")}>
            <QueryState query={entries} />
            {entries.data?.results.length ? (
              <EntriesTable entries={entries.data.results} />
            ) : entries.data ? (
              <p>{t("wallet.noEntries")}</p>
            ) : null}
          </Section>
          <Section title={t("wallet.payments")}>
            <QueryState query={payments} />
            {payments.data?.results.length ? (
              <PaymentsTable payments={payments.data.results} />
            ) : payments.data ? (
              <p>{t("wallet.noPayments")}</p>
            ) : null}
          </Section>
          <Section title={t("wallet.invoices")}>
            <QueryState query={invoices} />
            {invoices.data?.results.length ? (
              <InvoicesTable invoices={invoices.data.results} />
            ) : invoices.data ? (
              <p>{t("wallet.noInvoices")}</p>
            ) : null}
          </Section>
        </>
      ) : null}
    </div>
  );
}
