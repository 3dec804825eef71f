import type { RouteObject } from "react-router";
import { AccountRoute } from "@/features/account/routes/account-route";
import { auditRoutes } from "@/features/audit/routes";
import { privacyRoutes } from "@/features/privacy/routes";
import { LoginRoute } from "@/features/auth/routes/login-route";
import { PasswordResetRequestRoute } from "@/features/auth/routes/password-reset-request-route";
import { PasswordResetRoute } from "@/features/auth/routes/password-reset-route";
import { SignupRoute } from "@/features/auth/routes/signup-route";
import { VerifyEmailRoute } from "@/features/auth/routes/verify-email-route";
import { DirectoryRoute } from "@/features/directory/routes/directory-route";
import { SpaceRoute } from "@/features/directory/routes/space-route";
import { dashboardsRoutes } from "@/features/dashboards/routes";
import { calendarsRoutes } from "@/features/calendars/routes";
import { employersRoutes } from "@/features/employers/routes";
import { coverageRoutes } from "@/features/territory/routes";
import { joiningRoutes } from "@/features/joining/routes";
import { manageRoutes } from "@/features/manage/routes";
import { networkAdminRoutes } from "@/features/network-admin/routes";
import { einvoicingRoutes } from "@/features/einvoicing/routes";
import { teamRoutes } from "@/features/team/routes";
import { notificationsRoutes } from "@/features/notifications/routes";
import { Loading } from "@/components/ui/status";
import { RootLayout } from "./layout/root-layout";
import { NotFoundRoute, RouteErrorBoundary } from "./layout/route-errors";

/**
 * Paths are French (public URLs); the two email-link targets and /checkin/:token (the place's
 * QR code) are fixed by the backend.
 */
export const paths = {
  directory: "/",
  space: "/lieux/:slug",
  login: "/connexion",
  signup: "/inscription",
  passwordResetRequest: "/mot-de-passe-oublie",
  verifyEmail: "/account/verify-email/:key",
  passwordReset: "/account/reset-password/:key",
  account: "/compte",
  accountData: "/compte/donnees",
  book: "/reserver",
  placeBooking: "/lieux/:slug/reserver",
  myBookings: "/mes-reservations",
  checkIn: "/checkin/:token",
  wallet: "/portefeuille",
  manage: "/gestion",
} as const;

export const routes: RouteObject[] = [
  {
    path: "/",
    element: <RootLayout />,
    errorElement: <RouteErrorBoundary />,
    // Shown while the code of a lazy page opened directly is loading.
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, element: <DirectoryRoute /> },
      { path: paths.space, element: <SpaceRoute /> },
      { path: paths.login, element: <LoginRoute /> },
      { path: paths.signup, element: <SignupRoute /> },
      { path: paths.passwordResetRequest, element: <PasswordResetRequestRoute /> },
      { path: paths.verifyEmail, element: <VerifyEmailRoute /> },
      { path: paths.passwordReset, element: <PasswordResetRoute /> },
      { path: paths.account, element: <AccountRoute /> },
      {
        path: paths.accountData,
        lazy: async () => ({
          Component: (await import("@/features/account/routes/data-route")).DataRoute,
        }),
      },
      // Booking, wallet and manager screens load on demand (the directory stays light).
      {
        path: paths.book,
        lazy: async () => ({
          Component: (await import("@/features/booking/routes/search-route")).SearchRoute,
        }),
      },
      {
        path: paths.placeBooking,
        lazy: async () => ({
          Component: (await import("@/features/booking/routes/place-booking-route"))
            .PlaceBookingRoute,
        }),
      },
      {
        path: paths.myBookings,
        lazy: async () => ({
          Component: (await import("@/features/booking/routes/my-bookings-route")).MyBookingsRoute,
        }),
      },
      {
        path: paths.checkIn,
        lazy: async () => ({
          Component: (await import("@/features/booking/routes/check-in-route")).CheckInRoute,
        }),
      },
      {
        path: paths.wallet,
        lazy: async () => ({
          Component: (await import("@/features/wallet/routes/wallet-route")).WalletRoute,
        }),
      },
      {
        path: paths.manage,
        lazy: async () => ({
          Component: (await import("@/features/manage/routes/manage-route")).ManageRoute,
        }),
      },
      ...dashboardsRoutes,
      ...manageRoutes,
      ...calendarsRoutes,
      ...employersRoutes,
      ...notificationsRoutes,
      ...networkAdminRoutes,
      ...teamRoutes,
      ...einvoicingRoutes,
      ...joiningRoutes,
      ...coverageRoutes,
      ...auditRoutes,
      ...privacyRoutes,
      { path: "*", element: <NotFoundRoute /> },
    ],
  },
];
