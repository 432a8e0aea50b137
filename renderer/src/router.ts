import { useMemo, useSyncExternalStore } from 'react';
import type { Output } from '../../core/api/contract';

// Screens live in the URL hash, so a reload keeps the person where they were.
export type Route =
  | { screen: 'lots' }
  | { screen: 'lot'; lotId: string }
  | { screen: 'users' }
  | { screen: 'station' }
  | { screen: 'backups' }
  | { screen: 'devices' }
  | { screen: 'scanner' }
  | { screen: 'sync' }
  | { screen: 'quarantine' }
  | { screen: 'receiving'; code: string | null }
  | { screen: 'artisan'; artisanId: string }
  // Feature screens with one optional argument: qc (a lot id), quality (an artisan id),
  // packing (a customer order id), plating (a batch id), printing (a job id).
  | { screen: FeatureScreen; arg: string | null };

export const featureScreens = ['qc', 'quality', 'packing', 'plating', 'printing'] as const;
export type FeatureScreen = (typeof featureScreens)[number];

export function parseRoute(hash: string): Route {
  const [screen, arg] = hash.replace(/^#\/?/, '').split('/');
  switch (screen) {
    case 'lot':
      return arg ? { screen: 'lot', lotId: decodeURIComponent(arg) } : { screen: 'lots' };
    case 'receiving':
      return { screen: 'receiving', code: arg ? decodeURIComponent(arg) : null };
    case 'artisan':
      return arg ? { screen: 'artisan', artisanId: decodeURIComponent(arg) } : { screen: 'lots' };
    case 'qc':
    case 'quality':
    case 'packing':
    case 'plating':
    case 'printing':
      return { screen, arg: arg ? decodeURIComponent(arg) : null };
    case 'users':
    case 'station':
    case 'backups':
    case 'devices':
    case 'scanner':
    case 'sync':
    case 'quarantine':
      return { screen };
    default:
      return { screen: 'lots' };
  }
}

export function hrefOf(route: Route): string {
  switch (route.screen) {
    case 'lot':
      return `#/lot/${encodeURIComponent(route.lotId)}`;
    case 'receiving':
      return route.code ? `#/receiving/${encodeURIComponent(route.code)}` : '#/receiving';
    case 'artisan':
      return `#/artisan/${encodeURIComponent(route.artisanId)}`;
    case 'qc':
    case 'quality':
    case 'packing':
    case 'plating':
    case 'printing':
      return route.arg ? `#/${route.screen}/${encodeURIComponent(route.arg)}` : `#/${route.screen}`;
    default:
      return `#/${route.screen}`;
  }
}

/** Where a scanned code leads: its lot, notice, order's packing or batch's run. */
export function scanRoute(target: Output<'scan.resolve'>): Route {
  switch (target.kind) {
    case 'lot':
      return { screen: 'lot', lotId: target.lotId };
    case 'notice':
      return { screen: 'receiving', code: target.code };
    case 'order':
      return { screen: 'packing', arg: target.orderId };
    case 'batch':
      return { screen: 'plating', arg: target.batchId };
  }
}

/** Whoever draws the route: told at once by `go`, and by the browser's hashchange for Back and links. */
const routeListeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  routeListeners.add(listener);
  window.addEventListener('hashchange', listener);
  return () => {
    routeListeners.delete(listener);
    window.removeEventListener('hashchange', listener);
  };
}

/**
 * Goes to a screen and draws it before the next key is handled: the browser's hashchange comes a
 * task later, after a key already waiting (input goes first), and that key (Ctrl+F pressed right
 * after Esc) would reach the screen being left.
 */
export function go(route: Route): void {
  location.hash = hrefOf(route);
  for (const listener of routeListeners) listener();
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return useMemo(() => parseRoute(hash), [hash]);
}
