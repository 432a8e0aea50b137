import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/kernel/errors';
import { startFailure } from './startFailure';

describe('the dialog when the desktop app cannot open its store', () => {
  const file = 'C:\\Users\\clerk\\AppData\\Roaming\\Karakana\\station.db';

  it('says in English that a locked store is in use and what to do', () => {
    const { message } = startFailure(new AppError('store.locked', 'locked', { file: 'x' }), 'en-US', file);
    expect(message).toBe(`The store ${file} is in use by another program. Close the other Karakana and try again.`);
  });

  it('speaks Swahili on a Swahili Windows', () => {
    const { title, message } = startFailure(new AppError('store.damaged', 'damaged', { file }), 'sw-KE', file);
    expect(title).toBe('Karakana haiwezi kuanza');
    expect(message).toContain('imeharibika');
  });

  it('names the schema of a store from a newer Karakana', () => {
    const { message } = startFailure(new AppError('store.newer', 'newer', { file, version: 7 }), 'en', file);
    expect(message).toContain('schema 7');
  });
});
