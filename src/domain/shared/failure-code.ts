// Every code a Failure can carry, by where it comes from. The flows decide on codes (a duplicate order
// is adopted, a refused cancel means "too late"), so a code is a member of this union, never a free
// string; a partner's own code, when it has one, is kept verbatim in `Failure.partnerCode`.
export type FailureCode =
  | TransportFailureCode
  | AmazonFailureCode
  | CommercetoolsFailureCode
  | SettlementFailureCode
  | LedgerFailureCode;

/** Either partner, or the bridge's own HTTP: nothing answered, or not in time, or not sensibly. */
export type TransportFailureCode = 'NetworkError' | 'Timeout' | 'ServerError' | 'Throttled' | 'Unauthorized' | 'UnexpectedAnswer';

/** SP-API answers as the flows read them (adapters/amazon/sp-api-errors.ts). */
export type AmazonFailureCode =
  | 'DuplicateOrder' | 'OrderNotFound' | 'NotCancellable' | 'InvalidSku' | 'InvalidInput'
  | 'QuotaExceeded' | 'Unauthorized' | 'Timeout' | 'ServerError' | 'NetworkError' | 'NextTokenExpired'
  | 'UnknownCompression';

/** commercetools answers as the flows read them (adapters/commercetools/ct-errors.ts). */
export type CommercetoolsFailureCode =
  | 'ConcurrentModification' | 'InvalidInput' | 'InvalidCursor' | 'SetupMissing' | 'EntryNotFound'
  | 'EntryWithoutChannel' | 'DeliveryNotFound' | 'UnexpectedOrderValue' | 'ResourceNotFound' | 'ChannelNotFound'
  | 'EntryExists' | 'OrderCustomTypeLacksFields' | 'OrderHasNoShippingInfo';

/** A settlement file or chart of accounts that cannot be used as it is. */
export type SettlementFailureCode =
  | 'InvalidSettlementRow' | 'InvalidSettlementHeader' | 'InvalidChartOfAccounts' | 'CurrencyMismatch'
  | 'AmountOverflow' | 'JournalUnbalanced';

/** Writing journals to a ledger. */
export type LedgerFailureCode = 'LedgerWriteFailed' | 'LedgerManifestDamaged' | 'LedgerConflict' | 'XeroFileTooLarge';
