"use client";
import { startTransition, useActionState, type FormEvent } from "react";

/**
 * useActionState for forms that must keep what the user typed when the server refuses it:
 * React resets a `<form action>` after every submission, which loses the input on an error.
 * Submitting through onSubmit keeps the fields; callers remount the form (a `key`) to clear it.
 */
export function useFormAction<S>(action: (state: S | null, data: FormData) => Promise<S | null>) {
  const [state, dispatch, pending] = useActionState(action, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  return { state, onSubmit, pending };
}
