import { describe, expect, it } from "vitest";
import { isForbiddenCrossOrigin } from "./origin";

const trusted = ["http://localhost:3000"];
const h = (init: Record<string, string>) => new Headers(init);

describe("isForbiddenCrossOrigin", () => {
  it("allows safe methods and same-origin mutations", () => {
    expect(isForbiddenCrossOrigin("GET", h({ origin: "http://evil.example" }), trusted)).toBe(false);
    expect(isForbiddenCrossOrigin("POST", h({ origin: "http://localhost:3000" }), trusted)).toBe(false);
    expect(isForbiddenCrossOrigin("POST", h({}), trusted)).toBe(false);
  });
  it("refuses foreign, null and cross-site mutations", () => {
    expect(isForbiddenCrossOrigin("POST", h({ origin: "http://evil.example" }), trusted)).toBe(true);
    expect(isForbiddenCrossOrigin("POST", h({ origin: "null" }), trusted)).toBe(true);
    expect(isForbiddenCrossOrigin("DELETE", h({ "sec-fetch-site": "cross-site" }), trusted)).toBe(true);
    expect(isForbiddenCrossOrigin("POST", h({ origin: "http://localhost:3000.evil.example" }), trusted)).toBe(true);
  });
});
