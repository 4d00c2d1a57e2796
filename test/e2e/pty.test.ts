import { describe, expect, it } from "vitest";
import { Terminal } from "../helpers/pty.js";

describe("kafka-prep in a real terminal", () => {
  it("colours output in a terminal and drops colour with --no-color", async () => {
    const coloured = new Terminal(["validate"]);
    await coloured.waitFor(/no problems/);
    expect((await coloured.exit()).exitCode).toBe(0);
    expect(coloured.rawOutput).toContain("\u001b[32m✓");

    const plain = new Terminal(["validate", "--no-color"]);
    await plain.waitFor(/no problems/);
    expect((await plain.exit()).exitCode).toBe(0);
    expect(plain.rawOutput).not.toContain("\u001b[3");
    expect(plain.output).toMatch(/✓ \d+ files? checked/);
  });

  it("respects NO_COLOR", async () => {
    const t = new Terminal(["validate"], { env: { NO_COLOR: "1" } });
    await t.waitFor(/no problems/);
    await t.exit();
    expect(t.rawOutput).not.toContain("\u001b[3");
  });
});
