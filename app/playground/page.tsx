import type { Metadata } from "next";
import { Ide } from "@/components/ide/ide";
import { IdeWorkspace } from "@/components/ide/workspace";
import { offeredLanguages } from "@/components/ide/languages";
import { requireUser } from "@/lib/auth/guards";
import { loadDrafts } from "@/lib/drafts";

export const metadata: Metadata = { title: "Playground" };

/** Free-form code: any language, no problem; drafts are kept per user and language. */
export default async function PlaygroundPage() {
  const user = await requireUser();
  const drafts = await loadDrafts(user.id, null);
  return (
    <IdeWorkspace>
      <h1 className="sr-only">Playground</h1>
      <Ide languages={offeredLanguages(undefined)} initialDrafts={drafts} />
    </IdeWorkspace>
  );
}
