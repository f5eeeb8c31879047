/**
 * npm run db:seed -- idempotent demo content: three accounts (admin, instructor, student) and a
 * set of problems with sample and hidden tests. Existing users and problems are left untouched.
 *
 * Passwords: random, printed ONCE when an account is created. Set ARBITER_SEED_PASSWORD to use a
 * fixed password instead (tests). Change them after the first sign-in.
 */
import "../lib/node/register-server-only.mjs";

const { randomBytes } = await import("node:crypto");
const { hashPassword } = await import("better-auth/crypto");
const { getEnvOrExit } = await import("../lib/env.ts");
const { createPrismaClient } = await import("../lib/db.ts");
const { problems } = await import("./seed-data/problems.ts");

const env = getEnvOrExit();

const prisma = createPrismaClient(env.databaseUrl);

const ACCOUNTS = [
  { email: "admin@arbiter.local", name: "Admin", role: "admin" },
  { email: "instructor@arbiter.local", name: "Instructor", role: "instructor" },
  { email: "student@arbiter.local", name: "Student", role: "student" },
] as const;

const fixedPassword = process.env.ARBITER_SEED_PASSWORD;
if (fixedPassword !== undefined && fixedPassword.length < 8) {
  process.stderr.write("ARBITER_SEED_PASSWORD must be at least 8 characters\n");
  process.exit(1);
}

async function seedUsers(): Promise<string | null> {
  const created: { email: string; role: string; password: string }[] = [];
  let instructorId: string | null = null;
  for (const a of ACCOUNTS) {
    const existing = await prisma.user.findUnique({ where: { email: a.email }, select: { id: true } });
    if (existing) {
      if (a.role === "instructor") instructorId = existing.id;
      continue;
    }
    const password = fixedPassword ?? randomBytes(12).toString("base64url");
    const id = randomBytes(16).toString("hex");
    // Same rows better-auth writes for an email/password sign-up (credential account).
    await prisma.user.create({
      data: {
        id,
        email: a.email,
        name: a.name,
        role: a.role,
        emailVerified: true,
        accounts: {
          create: { id: randomBytes(16).toString("hex"), accountId: id, providerId: "credential", password: await hashPassword(password) },
        },
      },
    });
    await prisma.auditEvent.create({ data: { action: "seed.user.create", targetType: "user", targetId: id, data: JSON.stringify({ role: a.role }) } });
    if (a.role === "instructor") instructorId = id;
    created.push({ email: a.email, role: a.role, password });
  }
  if (created.length > 0) {
    const w = Math.max(...created.map((c) => c.email.length));
    console.log("\nCreated accounts (passwords are shown only this once):");
    for (const c of created) console.log(`  ${c.role.padEnd(10)} ${c.email.padEnd(w)}  ${fixedPassword ? "(ARBITER_SEED_PASSWORD)" : c.password}`);
    console.log("Sign in and change these passwords, or change the roles of real accounts on /admin/users.\n");
  } else {
    console.log("Accounts: already present, unchanged.");
  }
  return instructorId;
}

async function seedProblems(authorId: string | null) {
  let added = 0;
  for (const p of problems) {
    const exists = await prisma.problem.findUnique({ where: { slug: p.slug }, select: { id: true } });
    if (exists) continue;
    const tests = p.tests().map((t, i) => ({
      ordinal: i + 1,
      kind: t.kind,
      groupName: t.group ?? "",
      points: t.points ?? 0,
      input: t.input,
      expectedOutput: p.solve(t.input),
    }));
    await prisma.problem.create({
      data: {
        slug: p.slug,
        title: p.title,
        statement: p.statement,
        difficulty: p.difficulty,
        timeLimitMs: p.timeLimitMs,
        memoryLimitMb: p.memoryLimitMb,
        checker: p.checker,
        floatAbsTol: p.floatAbsTol ?? null,
        floatRelTol: p.floatRelTol ?? null,
        scoring: p.scoring,
        stopAtFirstFailure: p.stopAtFirstFailure,
        visibility: p.visibility,
        publishedAt: p.visibility === "published" ? new Date() : null,
        allowedLanguages: "[]",
        starterCode: JSON.stringify(p.starterCode ?? {}),
        authorId,
        tests: { create: tests },
      },
    });
    added++;
  }
  console.log(`Problems: ${added} added, ${problems.length - added} already present.`);
}

try {
  const instructorId = await seedUsers();
  await seedProblems(instructorId);
} finally {
  await prisma.$disconnect();
}
