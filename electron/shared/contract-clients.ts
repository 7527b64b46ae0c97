/** Contract channels of the clients domain: find a client, page through them, open one file. */
import { z } from 'zod';
import { ApplicationRecordSchema, count, finite, id, text } from './contract-common.js';

/** One line of a client list: enough to recognise the client and the loan asked for. */
export const ClientSummarySchema = z
  .object({
    clientId: id(),
    contractType: text(100).nullable(),
    incomeType: text(100).nullable(),
    ageYears: finite().nullable(),
    income: finite().nullable(),
    credit: finite().nullable(),
    annuity: finite().nullable(),
    /** TARGET where known: what happened to the loan. */
    outcome: z.enum(['defaulted', 'repaid']).nullable(),
  })
  .strict();

/** What the bank already knows of a client, summed up for the file view. */
export const HistorySummarySchema = z
  .object({
    bureau: z.object({ credits: count(), active: count(), closed: count(), totalDebt: finite().nullable(), overdueCredits: count() }).strict(),
    previousApplications: z.object({ count: count(), approved: count(), refused: count(), canceled: count() }).strict(),
    instalments: z.object({ count: count(), late: count(), underpaid: count() }).strict(),
    creditCards: z.object({ months: count(), maxBalance: finite().nullable() }).strict(),
    posCash: z.object({ months: count(), monthsOverdue: count() }).strict(),
  })
  .strict();

/** The clients verbs. */
export const CLIENT_CHANNELS = {
  /** Clients whose id starts with the query (a number typed in a search box). */
  'clients:search': {
    request: z.object({ query: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(100).optional() }).strict(),
    response: z.object({ clients: z.array(ClientSummarySchema).max(100) }).strict(),
  },
  /** One page of clients in SK_ID_CURR order. */
  'clients:list': {
    request: z.object({ offset: count(), limit: z.number().int().min(1).max(500) }).strict(),
    response: z.object({ total: count(), clients: z.array(ClientSummarySchema).max(500) }).strict(),
  },
  /** One client's file: the application row and a summary of the history. */
  'clients:get': {
    request: z.object({ clientId: id() }).strict(),
    response: z.object({ client: ClientSummarySchema, application: ApplicationRecordSchema, history: HistorySummarySchema }).strict(),
  },
} as const;
