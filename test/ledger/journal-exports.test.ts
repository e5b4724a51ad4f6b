// Golden outputs of the export formats for a small settlement, and the CSV and date rules under them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvDocument, csvField } from '../../src/adapters/ledger/csv-text.js';
import { JOURNAL_JSON_FORMAT, toJournalJson } from '../../src/adapters/ledger/journal-json.js';
import { formatLedgerDate } from '../../src/adapters/ledger/ledger-dates.js';
import { toQuickBooksJournalCsv } from '../../src/adapters/ledger/quickbooks-journal-csv.js';
import { groupForXeroImport, toXeroManualJournalCsv } from '../../src/adapters/ledger/xero-manual-journal-csv.js';
import type { JournalEntry } from '../../src/domain/settlements/journal-entry.js';
import { smallJournal } from './small-settlement.js';

const N1 = 'Amazon settlement 12345678901 (2024-03-01 to 2024-03-14): activity posted in March 2024 [AMZ-12345678901-1]';
const N2 = 'Amazon settlement 12345678901 (2024-03-01 to 2024-03-14): deposit of 16.45 EUR [AMZ-12345678901-2]';
const NET = 'Amazon settlement 12345678901: net of activity posted in March 2024';
const DEPOSIT = 'Amazon settlement 12345678901: deposit of 16.45 EUR';
const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';

describe('Xero manual journal CSV', () => {
  it('matches the golden file: Xero template columns, signed amounts (debit positive), dd mmm yyyy dates', () => {
    assert.equal(toXeroManualJournalCsv(smallJournal().entries), crlf([
      '*Narration,*Date,Description,*AccountCode,*TaxRate,*Amount,TrackingName1,TrackingOption1,TrackingName2,TrackingOption2',
      `${N1},14 Mar 2024,ItemPrice Principal (1 row),4000,No VAT,-50.00,,,,`,
      `${N1},14 Mar 2024,Refund 302-0: ItemPrice Principal (1 row),4090,No VAT,20.00,,,,`,
      `${N1},14 Mar 2024,ItemFees Commission (1 row),6100,No VAT,7.50,,,,`,
      `${N1},14 Mar 2024,"Refund 302-0: ItemFees Commission, ItemFees RefundCommission (2 rows)",6100,No VAT,-2.40,,,,`,
      `${N1},14 Mar 2024,ItemFees FBAPerUnitFulfillmentFee (1 row),6110,No VAT,3.10,,,,`,
      `${N1},14 Mar 2024,ItemFees FBAPerUnitFulfillmentFee (1 row),6115,No VAT,4.10,,,,`,
      `${N1},14 Mar 2024,other-transaction Storage Fee (1 row),6120,No VAT,1.25,,,,`,
      `${N1},14 Mar 2024,${NET},1250,No VAT,16.45,,,,`,
      `${N2},16 Mar 2024,${DEPOSIT},1200,No VAT,16.45,,,,`,
      `${N2},16 Mar 2024,${DEPOSIT},1250,No VAT,-16.45,,,,`,
    ]));
  });

  it('takes the tax rate from the account, dd/mm/yyyy dates and tracking categories when asked', () => {
    const entries = smallJournal().entries.map((e) => ({ ...e, lines: e.lines.map((l) => (l.accountCode === '1200' ? { ...l, taxRate: 'BAS Excluded' } : l)) }));
    const csv = toXeroManualJournalCsv(entries.slice(1), { dateFormat: 'DD/MM/YYYY', defaultTaxRate: 'Tax Exempt', tracking: [{ name: 'Channel', option: 'Amazon DE' }] });
    assert.equal(csv.split('\r\n')[1], `${N2},16/03/2024,${DEPOSIT},1200,BAS Excluded,16.45,Channel,Amazon DE,,`);
    assert.equal(csv.split('\r\n')[2], `${N2},16/03/2024,${DEPOSIT},1250,Tax Exempt,-16.45,Channel,Amazon DE,,`);
  });

  it('sums to zero per journal, as Xero requires', () => {
    const csv = toXeroManualJournalCsv(smallJournal().entries);
    const byNarration = new Map<string, number>();
    for (const record of csv.trim().split('\r\n').slice(1)) {
      const amount = record.split(',').at(-5) ?? '';
      const cents = (amount.startsWith('-') ? -1 : 1) * Number.parseInt(amount.replace(/[-.]/g, ''), 10);
      const narration = record.slice(0, record.indexOf(' ['));
      byNarration.set(narration, (byNarration.get(narration) ?? 0) + cents);
    }
    assert.deepEqual([...byNarration.values()], [0, 0]);
  });

  it('groups entries into files of at most 300 lines without splitting an entry', () => {
    const entry = (n: number, lines: number): JournalEntry => ({ ...smallJournal().entries[0]!, key: `E${n}`, lines: Array.from({ length: lines }, () => smallJournal().entries[0]!.lines[0]!) });
    const grouped = groupForXeroImport([entry(1, 200), entry(2, 100), entry(3, 1), entry(4, 301), entry(5, 299)]);
    assert.deepEqual(grouped.files.map((f) => f.map((e) => e.key)), [['E1', 'E2'], ['E3', 'E5']]);
    assert.deepEqual(grouped.oversized, ['E4']);
  });
});

