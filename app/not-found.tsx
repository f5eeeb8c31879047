import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-accent">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-3 text-muted">There is nothing here.</p>
      <Link href="/" className="mt-6 inline-block text-accent underline">
        Back to the start page
      </Link>
    </div>
  );
}
