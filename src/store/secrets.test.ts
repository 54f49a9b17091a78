import { afterEach, describe, expect, it } from "vitest";
import { assertNoSecrets, redactSecrets, SecretLeakError } from "./secrets.js";

describe("redactSecrets", () => {
  afterEach(() => {
    delete process.env.PLUMBLINE_API_KEY;
  });

  it("removes key-shaped text and the current key values, and leaves the rest", () => {
    process.env.PLUMBLINE_API_KEY = "local-server-key-42";
    const message =
      "401 from http://127.0.0.1:8000: header Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345 rejected; " +
      "also saw sk-proj-AAAAAAAAAAAAAAAAAAAAAAAAAAAA and local-server-key-42";
    const redacted = redactSecrets(message);
    expect(redacted).not.toMatch(/abcdefghijklmnop|sk-proj-A|local-server-key-42/);
    expect(redacted).toContain("401 from http://127.0.0.1:8000");
    expect(() => assertNoSecrets(redacted)).not.toThrow();
  });

  it("is the counterpart of assertNoSecrets: what one refuses, the other removes", () => {
    const text = '{"error":"bad key sk-ant-api03-ZZZZZZZZZZZZZZZZZZZZZZZZ"}';
    expect(() => assertNoSecrets(text)).toThrow(SecretLeakError);
    expect(() => assertNoSecrets(redactSecrets(text))).not.toThrow();
  });
});
