// Detail lines → settlement rows: one row per V2 line; one row per non-empty amount column of an older
// flat-file line. Classification values get their canonical spelling when known and are kept as written
// when not (an open set, never refused); everything that cannot be read is a problem with its line.
// The line parser (settlement-line-parser.ts) hands over each detail line's fields, already checked
// for their number.
import { parseAmountIn } from './settlement-amount.js';
import { AmountKinds } from './settlement-amount-kinds.js';
import { LEGACY_AMOUNT_COLUMNS, type ColumnIndex } from './settlement-columns.js';
import { SettlementFieldReader, type SettlementSink } from './settlement-field-reader.js';
import { FieldMemo, LineFields } from './settlement-line-fields.js';
import { canonicalDescription, knownAmountType, knownTransactionType, legacyAccountLevel } from './settlement-known-values.js';
import { RepeatedLine } from './settlement-repeated-line.js';
import type { SettlementFormat, SettlementRow } from './settlement-types.js';

const BLANK = 32;

type LegacyAmountPosition = (typeof LEGACY_AMOUNT_COLUMNS)[number] & { readonly at: number; readonly typeAt: number };

/** Where the columns a row needs are in this file (-1: absent), as plain numbers for the hot path. */
class RowColumns {
  readonly settlementId: number;
  readonly transactionType: number;
  readonly orderId: number;
  readonly merchantOrderId: number;
  readonly marketplaceName: number;
  readonly amountType: number;
  readonly amountDescription: number;
  readonly amount: number;
  readonly postedDate: number;
  readonly postedDateTime: number;
  readonly merchantOrderItemId: number;
  readonly quantityPurchased: number;
  readonly legacyAmounts: readonly LegacyAmountPosition[];

  constructor(ix: ColumnIndex) {
    this.settlementId = ix['settlement-id'];
    this.transactionType = ix['transaction-type'];
    this.orderId = ix['order-id'];
    this.merchantOrderId = ix['merchant-order-id'];
    this.marketplaceName = ix['marketplace-name'];
    this.amountType = ix['amount-type'];
    this.amountDescription = ix['amount-description'];
    this.amount = ix['amount'];
    this.postedDate = ix['posted-date'];
    this.postedDateTime = ix['posted-date-time'];
    this.merchantOrderItemId = ix['merchant-order-item-id'];
    this.quantityPurchased = ix['quantity-purchased'];
    this.legacyAmounts = LEGACY_AMOUNT_COLUMNS.map((c) => ({ ...c, at: ix[c.amount], typeAt: c.type === undefined ? -1 : ix[c.type] })).filter((c) => c.at >= 0);
  }
}

/** What every row of one line shares (the older file emits several rows per line). */
type LineContext = Omit<SettlementRow, 'lineNumber' | 'transactionType' | 'amountType' | 'amountDescription' | 'amount'>;

export abstract class SettlementRowReader extends SettlementFieldReader {
  protected columns: RowColumns | undefined;
  protected summaryLine = 0;
  protected rows = 0;
  private readonly transactionTypes = new FieldMemo<string>(2);
  private readonly amountTypes = new FieldMemo<string>(4);
  private readonly descriptions = new FieldMemo<string>(16);
  private repeated: RepeatedLine | undefined;
  private kinds: AmountKinds | undefined;
  private readonly varying = new LineFields();
  private lastRow: SettlementRow | undefined;

  constructor(sink: SettlementSink) {
    super(sink);
  }

  protected learnColumns(ix: ColumnIndex, format: SettlementFormat): void {
    const c = this.columns = new RowColumns(ix);
    this.repeated = format === 'v2' ? RepeatedLine.of([c.amountType, c.amountDescription, c.amount]) : undefined;
    const pairThenAmount = c.amountType >= 0 && c.amountDescription === c.amountType + 1 && c.amount === c.amountType + 2;
    this.kinds = format === 'v2' && pairThenAmount ? new AmountKinds() : undefined;
  }

  /**
   * A V2 detail line that repeats the last clean row but for its amount-type, amount-description and
   * amount (settlement-repeated-line.ts): read from that row and those three fields. False when the line
   * does not, and must be read field by field.
   */
  protected readRepeatedV2(text: string, start: number, end: number, lineNumber: number): boolean {
    const repeated = this.repeated;
    const template = repeated?.match(text, start, end);
    if (repeated === undefined || template === undefined) return false;
    if (this.readKnownKind(template, text, repeated.middleStart, repeated.middleEnd, lineNumber)) return true;
    const c = this.columns as RowColumns;
    const fields = this.varying;
    const first = Math.min(c.amountType, c.amountDescription, c.amount);
    if (fields.scan(text, repeated.middleStart, repeated.middleEnd, this.utf8Bytes) !== 3) return false;
    const amount = this.amount(fields, c.amount - first, 'amount', lineNumber);
    if (amount === undefined) return true;
    const readType = this.amountType(fields, c.amountType - first);
    const readDescription = this.description(readType, fields, c.amountDescription - first);
    const kind = this.kinds?.seen(fields.stretch(c.amountType - first, c.amount - first), readType, readDescription);
    const amountType = kind?.amountType ?? readType;
    const amountDescription = kind?.amountDescription ?? readDescription;
    const t = template;
    this.rows++;
    this.sink.row({
      lineNumber, transactionType: t.transactionType, orderId: t.orderId, merchantOrderId: t.merchantOrderId,
      marketplaceName: t.marketplaceName, amountType, amountDescription, amount,
      postedDate: t.postedDate, merchantOrderItemId: t.merchantOrderItemId,
      quantityPurchased: t.quantityPurchased,
    });
    return true;
  }

