import type { Language, LanguageId } from "./base";
import c from "./c";
import cpp from "./cpp";
import javascript from "./javascript";
import python from "./python";

export type { Language, LanguageId } from "./base";
export { BASE_ENV, BOX_DIR } from "./base";

export const LANGUAGES: Readonly<Record<LanguageId, Language>> = { python, c, cpp, javascript };

export const LANGUAGE_IDS = Object.keys(LANGUAGES) as LanguageId[];

export function isLanguageId(value: string): value is LanguageId {
  return Object.hasOwn(LANGUAGES, value);
}

export function getLanguage(id: string): Language {
  if (!isLanguageId(id)) throw new Error(`unknown language "${id}" (known: ${LANGUAGE_IDS.join(", ")})`);
  return LANGUAGES[id];
}
