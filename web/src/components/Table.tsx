import type { ComponentChildren } from 'preact';

export interface Column<T> {
  label: string;
  /** Numeric columns are right-aligned. */
  numeric?: boolean;
  cell: (row: T, index: number) => ComponentChildren;
  /** The row header (first column): a `<th scope="row">`. */
  header?: boolean;
}

/** A plain accessible table: a caption, column headers, one row per item. */
export function Table<T>({ caption, columns, rows }: { caption: string; columns: Column<T>[]; rows: readonly T[] }) {
  return (
    // Focusable: a long table scrolls, and the keyboard must be able to scroll it.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region (WCAG 2.1.1), named by the caption
    <section class="table-wrap" tabIndex={0} aria-label={`Table: ${caption}`}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : undefined} key={c.label}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) =>
                c.header ? (
                  <th scope="row" key={c.label}>
                    {c.cell(row, i)}
                  </th>
                ) : (
                  <td class={c.numeric ? 'num' : undefined} key={c.label}>
                    {c.cell(row, i)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A definition list of labelled values (statistics, KPIs). */
export function Stats({ items }: { items: [label: string, value: ComponentChildren][] }) {
  return (
    <dl class="stats">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
