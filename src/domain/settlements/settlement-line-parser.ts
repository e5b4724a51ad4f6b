// The line-level core of settlement import: lines of text in, rows and problems out, synchronously and
// without I/O. It learns the format from the header line and the locale and currency from the
// summary row (the first data row), checks every later line against them, and at the end checks the
// invariant that holds on every real file: Σ amount of the detail rows = total-amount, exactly.
// Anything it cannot read is a problem with its line; the caller refuses the whole file then.
// Docs: ../shared/docs/amazon-facts.md, "Settlement report, flat file V2".
import { currencyFractionDigits, describeBadAmount, parseAmount, type SettlementLocale } from './settlement-amount.js';
import { LEGACY_AMOUNT_COLUMNS, NO_COLUMNS, detectSettlementHeader, type ColumnIndex, type SettlementHeaderLayout } from './settlement-columns.js';
import { cell, optional, wholeNumber } from './settlement-cells.js';
import { DATE_SHAPES, parseSettlementDate } from './settlement-date.js';
import { canonicalDescription, knownAmountType, knownTransactionType, legacyAccountLevel } from './settlement-known-values.js';
import { SettlementFieldReader, type SettlementEvent } from './settlement-field-reader.js';
import type { SettlementFormat, SettlementHeader } from './settlement-types.js';

export type { SettlementEvent } from './settlement-field-reader.js';

export interface SettlementParseOutcome {
  readonly format?: SettlementFormat;
  readonly locale?: SettlementLocale;
  readonly header?: SettlementHeader;
  /** The last line number seen. */
  readonly lineCount: number;
  readonly rowCount: number;
  /** Σ of every detail amount that could be read (minor units), rows with problems included. */
  readonly detailAmountSum: number;
  readonly unreadableAmounts: number;
  readonly problemCount: number;
  /** Σ detail amounts = total-amount, exactly, with every amount read. */
  readonly balanced: boolean;
  /** False when a problem in the header or summary row stopped the reading (later lines unchecked). */
  readonly readToEnd: boolean;
}

type LegacyAmountPosition = (typeof LEGACY_AMOUNT_COLUMNS)[number] & { readonly at: number; readonly typeAt: number };

/** What every row of one line shares (the older file emits several rows per line). */
interface LineContext {
  readonly orderId: string | undefined;
  readonly merchantOrderId: string | undefined;
  readonly adjustmentId: string | undefined;
  readonly shipmentId: string | undefined;
  readonly marketplaceName: string | undefined;
  readonly fulfillmentId: string | undefined;
  readonly postedDate: string | undefined;
  readonly orderItemCode: string | undefined;
  readonly merchantOrderItemId: string | undefined;
  readonly merchantAdjustmentItemId: string | undefined;
  readonly sku: string | undefined;
  readonly quantityPurchased: number | undefined;
  readonly promotionId: string | undefined;
}

export class SettlementLineParser extends SettlementFieldReader {
  private layout: SettlementHeaderLayout | undefined;
  // Column positions, looked up with constant names (fast property access on the hot path).
  private ix: ColumnIndex = NO_COLUMNS;
  private legacyAmounts: readonly LegacyAmountPosition[] = [];
  private summaryLine = 0;
  private totalText = '';
  private lastLine = 0;
  private rows = 0;

  constructor(emit: (event: SettlementEvent) => void) {
    super(emit);
  }

