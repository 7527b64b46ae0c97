import { printable } from './printable.js';

/**
 * A file whose structure is wrong (unknown name, wrong header, broken quoting): it is refused whole and
 * nothing of it is loaded. Distinct from a bad row, which is rejected while the rest of the file loads.
 */
export class FileStructureError extends Error {
  constructor(
    readonly file: string,
    /** 1-based line where the problem is, or null when it is not about a line (e.g. the file name). */
    readonly line: number | null,
    message: string,
  ) {
    super(line === null ? `${printable(file)}: ${message}` : `${printable(file)}, line ${line}: ${message}`);
    this.name = 'FileStructureError';
  }
}
