import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { createQueryClient } from "@/lib/query-client";

/** Refetches what is on screen when the language changes (the API reads Accept-Language). */
function LanguageSync({ queryClient }: { queryClient: QueryClient }) {
  const { i18n } = useTranslation();
  useEffect(() => {
    const onChange = () => void queryClient.invalidateQueries();
    i18n.on("languageChanged", onChange);
    return () => i18n.off("languageChanged", onChange);
  }, [i18n, queryClient]);
  return null;
}

export function AppProvider({
  children,
  queryClient: given,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
}) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <LanguageSync queryClient={queryClient} />
      {children}
    </QueryClientProvider>
  );
}