  /** One line of the file without its line ending; `lineNumber` is 1-based. */
  line(text: string, lineNumber: number): void {
    this.lastLine = lineNumber;
    if (this.stopped || text === '' || (text.charCodeAt(0) <= 32 && text.trim() === '')) return;
    const fields = text.split('\t');
    if (this.layout === undefined) {
      const detected = detectSettlementHeader(fields);
      if (!detected.ok) return this.fatal(lineNumber, detected.error);
      this.layout = detected.value;
      this.ix = detected.value.index;
      const ix = this.ix;
      this.legacyAmounts = LEGACY_AMOUNT_COLUMNS.map((c) => ({ ...c, at: ix[c.amount], typeAt: c.type === undefined ? -1 : ix[c.type] })).filter((c) => c.at >= 0);
      return;
    }
    if (fields.length !== this.layout.width) {
      const cut = fields.length < this.layout.width ? ' (the line is cut off: is the file truncated?)' : '';
      return this.problem(lineNumber, `the line has ${fields.length} columns, the header ${this.layout.width}${cut}`);
    }
    if (this.header === undefined) return this.readSummary(fields, lineNumber);
    const total = cell(fields, this.ix['total-amount']);
    if (total !== '' && total !== this.totalText) {
      this.problem(lineNumber, `column total-amount: '${total}' differs from the summary row's '${this.totalText}' (line ${this.summaryLine})`);
    }
    this.readDetail(fields, lineNumber);
  }

  /** A problem found outside the lines' content (their encoding); `fatal` stops the reading. */
  report(lineNumber: number, problem: string, fatal: boolean): void {
    if (fatal) this.fatal(lineNumber, problem);
    else this.problem(lineNumber, problem);
  }

  /** True once a problem has made the rest of the file unreadable. */
  get stoppedReading(): boolean {
    return this.stopped;
  }

  /** After the last line: the balance check, and the outcome. */
  finish(): SettlementParseOutcome {
    if (!this.stopped) {
      if (this.layout === undefined) this.problem(1, 'the file is empty');
      else if (this.header === undefined) this.problem(2, 'the file ends without the settlement summary row');
      else if (this.sum !== this.header.totalAmount) {
        const unread = this.unreadable > 0 ? ` (${this.unreadable} amount${this.unreadable > 1 ? 's' : ''} could not be read)` : '';
        this.problem(this.summaryLine,
          `the detail amounts sum to ${this.money(this.sum)}, but total-amount is ${this.money(this.header.totalAmount)}${unread}`);
      }
    }
    return {
      format: this.layout?.format,
      locale: this.header ? this.locale : undefined,
      header: this.header,
      lineCount: this.lastLine,
      rowCount: this.rows,
      detailAmountSum: this.sum,
      unreadableAmounts: this.unreadable,
      problemCount: this.problems,
      balanced: this.header !== undefined && !this.stopped && this.unreadable === 0 && this.sum === this.header.totalAmount,
      readToEnd: !this.stopped,
    };
  }

  private readSummary(fields: readonly string[], lineNumber: number): void {
    const totalText = cell(fields, this.ix['total-amount']);
    if (totalText === '') {
      return this.fatal(lineNumber, 'the first data line must be the settlement summary (settlement-id, dates, total-amount, currency), but its total-amount is empty');
    }
    const before = this.problems;
    const settlementId = cell(fields, this.ix['settlement-id']);
    if (settlementId === '') this.problem(lineNumber, 'column settlement-id is empty');
    const startText = cell(fields, this.ix['settlement-start-date']);
    const start = parseSettlementDate(startText);
    if (start === undefined) {
      this.problem(lineNumber, `column settlement-start-date: '${startText}' is not a date (expected ${DATE_SHAPES['decimal-comma']} HH:MM:SS UTC or ${DATE_SHAPES['decimal-point']} HH:MM:SS UTC)`);
      return this.stop();
    }
    this.locale = start.locale;
    const endDate = this.date(cell(fields, this.ix['settlement-end-date']), 'settlement-end-date', lineNumber);
    const depositDate = this.date(cell(fields, this.ix['deposit-date']), 'deposit-date', lineNumber);
    const currency = cell(fields, this.ix['currency']);
    const fractionDigits = currencyFractionDigits(currency);
    if (fractionDigits === undefined) {
      this.problem(lineNumber, `column currency: '${currency}' is not a currency code`);
      return this.stop();
    }
    const totalAmount = parseAmount(totalText, this.locale, fractionDigits);
    if (totalAmount === undefined) this.problem(lineNumber, `column total-amount: ${describeBadAmount(totalText, this.locale, fractionDigits, currency)}`);
    if (this.problems > before || endDate === undefined || depositDate === undefined || totalAmount === undefined) return this.stop();
    this.summaryLine = lineNumber;
    this.totalText = totalText;
    this.header = {
      settlementId, startDate: start.iso, endDate, depositDate, currency, fractionDigits, totalAmount,
      format: this.layout?.format ?? 'v2',
    };
    this.emit({ kind: 'header', header: this.header });
    // Never seen, but a summary row that also carries money must not lose it.
    if (cell(fields, this.ix['transaction-type']) !== '') this.readDetail(fields, lineNumber);
  }