  /**
   * The repeated line's amount-type and amount-description as a pair seen before (settlement-amount-kinds.ts)
   * and its amount readable as it stands: the row, from the template and the amount. False for anything
   * else (a new pair, blanks around the amount, an amount that cannot be read), which is read field by
   * field then, problems included.
   */
  private readKnownKind(t: SettlementRow, text: string, start: number, end: number, lineNumber: number): boolean {
    const kind = this.kinds?.recall(text, start, end);
    const header = this.header;
    if (kind === undefined || header === undefined) return false;
    const at = start + kind.raw.length;
    if (at === end || text.charCodeAt(at) <= BLANK || text.charCodeAt(end - 1) <= BLANK) return false;
    const amount = parseAmountIn(text, at, end, this.locale, header.fractionDigits);
    if (amount === undefined) return false;
    this.sum += amount;
    this.rows++;
    this.sink.row({
      lineNumber, transactionType: t.transactionType, orderId: t.orderId, merchantOrderId: t.merchantOrderId,
      marketplaceName: t.marketplaceName, amountType: kind.amountType, amountDescription: kind.amountDescription, amount,
      postedDate: t.postedDate, merchantOrderItemId: t.merchantOrderItemId,
      quantityPurchased: t.quantityPurchased,
    });
    return true;
  }

  /** After a line read field by field without a problem: later lines may repeat its row (readRepeatedV2). */
  protected rememberCleanRow(fields: LineFields): void {
    if (this.repeated !== undefined && this.lastRow !== undefined) this.repeated.remember(fields, this.lastRow);
  }

  /**
   * A line that repeats the last clean row's text before the varying columns, but not after them (a new
   * item of the same order, a promotion's line): its fields, found without scanning that text again,
   * and the row whose values read from it are this line's too. Undefined for any other line.
   */
  protected scanRepeatedStart(fields: LineFields, text: string, start: number, end: number): SettlementRow | undefined {
    return this.repeated?.scanAfterPrefix(fields, text, start, end, this.utf8Bytes);
  }

  /** Columns before this one hold what `scanRepeatedStart`'s row was read from (0: none). */
  protected repeatedColumns(template: SettlementRow | undefined): number {
    return template === undefined ? 0 : this.repeated?.first ?? 0;
  }

  /**
   * One V2 line is one row: built in one object, the hot path of a million-row file. With `template`
   * (scanRepeatedStart), the values of columns before the varying ones are taken from it, not read.
   */
  protected readV2(fields: LineFields, lineNumber: number, template?: SettlementRow): void {
    const c = this.columns as RowColumns;
    if (fields.isEmpty(c.transactionType) && fields.isEmpty(c.amount)) return;
    const same = this.repeatedColumns(template);
    const t = template as SettlementRow;
    const before = this.problems;
    const amount = this.amount(fields, c.amount, 'amount', lineNumber);
    const transactionType = c.transactionType < same ? t.transactionType : this.transactionType(fields, lineNumber);
    const postedDate = this.checkLine(fields, lineNumber, same, t);
    const quantityPurchased = c.quantityPurchased < same ? t.quantityPurchased : this.wholeNumber(fields, c.quantityPurchased, 'quantity-purchased', lineNumber);
    if (this.problems > before || amount === undefined || transactionType === undefined) return;
    const kind = this.kinds?.recall(fields.source, fields.startOf(c.amountType), fields.startOf(c.amount));
    let amountType: string;
    let amountDescription: string;
    if (kind === undefined) {
      amountType = this.amountType(fields, c.amountType);
      amountDescription = this.description(amountType, fields, c.amountDescription);
      const seen = this.kinds?.seen(fields.stretch(c.amountType, c.amount), amountType, amountDescription);
      if (seen !== undefined) ({ amountType, amountDescription } = seen);
    } else {
      amountType = kind.amountType;
      amountDescription = kind.amountDescription;
    }
    this.rows++;
    this.sink.row(this.lastRow = {
      lineNumber, transactionType,
      orderId: c.orderId < same ? t.orderId : fields.optional(c.orderId),
      merchantOrderId: c.merchantOrderId < same ? t.merchantOrderId : fields.optional(c.merchantOrderId),
      marketplaceName: c.marketplaceName < same ? t.marketplaceName : fields.optional(c.marketplaceName),
      amountType, amountDescription, amount,
      postedDate,
      merchantOrderItemId: c.merchantOrderItemId < same ? t.merchantOrderItemId : fields.optional(c.merchantOrderItemId),
      quantityPurchased,
    });
  }

