import type { TFunction } from 'i18next';
import type { Output } from '../../../core/api/contract';

/** F10's one message: the delivery finished, and what it came to. */
export function summaryText(t: TFunction, code: string, summary: Output<'receiving.finish'>): string {
  const { received, short, extra, quarantined } = summary;
  return t('receiving.summary', {
    code,
    received: received.count,
    receivedPieces: received.pieces,
    short: short.count,
    shortPieces: short.pieces,
    extra: extra.count,
    extraPieces: extra.pieces,
    quarantined: quarantined.count,
    quarantinedPieces: quarantined.pieces,
  });
}
