import { useCallback, useEffect, useRef, useState } from 'react';
import type { Input, LotFilters, LotRow } from '../../../core/api/contract';
import { call } from '../client/client';

export type LotSort = Input<'lots.page'>['sort'];
const pageSize = 100;

/**
 * Rows of the Lots screen, fetched a page at a time from the store as the table scrolls;
 * the total is counted separately so the first page never waits for it.
 */
export function useLotPages(filters: LotFilters, sort: LotSort, onError: (error: unknown) => void) {
  const [rows, setRows] = useState<LotRow[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);
  const key = JSON.stringify({ filters, sort });

  useEffect(() => {
    const mine = ++generation.current;
    setRows([]);
    setTotal(null);
    setLoading(true);
    call('lots.page', { filters, sort, offset: 0, limit: pageSize })
      .then((page) => {
        if (mine !== generation.current) return;
        setRows(page.rows);
        setHasMore(page.hasMore);
      })
      .catch(onError)
      .finally(() => mine === generation.current && setLoading(false));
    call('lots.count', { filters })
      .then((count) => mine === generation.current && setTotal(count.total))
      .catch(() => undefined);
    // key stands for filters and sort by value, not identity.
  }, [key]);

  const loadMore = useCallback(() => {
    if (loading || !hasMore) return;
    const mine = generation.current;
    setLoading(true);
    call('lots.page', { filters, sort, offset: rows.length, limit: pageSize })
      .then((page) => {
        if (mine !== generation.current) return;
        setRows((current) => [...current, ...page.rows]);
        setHasMore(page.hasMore);
      })
      .catch(onError)
      .finally(() => mine === generation.current && setLoading(false));
  }, [loading, hasMore, filters, sort, rows.length, onError]);

  return { rows, hasMore, total, loading, loadMore };
}
