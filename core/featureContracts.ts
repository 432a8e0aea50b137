import { authProcedures } from './auth/contract';
import { backupProcedures } from './backup/contract';
import { supportProcedures } from './logs/contract';
import { lotProcedures, lotTopics } from './lots/contract';
import { packingProcedures } from './packing/contract';
import { platingProcedures } from './plating/contract';
import { printingProcedures, printingTopics } from './printing/contract';
import { qcProcedures } from './qc/contract';
import { quarantineProcedures } from './quarantine/contract';
import { receivingProcedures, receivingTopics } from './receiving/contract';
import { scanProcedures } from './scan/contract';
import { setupProcedures } from './setup/contract';
import { stationProcedures, stationTopics } from './station/contract';
import { syncProcedures } from './sync/contract';
import { userProcedures } from './users/contract';

// Each feature's part of the contract: the procedures it serves and the topics it publishes. The
// renderer loads these by value (core/api/contract.ts joins them), so this list reaches no Node;
// core/features.ts lists the same features whole, each with these same procedures.

export const featureContracts = [
  { procedures: setupProcedures },
  { procedures: authProcedures },
  { procedures: stationProcedures, topics: stationTopics },
  { procedures: scanProcedures },
  { procedures: lotProcedures, topics: lotTopics },
  { procedures: userProcedures },
  { procedures: syncProcedures },
  { procedures: receivingProcedures, topics: receivingTopics },
  { procedures: qcProcedures },
  { procedures: backupProcedures },
  { procedures: supportProcedures },
  { procedures: quarantineProcedures },
  { procedures: printingProcedures, topics: printingTopics },
  { procedures: packingProcedures },
  { procedures: platingProcedures },
] as const;
