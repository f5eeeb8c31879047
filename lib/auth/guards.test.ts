import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

// A plain stub (not vi.fn): vitest's mock tracking reports rejected promises as unhandled.
let session: () => Promise<unknown> = async () => null;
const getSession = {
  mockResolvedValue: (v: unknown) => (session = async () => v),
  mockReset: () => (session = async () => null),
  mockImplementation: (f: () => Promise<unknown>) => (session = f),
};
vi.mock("./auth", () => ({ getAuth: () => ({ api: { getSession: () => session() } }) }));

class RedirectError extends Error {}
class ForbiddenError extends Error {}
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new RedirectError(url);
  },
  forbidden: () => {
    throw new ForbiddenError("forbidden");
  },
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ cookie: "arbiter.session_token=x" }) }));

const { authorize, hasRole, requireRole, requireUser, userFromHeaders } = await import("./guards");

function signedInAs(role: string | undefined) {
  getSession.mockResolvedValue({ user: { id: "u1", name: "U", email: "u@x.org", role }, session: {} });
}

beforeEach(() => getSession.mockReset());

describe("hasRole", () => {
  it("checks membership", () => {
    expect(hasRole({ role: "admin" }, ["admin"])).toBe(true);
    expect(hasRole({ role: "student" }, ["instructor", "admin"])).toBe(false);
    expect(hasRole(null, ["student"])).toBe(false);
  });
});

describe("userFromHeaders", () => {
  it("returns null without a session; errors are not mistaken for signed-out", async () => {
    getSession.mockResolvedValue(null);
    expect(await userFromHeaders(new Headers())).toBeNull();
    getSession.mockImplementation(async () => {
      throw new Error("db down");
    });
    await expect(userFromHeaders(new Headers())).rejects.toThrow("db down");
  });

  it("treats an unknown role as student", async () => {
    signedInAs("superuser");
    expect((await userFromHeaders(new Headers()))?.role).toBe("student");
  });
});

describe("requireUser / requireRole", () => {
  it("redirects anonymous users to /sign-in", async () => {
    getSession.mockResolvedValue(null);
    await expect(requireUser()).rejects.toThrow(RedirectError);
    await expect(requireUser()).rejects.toThrow("/sign-in");
    await expect(requireRole("admin")).rejects.toThrow(RedirectError);
  });

  it("returns the user when signed in", async () => {
    signedInAs("student");
    await expect(requireUser()).resolves.toMatchObject({ id: "u1", role: "student" });
  });

  it.each([
    ["student", ["instructor", "admin"], false],
    ["instructor", ["instructor", "admin"], true],
    ["admin", ["instructor", "admin"], true],
    ["student", ["admin"], false],
    ["instructor", ["admin"], false],
    ["admin", ["admin"], true],
  ] as const)("%s with required %j -> allowed=%s", async (role, roles, allowed) => {
    signedInAs(role);
    const p = requireRole(...roles);
    if (allowed) await expect(p).resolves.toMatchObject({ role });
    else await expect(p).rejects.toThrow(ForbiddenError);
  });
});

describe("authorize (WebSocket / non-Next code)", () => {
  it("401 without a session, 403 with the wrong role, ok otherwise", async () => {
    getSession.mockResolvedValue(null);
    expect(await authorize(new Headers())).toEqual({ ok: false, status: 401, user: null });
    signedInAs("student");
    expect(await authorize(new Headers(), ["admin"])).toMatchObject({ ok: false, status: 403 });
    expect(await authorize(new Headers())).toMatchObject({ ok: true, user: { role: "student" } });
  });
});
