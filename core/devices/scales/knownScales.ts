/** HID usage page of point-of-sale scales: any device on it is a scale, listed or not. */
export const scaleUsagePage = 0x8d;

/** USB scales by vendor and product id, from usbscale's scales.h (erjiang/usbscale) and the Dymo S-series id. */
export const knownScales: ReadonlyArray<{ vendorId: number; productId: number; name: string }> = [
  { vendorId: 0x1446, productId: 0x6a73, name: 'Stamps.com Model 510 5 lb' },
  { vendorId: 0x7b7c, productId: 0x0100, name: 'USPS (Elane) PS311 30 lb' },
  { vendorId: 0x2474, productId: 0x0550, name: 'Stamps.com stainless 5 lb' },
  { vendorId: 0x2474, productId: 0x3550, name: 'Stamps.com stainless 35 lb' },
  { vendorId: 0x0eb8, productId: 0xf000, name: 'Mettler Toledo' },
  { vendorId: 0x6096, productId: 0x0158, name: 'Sanford Dymo 10 lb postal' },
  { vendorId: 0x0b67, productId: 0x555e, name: 'Fairbanks SCB-R9000' },
  { vendorId: 0x0922, productId: 0x8004, name: 'Dymo M25 postal' },
  { vendorId: 0x0922, productId: 0x8003, name: 'Dymo M10 postal' },
  { vendorId: 0x0922, productId: 0x8009, name: 'Dymo S-series' },
];

export function knownScaleName(vendorId: number, productId: number): string | null {
  return knownScales.find((s) => s.vendorId === vendorId && s.productId === productId)?.name ?? null;
}

export function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}
