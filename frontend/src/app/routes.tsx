import type { RouteObject } from "react-router";
import { AccountRoute } from "@/features/account/routes/account-route";
import { LoginRoute } from "@/features/auth/routes/login-route";
import { PasswordResetRequestRoute } from "@/features/auth/routes/password-reset-request-route";
import { PasswordResetRoute } from "@/features/auth/routes/password-reset-route";
import { SignupRoute } from "@/features/auth/routes/signup-route";
import { VerifyEmailRoute } from "@/features/auth/routes/verify-email-route";
import { DirectoryRoute } from "@/features/directory/routes/directory-route";
import { SpaceRoute } from "@/features/directory/routes/space-route";
import { RootLayout } from "./layout/root-layout";
import { NotFoundRoute, RouteErrorBoundary } from "./layout/route-errors";

/** Paths are French (public URLs); the two email-link targets are fixed by the backend. */
export const paths = {
  directory: "/",
  space: "/lieux/:slug",
  login: "/connexion",
  signup: "/inscription",
  passwordResetRequest: "/mot-de-passe-oublie",
  verifyEmail: "/account/verify-email/:key",
  passwordReset: "/account/reset-password/:key",
  account: "/compte",
} as const;

export const routes: RouteObject[] = [
  {
    path: "/",
    element: <RootLayout />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { index: true, element: <DirectoryRoute /> },
      { path: paths.space, element: <SpaceRoute /> },
      { path: paths.login, element: <LoginRoute /> },
      { path: paths.signup, element: <SignupRoute /> },
      { path: paths.passwordResetRequest, element: <PasswordResetRequestRoute /> },
      { path: paths.verifyEmail, element: <VerifyEmailRoute /> },
      { path: paths.passwordReset, element: <PasswordResetRoute /> },
      { path: paths.account, element: <AccountRoute /> },
      { path: "*", element: <NotFoundRoute /> },
    ],
  },
];