  private readDetail(fields: readonly string[], lineNumber: number): void {
    if (this.layout?.format === 'legacy') this.readLegacy(fields, lineNumber);
    else this.readV2(fields, lineNumber);
  }

  /** One V2 line is one row: built in one object, the hot path of a million-row file. */
  private readV2(fields: readonly string[], lineNumber: number): void {
    const ix = this.ix;
    const typeText = cell(fields, ix['transaction-type']);
    const amountText = cell(fields, ix['amount']);
    if (typeText === '' && amountText === '') return;
    const before = this.problems;
    const amount = this.amount(amountText, 'amount', lineNumber);
    const transactionType = this.transactionType(typeText, lineNumber);
    const postedDate = this.checkLine(fields, lineNumber);
    const quantityPurchased = this.quantity(fields, lineNumber);
    if (this.problems > before || amount === undefined || transactionType === undefined) return;
    const amountType = knownAmountType(cell(fields, ix['amount-type'])) ?? cell(fields, ix['amount-type']);
    this.rows++;
    this.emit({
      kind: 'row',
      row: {
        lineNumber, transactionType, orderId: optional(cell(fields, ix['order-id'])), merchantOrderId: optional(cell(fields, ix['merchant-order-id'])),
        adjustmentId: optional(cell(fields, ix['adjustment-id'])), shipmentId: optional(cell(fields, ix['shipment-id'])),
        marketplaceName: optional(cell(fields, ix['marketplace-name'])), amountType,
        amountDescription: canonicalDescription(amountType, cell(fields, ix['amount-description'])), amount,
        fulfillmentId: optional(cell(fields, ix['fulfillment-id'])), postedDate, orderItemCode: optional(cell(fields, ix['order-item-code'])),
        merchantOrderItemId: optional(cell(fields, ix['merchant-order-item-id'])),
        merchantAdjustmentItemId: optional(cell(fields, ix['merchant-adjustment-item-id'])), sku: optional(cell(fields, ix['sku'])),
        quantityPurchased, promotionId: optional(cell(fields, ix['promotion-id'])),
      },
    });
  }

  /**
   * The older file spreads a line's money over column pairs. Its account-level money (reserves, fees,
   * transfers, reimbursements) names itself in transaction-type with the amount in other-amount: that
   * becomes the V2 row other-transaction / <amount type> / <the text>, known or not.
   */
  private readLegacy(fields: readonly string[], lineNumber: number): void {
    const typeText = cell(fields, this.ix['transaction-type']);
    const amounts: Array<{ column: LegacyAmountPosition; amount: number | undefined }> = [];
    for (const column of this.legacyAmounts) {
      const text = cell(fields, column.at);
      if (text !== '') amounts.push({ column, amount: this.amount(text, column.amount, lineNumber) });
    }
    if (typeText === '' && amounts.length === 0) return;
    const transactionType = this.transactionType(typeText, lineNumber);
    if (transactionType === undefined || amounts.length === 0) return;
    const context = this.context(fields, lineNumber);
    if (context === undefined || amounts.some((a) => a.amount === undefined)) return;
    const accountLevel = knownTransactionType(transactionType) === undefined ? legacyAccountLevel(transactionType) : undefined;
    for (const { column, amount } of amounts) {
      let rowType = transactionType;
      let amountType: string = column.amountType;
      let description = cell(fields, column.typeAt);
      if (column.amount === 'other-amount') {
        if (accountLevel !== undefined) {
          rowType = 'other-transaction';
          amountType = accountLevel.amountType;
          description = accountLevel.description;
        } else {
          amountType = 'OtherAmount';
          description = '';
        }
      } else if (amountType === 'ItemFees' && description.startsWith('MarketplaceFacilitator')) {
        // V2 lists tax withheld by Amazon under its own amount-type; the older file among item fees.
        amountType = 'ItemWithheldTax';
      }
      this.row(context, lineNumber, rowType, amountType, canonicalDescription(amountType, description), amount ?? 0);
    }
  }

