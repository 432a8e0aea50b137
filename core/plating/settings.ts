import type { Db, Trx } from '../db/schema';
import { cycleMinutes, type Recipe } from './faraday';

// The plating office's settings as the planner edits them: lines and their physics, recipes,
// refinement stations, the shift calendar and the metal loss norms.

export interface LineSettings {
  id: string;
  name: string;
  finishes: string[];
  capacityDm2: number;
  maxPieces: number;
  handlingMinutes: number;
  /** 'default' and 'from->to' pairs */
  changeoverMinutes: Record<string, number>;
  /** The cathode efficiency measured on this line's bath per finish, where it differs from the recipe's. */
  bathEfficiency: Record<string, number>;
}

export interface CalendarSettings {
  timeZone: string;
  shifts: { weekdays: number[]; start: string; end: string }[];
  closed: string[];
}

export interface RefinementStation {
  id: string;
  name: string;
  step: 'polish' | 'tumble' | 'clean';
  capacityPieces: number;
  minutesPerLoad: number;
}

export interface PlatingSettings {
  lines: LineSettings[];
  recipes: Recipe[];
  stations: RefinementStation[];
  calendar: CalendarSettings;
  /** Loss norms in per cent, and goldUsed: how far gold used may be from Faraday's expectation (±) before a supervisor must override. */
  lossNorms: { refining: number; plating: number; gold: number; goldUsed: number };
}

/** Until the planner saves a calendar: two shifts Monday to Saturday, 07:00 to 19:00 Nairobi time. */
export const defaultCalendar: CalendarSettings = {
  timeZone: 'Africa/Nairobi',
  shifts: [{ weekdays: [1, 2, 3, 4, 5, 6], start: '07:00', end: '19:00' }],
  closed: [],
};

export const defaultLossNorms = { refining: 2, plating: 1, gold: 10, goldUsed: 30 };

export async function readSettings(db: Db | Trx): Promise<PlatingSettings> {
  const [lines, recipes, stations, calendar, norms] = await Promise.all([
    db.selectFrom('plating_lines').selectAll().orderBy('id').execute(),
    db.selectFrom('plating_recipes').selectAll().orderBy('finish').execute(),
    db.selectFrom('refinement_stations').selectAll().orderBy('id').execute(),
    db.selectFrom('plating_calendar').selectAll().executeTakeFirst(),
    db.selectFrom('metal_loss_norms').selectAll().execute(),
  ]);
  const norm = (step: string) => norms.find((n) => n.step === step)?.norm_pct;
  return {
    lines: lines.map((l) => ({
      id: l.id,
      name: l.name,
      finishes: JSON.parse(l.finishes) as string[],
      capacityDm2: l.capacity_dm2,
      maxPieces: l.max_pieces,
      handlingMinutes: l.handling_minutes,
      changeoverMinutes: JSON.parse(l.changeover_minutes) as Record<string, number>,
      bathEfficiency: JSON.parse(l.bath_efficiency) as Record<string, number>,
    })),
    recipes: recipes.map((r) => ({ finish: r.finish, metal: r.metal, base: r.base, thicknessUm: r.thickness_um, currentDensity: r.current_density, efficiency: r.efficiency })),
    stations: stations.map((s) => ({ id: s.id, name: s.name, step: s.step, capacityPieces: s.capacity_pieces, minutesPerLoad: s.minutes_per_load })),
    calendar: calendar ? { timeZone: calendar.time_zone, shifts: JSON.parse(calendar.shifts), closed: JSON.parse(calendar.closed) } : defaultCalendar,
    lossNorms: {
      refining: norm('refining') ?? defaultLossNorms.refining,
      plating: norm('plating') ?? defaultLossNorms.plating,
      gold: norm('gold') ?? defaultLossNorms.gold,
      goldUsed: norm('goldUsed') ?? defaultLossNorms.goldUsed,
    },
  };
}

/** Minutes a batch of a finish takes on a line (Faraday + handling), or null when the line cannot run it. */
export function lineCycle(line: LineSettings, recipes: readonly Recipe[], finish: string): number | null {
  const recipe = recipes.find((r) => r.finish === finish);
  if (!recipe || !line.finishes.includes(finish)) return null;
  return cycleMinutes(recipe, line.handlingMinutes, line.bathEfficiency[finish]);
}
