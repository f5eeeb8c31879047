"use client";
/**
 * Live state of one submission: starts from the server-rendered view, then follows the
 * `submission.*` WebSocket messages (reconnecting with backoff; every (re)connection asks for
 * the full state again, so nothing is missed).
 */
import { useEffect, useState } from "react";
import type { SubmissionServerMessage, SubmissionView, TestView } from "@/lib/submissions/views";

function wsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss:" : "ws:"}//${host}/ws`;
}

export function applyMessage(view: SubmissionView, msg: SubmissionServerMessage): SubmissionView {
  switch (msg.type) {
    case "submission.state":
      return msg.submission;
    case "submission.test": {
      const { testsDone, testsTotal } = msg;
      const test: TestView = {
        ordinal: msg.ordinal,
        status: msg.status,
        sample: msg.sample,
        group: msg.group,
        cpuMs: msg.cpuMs,
        wallMs: msg.wallMs,
        memoryKb: msg.memoryKb,
        exitCode: msg.exitCode,
        signal: msg.signal,
        checkerMessage: msg.checkerMessage,
        ...(msg.detail ? { detail: msg.detail } : {}),
      };
      const tests: TestView[] = [...view.tests.filter((t) => t.ordinal !== test.ordinal), test].sort((a, b) => a.ordinal - b.ordinal);
      return { ...view, status: view.status === "done" ? view.status : "running", testsDone, testsTotal, tests };
    }
    case "submission.done":
      return { ...view, status: "done", verdict: msg.verdict, score: msg.score, maxScore: msg.maxScore, cpuMs: msg.cpuMs, memoryKb: msg.memoryKb };
    default:
      return view;
  }
}

/** Give the calling component `key={id}`: a new submission starts a new state. */
export function useSubmission(initial: SubmissionView): { view: SubmissionView; connected: boolean } {
  const [view, setView] = useState(initial);
  const [connected, setConnected] = useState(false);
  const id = initial.id;
  useEffect(() => {
    let ws: WebSocket | null = null;
    let closed = false;
    let retry = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      const socket = new WebSocket(wsUrl());
      ws = socket;
      socket.onopen = () => {
        retry = 0;
        setConnected(true);
        socket.send(JSON.stringify({ type: "submission.watch", id }));
      };
      socket.onmessage = (e) => {
        let msg: SubmissionServerMessage;
        try {
          msg = JSON.parse(String(e.data)) as SubmissionServerMessage;
        } catch {
          return;
        }
        if (!msg.type.startsWith("submission.") || ("id" in msg && msg.id !== id) || (msg.type === "submission.state" && msg.submission.id !== id)) return;
        setView((v) => applyMessage(v, msg));
      };
      socket.onclose = () => {
        setConnected(false);
        if (closed) return;
        retry = Math.min(retry + 1, 6);
        timer = setTimeout(connect, 250 * 2 ** retry);
      };
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(timer);
      ws?.close();
    };
  }, [id]);
  return { view, connected };
}
