import { AppError } from '../kernel/errors';
import { required, type Command } from '../kernel/command';
import { UsageError } from '../kernel/errors';
import { inspectionLevels, inspectionModes, isInspectionLevel, isInspectionMode, samplingPlan } from './sampling';

// The qc commands of hq (joined in core/cli/commands.ts).

function number(values: Record<string, unknown>, name: string): number {
  const text = required(values, name);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`--${name} must be a number, not ${text}`);
  return value;
}

export const qcCommands: Record<string, Command> = {
  'sampling-plan': {
    summary: 'the ANSI/ASQ Z1.4 single sampling plan for a lot size and AQL',
    usage: [
      `hq sampling-plan --lot-size N --aql A [--level ${inspectionLevels.join('|')}] [--inspection ${inspectionModes.join('|')}]`,
      '  Prints one JSON object: {codeLetter, sampleSize, accept, reject, inspectAll}.',
      '  Level II and normal inspection unless given. inspectAll is true when the sample would be',
      '  the whole lot (then sampleSize is the lot size). The AQL must be one the standard tabulates',
      '  (0.010 to 1000); the lot at least 2 pieces. Bad arguments exit 2.',
    ].join('\n'),
    options: { 'lot-size': { type: 'string' }, aql: { type: 'string' }, level: { type: 'string' }, inspection: { type: 'string' } },
    async run(values, positionals) {
      if (positionals.length) throw new UsageError(`unexpected ${positionals.join(' ')}`);
      const lotSize = number(values, 'lot-size');
      const aql = number(values, 'aql');
      const level = values.level ?? 'II';
      const inspection = values.inspection ?? 'normal';
      if (!isInspectionLevel(level)) throw new UsageError(`--level must be one of ${inspectionLevels.join(', ')}, not ${String(level)}`);
      if (!isInspectionMode(inspection)) throw new UsageError(`--inspection must be one of ${inspectionModes.join(', ')}, not ${String(inspection)}`);
      try {
        console.log(JSON.stringify(samplingPlan({ lotSize, aql, level, inspection })));
      } catch (error) {
        // An AQL the standard does not tabulate, or a lot too small: the command line is wrong.
        if (error instanceof AppError) throw new UsageError(error.message);
        throw error;
      }
    },
  },
};
