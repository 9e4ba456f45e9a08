// The commands of the chat model: every file in ./commands/ that exports `spec` (a CommandSpec).
// Found at run time, so a route's commands join the model by adding a file, with no edit here.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandSpec } from './model.ts';

const DIR = new URL('./commands/', import.meta.url);

export async function loadCommandSpecs(): Promise<CommandSpec[]> {
  const files = readdirSync(fileURLToPath(DIR)).filter((f) => f.endsWith('.ts')).sort();
  const modules = await Promise.all(files.map((f) => import(new URL(f, DIR).href) as Promise<{ spec?: CommandSpec }>));
  return modules.flatMap((mod, i) => {
    if (!mod.spec) throw new Error(`tests/properties/chat-model/commands/${files[i]} exports no \`spec\` (a CommandSpec).`);
    return [mod.spec];
  });
}
