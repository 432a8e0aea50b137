import { closeSync, openSync, writeSync } from 'node:fs';
import { askStore } from './askStore';

// A failing disk's work on a real store, done to a store whose WAL has been checkpointed (closed):
// one page overwritten with garbage. The schema still reads; the table behind that page does not.

async function overwritePage(file: string, pageno: number): Promise<void> {
  const [{ page_size: pageSize }] = (await askStore<{ page_size: number }>(file, 'PRAGMA page_size')) as [{ page_size: number }];
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (pageno - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

/** Damages the table's root page: nothing of the table reads any more. */
export async function damageTablePage(file: string, table: string): Promise<void> {
  const [{ rootpage }] = (await askStore<{ rootpage: number }>(file, `SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = '${table}'`)) as [{ rootpage: number }];
  await overwritePage(file, rootpage);
}

/** Damages one leaf page of the table (SQLite's dbstat finds it): the rows on the other pages still read. */
export async function damageLeafPage(file: string, table: string): Promise<void> {
  const [{ pageno }] = (await askStore<{ pageno: number }>(file, `SELECT pageno FROM dbstat WHERE name = '${table}' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1`)) as [{ pageno: number }];
  await overwritePage(file, pageno);
}
