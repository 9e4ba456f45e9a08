// The chat model's commands are found by file: every file of the commands directory exports a
// spec whose arbitrary draws commands, with or without a second tenant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { loadCommandSpecs } from '../properties/chat-model/registry.ts';

test('every file of chat-model/commands is a command spec of the model, each with its own name', async () => {
  const specs = await loadCommandSpecs();
  const files = readdirSync('tests/properties/chat-model/commands').filter((f) => f.endsWith('.ts'));
  assert.equal(specs.length, files.length);
  assert.equal(new Set(specs.map((s) => s.name)).size, specs.length);
  for (const s of specs) {
    for (const twoTenants of [true, false]) {
      if (!twoTenants && s.needsTwoTenants) continue;
      const [command] = fc.sample(s.arbitrary({ twoTenants }), { numRuns: 1, seed: 1 });
      assert.equal(typeof command?.run, 'function', s.name);
      if (!twoTenants) assert.doesNotMatch(String(command), /\bB\b/, `${s.name} names tenant B without a second tenant`);
    }
  }
});
