import type { CodeState } from '../../utils/codes/catalog';
import type { CodeSystem } from '../../utils/codes/types';
import { deriveStateView, SYSTEM_BADGES } from './model';

export function StateBadge({ state }: { state: CodeState }) {
  const view = deriveStateView(state);
  return <span class={`badge state state-${view.tone}`}>{view.label}</span>;
}

export function SystemBadge({ system }: { system: CodeSystem }) {
  return <span class={`badge system system-${system}`}>{SYSTEM_BADGES[system]}</span>;
}

/** CMS-HCC category: for the coder's eyes only, never part of a query (DESIGN.md §6). */
export function HccBadge({ hcc }: { hcc: string }) {
  return (
    <span class="badge hcc" title={`Maps to CMS-HCC ${hcc} (for the coder only; never put in a query)`}>
      HCC {hcc}
    </span>
  );
}
