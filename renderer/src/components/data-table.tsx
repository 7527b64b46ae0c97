/**
 * The one table of the interface: a caption (read by screen readers, shown or not), column headers with
 * `scope="col"`, the row header cell with `scope="row"`, numbers aligned to the right (class `number`).
 * Screens describe their columns; the markup, and so its accessibility, is written once here.
 */
import type { ReactNode } from 'react';

/** One column of a DataTable. */
export interface Column<Row> {
  /** Stable React key of the column. */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** 'number' aligns right (figures); text columns start at the reading side. */
  align?: 'text' | 'number';
  /** The cell names its row (`<th scope="row">`): one column per table at most. */
  rowHeader?: boolean;
  /** The language of the cells when it is not the interface's (e.g. notes written in English in the model card). */
  lang?: string;
}

/** Props of DataTable. */
export interface DataTableProps<Row> {
  /** Columns in order; `false` leaves a column out (e.g. the branch column of a per-branch table). */
  columns: readonly (Column<Row> | false)[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** What the table shows; `visibleCaption` shows it above the table, else only assistive technology reads it. */
  caption?: string;
  visibleCaption?: boolean;
  rowClassName?: (row: Row) => string | undefined;
  rowTestId?: (row: Row) => string | undefined;
  testId?: string;
  className?: string;
  /** Id of the text that explains the table (aria-describedby). */
  describedBy?: string;
}

/** A table of rows under column headers. */
export function DataTable<Row>({ columns, rows, rowKey, caption, visibleCaption = false, rowClassName, rowTestId, testId, className, describedBy }: DataTableProps<Row>) {
  const shown = columns.filter((column): column is Column<Row> => column !== false);
  return (
    <table data-testid={testId} className={className} aria-describedby={describedBy}>
      {caption === undefined ? null : <caption className={visibleCaption ? 'table-caption' : 'visually-hidden'}>{caption}</caption>}
      <thead>
        <tr>
          {shown.map((column) => (
            <th key={column.key} scope="col" className={column.align === 'number' ? 'number' : undefined}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className={rowClassName?.(row)} data-testid={rowTestId?.(row)}>
            {shown.map((column) => {
              const props = { className: column.align === 'number' ? 'number' : undefined, lang: column.lang };
              return column.rowHeader ? (
                <th key={column.key} scope="row" {...props}>
                  {column.cell(row)}
                </th>
              ) : (
                <td key={column.key} {...props}>
                  {column.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
