import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { createLogger } = await import("./logger");

describe("logger", () => {
  it("writes JSON lines and redacts secrets, cookies, passwords and source code", () => {
    const lines: string[] = [];
    const log = createLogger("info", { write: (s: string) => void lines.push(s) });
    log.info(
      {
        password: "hunter2",
        user: { password: "pw2", email: "a@b.c" },
        headers: { cookie: "arbiter.session_token=abc", authorization: "Bearer t" },
        req: { headers: { cookie: "c=1" } },
        secret: "s3",
        submission: { source: "int main(){}", language: "cpp" },
        token: "tok",
      },
      "hello",
    );
    expect(lines).toHaveLength(1);
    const text = lines[0]!;
    const rec = JSON.parse(text);
    expect(rec.msg).toBe("hello");
    expect(rec.user.email).toBe("a@b.c");
    expect(rec.submission.language).toBe("cpp");
    for (const leaked of ["hunter2", "pw2", "session_token=abc", "Bearer t", "c=1", "s3", "int main", "tok\""]) {
      expect(text).not.toContain(leaked);
    }
  });
});
