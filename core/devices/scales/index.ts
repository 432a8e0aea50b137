// The scale layer: one interface (types.ts) for USB HID scales, serial balances and the simulated
// scale. Real drivers load their native modules only when openScale asks for them.
export type { Scale, ScaleEvents, ScaleReading, ScaleState, ScaleStatus, ReportedWeight } from './types';
export { openScale, type OpenScaleOptions } from './openScale';
export { nextStableReading, type StableReadingOptions } from './nextStableReading';
export { StableRun } from './stability';
export { SimulatedScale, simulatedScales, type SimulatedScaleOptions } from './simulatedScale';
export { parseScaleAddress, type ScaleAddress } from './deviceId';
export { findScales, type FoundScale } from './discover';
export { serialProtocols, portSettings, type SerialProtocol } from './serialProtocols';
export { toGrams } from './units';
