// The kinds of device a station knows and how it reaches each: the devices screen offers them and a
// station's device events carry them (shared by the contract and the events, so in a leaf of its own).

export const deviceKinds = ['scale', 'label_printer', 'receipt_printer', 'scanner'] as const;
export const deviceDrivers = ['simulated', 'tcp', 'serial', 'hid', 'system', 'keyboard'] as const;
export type DeviceKind = (typeof deviceKinds)[number];
