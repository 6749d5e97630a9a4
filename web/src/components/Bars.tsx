/** A ranked list as horizontal bars (pure CSS): top channels, topics. The numbers are in the panel's table view. */
export function Bars({ label, items }: { label: string; items: { key: string; label: string; value: number; text: string }[] }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <ol class="bars" aria-label={label}>
      {items.map((i) => (
        <li key={i.key}>
          <span class="bar-label">{i.label}</span>
          <span class="bar-track" aria-hidden="true">
            <span class="bar-fill" style={{ width: `${(100 * i.value) / max}%` }} />
          </span>
          <span class="bar-text">{i.text}</span>
        </li>
      ))}
    </ol>
  );
}
