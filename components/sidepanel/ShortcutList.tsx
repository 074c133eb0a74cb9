/** A list of keyboard shortcuts, as shown at the foot of the panel's tabs. */
export function ShortcutList({ title, shortcuts, className = '' }: { title: string; shortcuts: ReadonlyArray<readonly [keys: string, what: string]>; className?: string }) {
  return (
    <details class={`shortcuts${className ? ` ${className}` : ''}`}>
      <summary>{title}</summary>
      <dl>
        {shortcuts.map(([keys, what]) => (
          <div key={keys} class="shortcut">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
