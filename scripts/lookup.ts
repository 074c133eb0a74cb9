/**
 * `npm run lookup -- E11.65 S72.001 [--date 2026-11-01] [--system icd10pcs] [--json]`: the code model in
 * Node, over the compiled assets (run `npm run codesets` first).
 */
import { readCompiledAssets } from './codesets/compiled';
import { CodeCatalog, catalogDataFromAssets } from '../utils/codes/catalog';
import { todayIso } from '../utils/codes/dates';
import type { CodeSystem } from '../utils/codes/types';

const args = process.argv.slice(2);
let date = todayIso();
let system: CodeSystem = 'icd10cm';
let json = false;
const codes: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i] as string;
  if (arg === '--date') date = args[++i] ?? date;
  else if (arg === '--system') system = (args[++i] ?? system) as CodeSystem;
  else if (arg === '--json') json = true;
  else codes.push(arg);
}
if (codes.length === 0) {
  console.error('usage: npm run lookup -- CODE [CODE...] [--date YYYY-MM-DD] [--system icd10cm|icd10pcs|hcpcs] [--json]');
  process.exit(2);
}
try {
  const catalog = new CodeCatalog(catalogDataFromAssets(readCompiledAssets(undefined, ['codes', 'addenda', 'tabular', 'conversion', 'hcc', 'poa-exempt'])));
  for (const code of codes) {
    const r = catalog.lookup(system, code, date);
    if (json) {
      console.log(JSON.stringify(r, null, 2));
      continue;
    }
    console.log(`${r.display}  ${r.state}  ${r.title ?? ''}\n  ${r.reason}`);
    for (const a of r.ancestors) console.log(`  ↑ ${a.id}  ${a.title}`);
    for (const n of r.notes) console.log(`  [${n.type} from ${n.from}, FY${n.year}] ${n.text}`);
    if (r.seventh.length) console.log(`  7th characters: ${r.seventh.map((s) => `${s.char}=${s.meaning}`).join('; ')}`);
    if (r.children.length) console.log(`  children: ${r.children.map((c) => `${c.display}${c.billable ? '' : '*'}`).join(' ')}`);
    if (r.hcc.length) console.log(`  HCC: ${r.hcc.map((h) => `${h.model} ${h.hcc} ${h.label}`).join('; ')}`);
    if (r.replacedBy.length) console.log(`  replaced by: ${r.replacedBy.map((c) => c.display).join(' ')}`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
