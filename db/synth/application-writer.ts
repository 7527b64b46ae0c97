import { HOME_CREDIT_COLUMNS } from '../home-credit-columns.js';
import { csvText, formatFloat, formatInt, type NumberFormat } from './format.js';
import type { LatentClient } from './latent-client.js';
import type { ApplicationProfile } from './profile-types.js';

/** Header lines of application_train.csv (TARGET second) and application_test.csv (no TARGET). */
export const APPLICATION_TRAIN_HEADER = HOME_CREDIT_COLUMNS.application.map(([name]) => name).join(',');
export const APPLICATION_TEST_HEADER = HOME_CREDIT_COLUMNS.application.filter(([name]) => name !== 'TARGET').map(([name]) => name).join(',');

/** Formats applicants as lines of application_train.csv / application_test.csv, column formats as in the real files. */
export class ApplicationWriter {
  private readonly formats: Array<NumberFormat | 'text'>;
  private readonly quoted = new Map<string, string>();
  private readonly targetIndex: number;

  constructor(profile: ApplicationProfile) {
    this.formats = HOME_CREDIT_COLUMNS.application.map(([name, kind]) => {
      if (kind === 'text') return 'text';
      if (name === 'SK_ID_CURR' || name === 'TARGET') return 'int';
      const marginal = profile.numeric[name];
      if (!marginal) throw new Error(`Profile has no format for ${name}`);
      return marginal.format;
    });
    this.targetIndex = HOME_CREDIT_COLUMNS.application.findIndex(([name]) => name === 'TARGET');
  }

  /** One CSV line (no line end); `withTarget` false drops the TARGET column (application_test.csv). */
  line(client: LatentClient, withTarget: boolean): string {
    const values = client.values;
    const formats = this.formats;
    let out = '';
    for (let i = 0; i < values.length; i++) {
      if (i === this.targetIndex && !withTarget) continue;
      const v = values[i]!;
      let text: string;
      if (typeof v === 'string') {
        let q = this.quoted.get(v);
        if (q === undefined) {
          q = csvText(v);
          this.quoted.set(v, q);
        }
        text = q;
      } else if (v !== v) {
        text = '';
      } else {
        text = formats[i] === 'float' ? formatFloat(v) : formatInt(v);
      }
      out += i === 0 ? text : `,${text}`;
    }
    return out;
  }
}
