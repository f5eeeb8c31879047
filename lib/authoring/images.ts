/**
 * Statement images: what may be uploaded. The type comes from the file's first bytes, never
 * from its name or the browser's word; SVG is refused (it can carry script).
 */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const MAX_IMAGES_PER_PROBLEM = 50;

const SIGNATURES: { mime: string; test: (b: Buffer) => boolean }[] = [
  { mime: "image/png", test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: "image/jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: "image/gif", test: (b) => ["GIF87a", "GIF89a"].includes(b.subarray(0, 6).toString("latin1")) },
  { mime: "image/webp", test: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
];

export function sniffImage(bytes: Buffer): string | null {
  return SIGNATURES.find((s) => s.test(bytes))?.mime ?? null;
}

/** A safe file name: lowercase letters, digits, dot, dash, underscore; keeps the extension. */
export function imageName(original: string): string | null {
  const base = original.split(/[\\/]/).pop()!.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[.-]+/, "");
  return /^[a-z0-9][a-z0-9._-]{0,99}$/.test(base) ? base : null;
}

export function checkImage(fileName: string, bytes: Buffer): { ok: true; name: string; mime: string } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: "The file is empty" };
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, message: `${fileName} is ${bytes.length} bytes; at most ${MAX_IMAGE_BYTES} allowed` };
  const name = imageName(fileName);
  if (!name) return { ok: false, message: `${fileName}: give the file a plain name (letters, digits, dots, dashes)` };
  const mime = sniffImage(bytes);
  if (!mime) return { ok: false, message: `${fileName} is not a PNG, JPEG, GIF or WebP image (SVG is not accepted)` };
  return { ok: true, name, mime };
}