  /**
   * The older file spreads a line's money over column pairs. Its account-level money (reserves, fees,
   * transfers, reimbursements) names itself in transaction-type with the amount in other-amount: that
   * becomes the V2 row other-transaction / <amount type> / <the text>, known or not.
   */
  protected readLegacy(fields: LineFields, lineNumber: number): void {
    const c = this.columns as RowColumns;
    const typeEmpty = fields.isEmpty(c.transactionType);
    const amounts: Array<{ column: LegacyAmountPosition; amount: number | undefined }> = [];
    for (const column of c.legacyAmounts) {
      if (!fields.isEmpty(column.at)) amounts.push({ column, amount: this.amount(fields, column.at, column.amount, lineNumber) });
    }
    if (typeEmpty && amounts.length === 0) return;
    const transactionType = this.transactionType(fields, lineNumber);
    if (transactionType === undefined || amounts.length === 0) return;
    const context = this.context(fields, lineNumber);
    if (context === undefined || amounts.some((a) => a.amount === undefined)) return;
    const accountLevel = knownTransactionType(transactionType) === undefined ? legacyAccountLevel(transactionType) : undefined;
    for (const { column, amount } of amounts) {
      let rowType = transactionType;
      let amountType: string = column.amountType;
      let description = fields.cell(column.typeAt);
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
  // The memos below remember a field's value under its text as it stands (LineFields.raw): a field
  // seen before is neither trimmed nor decoded again.
  private transactionType(fields: LineFields, lineNumber: number): string | undefined {
    const at = (this.columns as RowColumns).transactionType;
    const raw = fields.raw(at);
    const known = this.transactionTypes.recall(raw);
    if (known !== undefined) return known;
    const text = fields.cell(at);
    if (text === '') {
      this.problem(lineNumber, 'column transaction-type is empty');
      return undefined;
    }
    return this.transactionTypes.remember(raw, knownTransactionType(text) ?? text);
  }

  private amountType(fields: LineFields, at: number): string {
    const raw = fields.raw(at);
    const known = this.amountTypes.recall(raw);
    if (known !== undefined) return known;
    const text = fields.cell(at);
    return this.amountTypes.remember(raw, knownAmountType(text) ?? text);
  }

  private description(amountType: string, fields: LineFields, at: number): string {
    const raw = fields.raw(at);
    return this.descriptions.recall(raw, amountType) ?? this.descriptions.remember(raw, canonicalDescription(amountType, fields.cell(at)), amountType);
  }

  /**
   * The line's settlement id (it must be this settlement's) and its posted date, ISO; problems reported.
   * Columns before `same` are those `template` was read from without a problem: not checked again.
   */
  private checkLine(fields: LineFields, lineNumber: number, same = 0, template?: SettlementRow): string | undefined {
    const c = this.columns as RowColumns;
    const settlementId = this.header?.settlementId ?? '';
    if (c.settlementId >= same && !fields.isEmpty(c.settlementId) && !fields.is(c.settlementId, settlementId)) {
      this.problem(lineNumber, `column settlement-id: '${fields.cell(c.settlementId)}' is not this settlement's '${settlementId}' (line ${this.summaryLine})`);
    }
    if (template !== undefined && c.postedDateTime < same && c.postedDate < same) return template.postedDate;
    const posted = fields.isEmpty(c.postedDateTime) ? undefined : this.postedDate(fields, c.postedDateTime, 'posted-date-time', lineNumber);
    const postedDay = fields.isEmpty(c.postedDate) ? undefined : this.postedDate(fields, c.postedDate, 'posted-date', lineNumber);
    return posted ?? postedDay;
  }

  private context(fields: LineFields, lineNumber: number): LineContext | undefined {
    const c = this.columns as RowColumns;
    const before = this.problems;
    const postedDate = this.checkLine(fields, lineNumber);
    const quantityPurchased = this.wholeNumber(fields, c.quantityPurchased, 'quantity-purchased', lineNumber);
    if (this.problems > before) return undefined;
    return {
      orderId: fields.optional(c.orderId), merchantOrderId: fields.optional(c.merchantOrderId),
      marketplaceName: fields.optional(c.marketplaceName),
      postedDate, merchantOrderItemId: fields.optional(c.merchantOrderItemId),
      quantityPurchased,
    };
  }

  private row(c: LineContext, lineNumber: number, transactionType: string, amountType: string, amountDescription: string, amount: number): void {
    this.rows++;
    this.sink.row({
      lineNumber, transactionType, orderId: c.orderId, merchantOrderId: c.merchantOrderId,
      marketplaceName: c.marketplaceName, amountType, amountDescription, amount,
      postedDate: c.postedDate,
      merchantOrderItemId: c.merchantOrderItemId,
      quantityPurchased: c.quantityPurchased,
    });
  }
}