describe('QuickBooks Online journal entry CSV', () => {
  it('matches the golden file: one JournalNo per entry, positive Debits/Credits, MM/DD/YYYY dates, account names', () => {
    assert.equal(toQuickBooksJournalCsv(smallJournal().entries), crlf([
      'JournalNo,JournalDate,Currency,Memo,AccountName,Debits,Credits,Description,Name',
      `AMZ-12345678901-1,03/14/2024,EUR,${N1},Amazon sales,,50.00,ItemPrice Principal (1 row),`,
      `AMZ-12345678901-1,03/14/2024,EUR,${N1},Refunds to customers,20.00,,Refund 302-0: ItemPrice Principal (1 row),`,
      `AMZ-12345678901-1,03/14/2024,EUR,${N1},Amazon selling fees,7.50,,ItemFees Commission (1 row),`,
      `AMZ-12345678901-1,03/14/2024,EUR,${N1},Amazon selling fees,,2.40,"Refund 302-0: ItemFees Commission, ItemFees RefundCommission (2 rows)",`,
      `AMZ-12345678901-1,03/14/2024,EUR,${N1},FBA fulfilment fees,3.10,,ItemFees FBAPerUnitFulfillmentFee (1 row),`,
      `AMZ-12345678901-1,03/14/2024,EUR,${N1},Multi-Channel Fulfilment fees,4.10,,ItemFees FBAPerUnitFulfillmentFee (1 row),`,
      `AMZ-12345678901-1,03/14/2024,EUR,${N1},FBA storage fees,1.25,,other-transaction Storage Fee (1 row),`,
      `AMZ-12345678901-1,03/14/2024,EUR,${N1},Amazon clearing,16.45,,${NET},`,
      `AMZ-12345678901-2,03/16/2024,EUR,${N2},Bank,16.45,,${DEPOSIT},`,
      `AMZ-12345678901-2,03/16/2024,EUR,${N2},Amazon clearing,,16.45,${DEPOSIT},`,
    ]));
  });

  it('writes day-first dates and a Name on every line when asked, and quotes account names', () => {
    const entries = smallJournal().entries.slice(1).map((e) => ({ ...e, lines: e.lines.map((l) => ({ ...l, accountName: 'Bank, "main"' })) }));
    const csv = toQuickBooksJournalCsv(entries, { dateFormat: 'DD/MM/YYYY', name: 'Amazon' });
    assert.equal(csv.split('\r\n')[1], `AMZ-12345678901-2,16/03/2024,EUR,${N2},"Bank, ""main""",16.45,,${DEPOSIT},Amazon`);
  });

  it("refuses a journal number longer than QuickBooks' 21 characters", () => {
    const entry = { ...smallJournal().entries[0]!, key: 'AMZ-1234567890123456789-1' };
    assert.throws(() => toQuickBooksJournalCsv([entry]), /longer than QuickBooks' 21 characters/);
  });
});

describe('JSON journal', () => {
  it('carries amounts as decimal strings and as minor units', () => {
    const document = JSON.parse(toJournalJson(smallJournal().entries));
    assert.equal(document.format, JOURNAL_JSON_FORMAT);
    assert.equal(document.entries.length, 2);
    assert.deepEqual(document.entries[1].lines[0], {
      key: 'AMZ-12345678901-2-1', lineNumber: 1, accountCode: '1200', accountName: 'Bank', role: 'bank',
      debit: '16.45', credit: '0.00', debitMinor: 1645, creditMinor: 0, description: DEPOSIT, rowCount: 0,
    });
    assert.equal(document.entries[0].lines[1].orderId, '302-0');
  });
});

describe('CSV and dates', () => {
  it('quotes only what needs quoting, doubling quotes', () => {
    assert.deepEqual(['plain', 'a,b', 'say "hi"', 'two\nlines', ' padded', '-12.50', ''].map(csvField),
      ['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '" padded"', '-12.50', '']);
    assert.equal(csvDocument(['a', 'b'], [['1', '2,3']]), 'a,b\r\n1,"2,3"\r\n');
  });

  it('formats journal dates without a time zone', () => {
    assert.deepEqual((['DD/MM/YYYY', 'MM/DD/YYYY', 'DD MMM YYYY', 'YYYY-MM-DD'] as const).map((f) => formatLedgerDate('2024-02-09', f)),
      ['09/02/2024', '02/09/2024', '09 Feb 2024', '2024-02-09']);
    assert.throws(() => formatLedgerDate('2024-13-01', 'DD/MM/YYYY'), /not a journal date/);
  });
});
