import { BureauBalanceWriter } from './bureau-balance.js';
import { BureauWriter, type BureauCredit } from './bureau.js';
import { CreditCardWriter } from './credit-card-balance.js';
import type { CsvSink } from './csv-sink.js';
import { InstallmentsWriter } from './installments-payments.js';
import type { LatentClient } from './latent-client.js';
import { PosCashWriter } from './pos-cash-balance.js';
import { PreviousApplicationWriter } from './previous-application.js';
import type { SynthProfile } from './profile-types.js';
import type { Random } from './random.js';
import { drawViews, type RiskViews } from './risk.js';

/** First SK_ID_BUREAU and SK_ID_PREV, and the ids reserved per block of clients, as in the real ranges. */
export const FIRST_BUREAU_ID = 5_000_000;
export const FIRST_PREVIOUS_ID = 1_000_001;
/** Per block of 10,000 clients: ~48,000 bureau credits and ~47,000 previous applications are expected. */
export const BUREAU_IDS_PER_BLOCK = 52_000;
export const PREVIOUS_IDS_PER_BLOCK = 52_000;

/** The sinks a history generator writes to. */
export interface HistorySinks {
  bureau: CsvSink;
  bureauBalance: CsvSink;
  previous: CsvSink;
  pos: CsvSink;
  installments: CsvSink;
  creditCard: CsvSink;
}

/**
 * Writes one client's history: bureau credits (and their months), previous applications (and, for the
 * approved ones, their POS/cash months, instalments and credit-card months), each behaviour driven by its
 * own noisy view of the client's riskiness (see RiskViews). Ids come from ranges reserved
 * per block so that a block's bytes depend only on its own random stream.
 */
export class HistoryGenerator {
  private readonly bureau: BureauWriter;
  private readonly balance: BureauBalanceWriter;
  private readonly previous: PreviousApplicationWriter;
  private readonly pos: PosCashWriter;
  private readonly installments: InstallmentsWriter;
  private readonly card: CreditCardWriter;
  private bureauId = 0;
  private bureauLimit = 0;
  private previousId = 0;
  private previousLimit = 0;
  private readonly credits: BureauCredit[] = [];

  constructor(profile: SynthProfile, sinks: HistorySinks) {
    this.bureau = new BureauWriter(profile, sinks.bureau);
    this.balance = new BureauBalanceWriter(sinks.bureauBalance);
    this.previous = new PreviousApplicationWriter(profile, sinks.previous);
    this.pos = new PosCashWriter(profile, sinks.pos);
    this.installments = new InstallmentsWriter(profile, sinks.installments);
    this.card = new CreditCardWriter(profile, sinks.creditCard, this.installments);
  }

  /** Resets the id counters to the block's reserved ranges. */
  startBlock(block: number): void {
    this.bureauId = FIRST_BUREAU_ID + block * BUREAU_IDS_PER_BLOCK;
    this.bureauLimit = this.bureauId + BUREAU_IDS_PER_BLOCK;
    this.previousId = FIRST_PREVIOUS_ID + block * PREVIOUS_IDS_PER_BLOCK;
    this.previousLimit = this.previousId + PREVIOUS_IDS_PER_BLOCK;
  }

  private readonly nextBureauId = (): number => {
    // Reserved ranges hold ~8 standard deviations above the expected count: overflow means a bug.
    if (this.bureauId >= this.bureauLimit) throw new Error('Synthetic bureau ids exhausted for a block');
    return this.bureauId++;
  };

  private readonly views: RiskViews = { bureau: 0, overdue: 0, balance: 0, refusal: 0, late: 0, short: 0, arrears: 0, card: 0 };

  /** Writes every history row of one client. */
  write(rng: Random, clientId: number, client: LatentClient): void {
    const v = this.views;
    drawViews(rng, -client.c, v);
    const credits = this.credits;
    credits.length = 0;
    this.bureau.write(rng, clientId, v, this.nextBureauId, credits);
    if (credits.length && rng.chance(BureauBalanceWriter.CLIENT_COVERAGE)) {
      for (const credit of credits) if (!credit.active || rng.chance(BureauBalanceWriter.OPEN_CREDIT_COVERAGE)) this.balance.write(rng, credit, v.balance);
    }
    const count = this.previous.count(rng);
    for (let k = 0; k < count; k++) {
      if (this.previousId >= this.previousLimit) throw new Error('Synthetic previous-application ids exhausted for a block');
      const loan = this.previous.write(rng, clientId, this.previousId++, v);
      if (!loan.approved) continue;
      if (loan.type === 'Revolving loans') this.card.writeCard(rng, clientId, loan, v);
      else {
        this.pos.writeLoan(rng, clientId, loan, v);
        this.installments.writeLoan(rng, clientId, loan, v);
      }
    }
  }
}
