/**
 * CSRF defence for state-changing requests: a browser always sends Origin on cross-origin
 * POST/PUT/PATCH/DELETE, so a request whose Origin is present and not trusted (or whose
 * Sec-Fetch-Site says cross-site) is refused. Requests without Origin (curl, scripts) carry no
 * ambient browser credentials from another site and are left to the normal checks.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isForbiddenCrossOrigin(
  method: string,
  headers: Pick<Headers, "get">,
  trustedOrigins: readonly string[],
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = headers.get("origin");
  if (origin === null) return false;
  if (origin === "null") return true;
  return !trustedOrigins.includes(origin);
}
