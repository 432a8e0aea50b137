import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { deviceDrivers, deviceKinds, type Output } from '../../../core/api/contract';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useRefusal } from '../feedback/FieldProblem';
import { useCan } from '../session/useCan';
import { ScaleTest } from './ScaleTest';
import { PrinterSettings } from '../printing/PrinterSettings';
import { useShortcut } from '../shell/shortcuts';
import { useListKeys } from '../shell/useListKeys';
import { useStationDemo } from '../shell/useStationDemo';

type Device = Output<'devices.list'>[number];
const empty: Omit<Device, 'id'> & { id: string | null } = { id: null, kind: 'scale', name: '', driver: 'serial', address: '' };
// A refused save is told beside the field it concerns (an address the driver cannot use).
const fields = ['name', 'driver', 'address'] as const;
const fieldOf = { 'device.badAddress': 'address', 'device.addressRequired': 'address', 'device.demoOnly': 'driver' };

export function DevicesScreen() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [devices, setDevices] = useState<Device[]>([]);
  const [draft, setDraft] = useState(empty);
  const refusal = useRefusal(fields, fieldOf);
  const canEdit = useCan('devices.save');
  const demo = useStationDemo();
  const drivers = deviceDrivers.filter((d) => demo || d !== 'simulated');

  const load = useCallback(() => void call('devices.list', {}).then(setDevices).catch(feedback.error), [feedback]);
  useEffect(load, [load]);
  const table = useRef<HTMLTableElement>(null);
  const form = useRef<HTMLFormElement>(null);
  // Set when a key or a click opened the form: it comes into view with the keyboard in its first field.
  const [opened, setOpened] = useState(0);
  const open = (device: typeof empty) => {
    setDraft(device);
    refusal.clear();
    setOpened((n) => n + 1);
  };
  useEffect(() => {
    if (!opened) return;
    form.current?.scrollIntoView({ block: 'nearest' });
    form.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus({ preventScroll: true });
  }, [opened]);
  const list = useListKeys({ rows: devices.length, onOpen: (index) => canEdit && devices[index] && open(devices[index]) });
  useShortcut({ key: 'n', alt: true }, () => canEdit && open(empty));
  // The device whose row takes the keyboard once listed: the one just saved, or left with Esc.
  const [backTo, setBackTo] = useState<string | null>(null);
  useEffect(() => {
    const at = devices.findIndex((d) => d.id === backTo);
    if (at < 0) return;
    setBackTo(null);
    list.select(at);
    table.current?.querySelectorAll<HTMLElement>('tbody tr')[at]?.focus();
  }, [devices, backTo, list]);
  const close = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    setBackTo(draft.id);
    setDraft(empty);
    refusal.clear();
  };

  const attempt = async (work: () => Promise<unknown>) => {
    refusal.clear();
    try {
      await work();
      feedback.info(t('devices.saved'));
      setDraft(empty);
      load();
    } catch (e) {
      refusal.refuse(e);
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void attempt(async () => setBackTo((await call('devices.save', draft)).id));
  };

  return (
    <section aria-labelledby="devices-title">
      <h1 id="devices-title">{t('devices.title')}</h1>
      {canEdit && (
        <p className="hint" data-testid="devices-keys">
          <kbd>↑ ↓ Enter</kbd> {t('devices.keys.edit')} · <kbd>Alt+N</kbd> {t('devices.keys.add')} · <kbd>Esc</kbd> {t('devices.keys.close')}
        </p>
      )}
      <table className="list" ref={table} data-testid="devices-table">
        <thead>
          <tr>
            <th>{t('devices.name')}</th>
            <th>{t('devices.kind')}</th>
            <th>{t('devices.driver')}</th>
            <th>{t('devices.address')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {devices.map((d, index) => (
            <tr key={d.id} ref={list.rowRef(index)} tabIndex={-1} className={index === list.selected ? 'active' : ''} aria-selected={index === list.selected} data-testid="device-row">
              <td>{d.name}</td>
              <td>{t(`devices.kinds.${d.kind}`)}</td>
              <td>{t(`devices.drivers.${d.driver}`)}</td>
              <td className="mono">{d.address}</td>
              <td className="actions">
                {canEdit && (
                  <>
                    <button type="button" onClick={() => open(d)}>
                      {t('users.edit')}
                    </button>
                    <button type="button" onClick={() => void attempt(() => call('devices.remove', { id: d.id }))}>
                      {t('devices.remove')}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {devices.some((d) => d.kind === 'scale') && <ScaleTest />}
      <PrinterSettings devices={devices} canEdit={canEdit} />
      {canEdit && (
        <form className="card" ref={form} onSubmit={save} onKeyDown={close} data-testid="device-form">
          <h2>{draft.id ? t('devices.editTitle', { name: draft.name }) : t('devices.addTitle')}</h2>
          <div className="grid-2">
            <label>
              {t('devices.name')}
              <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} name="name" {...refusal.marks('name')} />
              {refusal.problem('name')}
            </label>
            <label>
              {t('devices.kind')}
              <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as Device['kind'] })} name="kind">
                {deviceKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`devices.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('devices.driver')}
              <select value={draft.driver} onChange={(e) => setDraft({ ...draft, driver: e.target.value as Device['driver'] })} name="driver" {...refusal.marks('driver')}>
                {drivers.map((d) => (
                  <option key={d} value={d}>
                    {t(`devices.drivers.${d}`)}
                  </option>
                ))}
              </select>
              {refusal.problem('driver')}
            </label>
            <label>
              {t('devices.address')}
              <input value={draft.address} placeholder={t(`devices.addressHint.${draft.driver}`)} onChange={(e) => setDraft({ ...draft, address: e.target.value })} name="address" {...refusal.marks('address')} />
              {refusal.problem('address')}
            </label>
          </div>
          {refusal.other && (
            <p className="form-error" role="alert">
              {refusal.other}
            </p>
          )}
          <button type="submit" className="primary">
            {t('devices.save')}
          </button>
        </form>
      )}
    </section>
  );
}