  /** The transaction type in its canonical spelling when known, else as written: an open set, never refused. */
  private transactionType(text: string, lineNumber: number): string | undefined {
    if (text === '') {
      this.problem(lineNumber, 'column transaction-type is empty');
      return undefined;
    }
    return knownTransactionType(text) ?? text;
  }

  /** The line's settlement id (it must be this settlement's) and its posted date, ISO; problems reported. */
  private checkLine(fields: readonly string[], lineNumber: number): string | undefined {
    const settlementId = cell(fields, this.ix['settlement-id']);
    if (settlementId !== '' && settlementId !== this.header?.settlementId) {
      this.problem(lineNumber, `column settlement-id: '${settlementId}' is not this settlement's '${this.header?.settlementId ?? ''}' (line ${this.summaryLine})`);
    }
    const postedDateTime = cell(fields, this.ix['posted-date-time']);
    const postedDateText = cell(fields, this.ix['posted-date']);
    const posted = postedDateTime !== '' ? this.postedDate(postedDateTime, 'posted-date-time', lineNumber) : undefined;
    const postedDay = postedDateText !== '' ? this.postedDate(postedDateText, 'posted-date', lineNumber) : undefined;
    return posted ?? postedDay;
  }

  private quantity(fields: readonly string[], lineNumber: number): number | undefined {
    const quantityText = cell(fields, this.ix['quantity-purchased']);
    if (quantityText === '') return undefined;
    const quantity = wholeNumber(quantityText);
    if (quantity === undefined) this.problem(lineNumber, `column quantity-purchased: '${quantityText}' is not a whole number`);
    return quantity;
  }

  private context(fields: readonly string[], lineNumber: number): LineContext | undefined {
    const before = this.problems;
    const postedDate = this.checkLine(fields, lineNumber);
    const quantityPurchased = this.quantity(fields, lineNumber);
    if (this.problems > before) return undefined;
    return {
      orderId: optional(cell(fields, this.ix['order-id'])),
      merchantOrderId: optional(cell(fields, this.ix['merchant-order-id'])),
      adjustmentId: optional(cell(fields, this.ix['adjustment-id'])),
      shipmentId: optional(cell(fields, this.ix['shipment-id'])),
      marketplaceName: optional(cell(fields, this.ix['marketplace-name'])),
      fulfillmentId: optional(cell(fields, this.ix['fulfillment-id'])),
      postedDate,
      orderItemCode: optional(cell(fields, this.ix['order-item-code'])),
      merchantOrderItemId: optional(cell(fields, this.ix['merchant-order-item-id'])),
      merchantAdjustmentItemId: optional(cell(fields, this.ix['merchant-adjustment-item-id'])),
      sku: optional(cell(fields, this.ix['sku'])),
      quantityPurchased,
      promotionId: optional(cell(fields, this.ix['promotion-id'])),
    };
  }

  private row(c: LineContext, lineNumber: number, transactionType: string, amountType: string, amountDescription: string, amount: number): void {
    this.rows++;
    this.emit({
      kind: 'row',
      row: {
        lineNumber, transactionType, orderId: c.orderId, merchantOrderId: c.merchantOrderId, adjustmentId: c.adjustmentId,
        shipmentId: c.shipmentId, marketplaceName: c.marketplaceName, amountType, amountDescription, amount,
        fulfillmentId: c.fulfillmentId, postedDate: c.postedDate, orderItemCode: c.orderItemCode,
        merchantOrderItemId: c.merchantOrderItemId, merchantAdjustmentItemId: c.merchantAdjustmentItemId, sku: c.sku,
        quantityPurchased: c.quantityPurchased, promotionId: c.promotionId,
      },
    });
  }
}
