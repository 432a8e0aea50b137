import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LotFilters, LotRow } from '../../../core/api/contract';
import { lotStates } from '../../../core/db/schema';
import { useFeedback } from '../feedback/Feedback';
import { FinishName } from '../names/FinishName';
import { go } from '../router';
import { useCan } from '../session/useCan';
import { useSessionState } from '../sessionState';
import { useShortcut } from '../shell/shortcuts';
import { useListKeys } from '../shell/useListKeys';
import { formatDateTime, heldStates } from './format';
import { useLotPages, type LotSort } from './useLotPages';

const column = createColumnHelper<LotRow>();
const sortable: Record<string, LotSort['by']> = { id: 'id', receivedAt: 'receivedAt', design: 'design', artisan: 'artisan', receivedQty: 'receivedQty' };
const rowHeight = 34;
const labels: Record<string, string> = {
  id: 'lots.id',
  receivedAt: 'lots.receivedAt',
  design: 'lots.design',
  artisan: 'lots.artisan',
  finish: 'lots.finish',
  receivedQty: 'lots.received',
  state: 'lots.state',
  weight: 'lots.weight',
  station: 'lots.station',
};

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function LotsScreen() {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [filters, setFilters] = useSessionState<LotFilters>('karakana.lotFilters', {});
  const [sorting, setSorting] = useSessionState<SortingState>('karakana.lotSorting', [{ id: 'receivedAt', desc: true }]);
  const [visibility, setVisibility] = useState<VisibilityState>(() => JSON.parse(localStorage.getItem('karakana.lotColumns') ?? '{}') as VisibilityState);
  const settledFilters = useDebounced(filters, 250);
  const sort: LotSort = { by: sortable[sorting[0]?.id ?? 'receivedAt'] ?? 'receivedAt', desc: sorting[0]?.desc ?? true };
  const { rows, hasMore, total, loading, loadMore } = useLotPages(settledFilters, sort, feedback.error);
  const scroller = useRef<HTMLDivElement>(null);
  const firstFilter = useRef<HTMLInputElement>(null);
  useShortcut({ key: 'f', ctrl: true }, () => firstFilter.current?.focus());
  // Quarantined pieces wait for a supervisor's decision: the list is theirs.
  const decidesQuarantine = useCan('quarantine.list');
  useShortcut({ key: 'q', alt: true }, () => decidesQuarantine && go({ screen: 'quarantine' }));

  useEffect(() => localStorage.setItem('karakana.lotColumns', JSON.stringify(visibility)), [visibility]);

  const columns = useMemo(
    () => [
      column.accessor('id', { header: () => t('lots.id'), cell: (c) => <span className="mono">{c.getValue()}</span> }),
      column.accessor('receivedAt', { header: () => t('lots.receivedAt'), cell: (c) => formatDateTime(c.getValue(), i18n.language) }),
      column.accessor('designSku', { id: 'design', header: () => t('lots.design'), cell: (c) => `${c.getValue()} · ${c.row.original.designName}` }),
      column.accessor('artisanName', { id: 'artisan', header: () => t('lots.artisan') }),
      column.accessor('finish', { header: () => t('lots.finish'), enableSorting: false, cell: (c) => <FinishName code={c.getValue()} /> }),
      column.accessor('receivedQty', { header: () => t('lots.received'), cell: (c) => <span className="num">{c.getValue()}</span> }),
      column.accessor('quantities', {
        id: 'state',
        header: () => t('lots.state'),
        enableSorting: false,
        cell: (c) =>
          heldStates(c.getValue())
            .map((s) => `${t(`states.${s.state}`)} ${s.count}`)
            .join(' · '),
      }),
      column.accessor('receivedWeightG', { id: 'weight', header: () => t('lots.weight'), enableSorting: false, cell: (c) => (c.getValue() === null ? '' : `${c.getValue()} g`) }),
      column.accessor('station', { header: () => t('lots.station'), enableSorting: false }),
    ],
    [t, i18n.language],
  );

  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, columnVisibility: visibility },
    onSortingChange: setSorting,
    onColumnVisibilityChange: setVisibility,
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableSortingRemoval: false,
    getCoreRowModel: getCoreRowModel(),
  });

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - 30) loadMore();
  }, [lastIndex, rows.length, hasMore, loadMore]);
  // The list answers its keys wherever the focus is but in a filter: a person starts with ↓, not a click.
  const { selected: active, select } = useListKeys({
    rows: rows.length,
    onOpen: (index) => rows[index] && go({ screen: 'lot', lotId: rows[index].id }),
    scrollTo: (index) => virtualizer.scrollToIndex(index),
  });
  useEffect(() => select(0), [settledFilters, sorting, select]);

  const setFilter = (key: keyof LotFilters, value: string) => setFilters((f) => ({ ...f, [key]: value || undefined }));
  const visibleColumns = table.getVisibleLeafColumns();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <section className="lots-screen" aria-labelledby="lots-title">
      <header className="screen-header">
        <h1 id="lots-title">{t('lots.title')}</h1>
        <span className="muted" data-testid="lots-total">
          {total === null ? t('lots.counting') : t('lots.total', { count: total })}
        </span>
        {decidesQuarantine && (
          <a href="#/quarantine" aria-keyshortcuts="Alt+Q" data-testid="quarantine-link">
            {t('quarantine.title')} <kbd>Alt+Q</kbd>
          </a>
        )}
        <details className="column-chooser">
          <summary>{t('lots.columns')}</summary>
          {table.getAllLeafColumns().map((c) => (
            <label key={c.id}>
              <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
              {t(labels[c.id]!)}
            </label>
          ))}
        </details>
      </header>
      <div className="filters" role="group" aria-label={t('lots.filters')}>
        <input ref={firstFilter} placeholder={t('lots.filterId')} aria-label={t('lots.filterId')} value={filters.id ?? ''} onChange={(e) => setFilter('id', e.target.value)} data-testid="filter-id" />
        <input placeholder={t('lots.filterDesign')} aria-label={t('lots.filterDesign')} value={filters.design ?? ''} onChange={(e) => setFilter('design', e.target.value)} />
        <input placeholder={t('lots.filterArtisan')} aria-label={t('lots.filterArtisan')} value={filters.artisan ?? ''} onChange={(e) => setFilter('artisan', e.target.value)} data-testid="filter-artisan" />
        <select aria-label={t('lots.filterState')} value={filters.state ?? ''} onChange={(e) => setFilter('state', e.target.value)} data-testid="filter-state">
          <option value="">{t('lots.anyState')}</option>
          {lotStates.map((s) => (
            <option key={s} value={s}>
              {t(`states.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div ref={scroller} className="table-scroll" tabIndex={0} aria-label={t('lots.tableHint')} data-testid="lots-table">
        <table aria-rowcount={total ?? -1}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th
                    key={header.id}
                    aria-sort={header.column.getIsSorted() === 'asc' ? 'ascending' : header.column.getIsSorted() === 'desc' ? 'descending' : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        {{ asc: ' ▲', desc: ' ▼' }[header.column.getIsSorted() as string] ?? ''}
                      </button>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {before > 0 && (
              <tr style={{ height: before }}>
                <td colSpan={visibleColumns.length} />
              </tr>
            )}
            {items.map((item) => {
              const row = table.getRowModel().rows[item.index]!;
              return (
                <tr
                  key={row.id}
                  style={{ height: rowHeight }}
                  className={item.index === active ? 'active' : ''}
                  onClick={() => select(item.index)}
                  onDoubleClick={() => go({ screen: 'lot', lotId: row.original.id })}
                  data-testid="lot-row"
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ))}
                </tr>
              );
            })}
            {after > 0 && (
              <tr style={{ height: after }}>
                <td colSpan={visibleColumns.length} />
              </tr>
            )}
          </tbody>
        </table>
        {!loading && rows.length === 0 && <p className="empty">{t('lots.none')}</p>}
      </div>
      <p className="muted small">{t('lots.keys')}</p>
    </section>
  );
}
